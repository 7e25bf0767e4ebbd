/**
 * Which agents have a ticket open, and which of them are typing (issue 17 "Collision"):
 * a `presence` frame to the agents' sockets on every join, leave and typing change
 * (typing arrives already coalesced by pacing.ts). Never to the shopper. Who is there
 * comes from the live sockets, so it survives the room hibernating; typing is
 * ephemeral, in memory, like the `typing` frame.
 */
import type { Presence, ServerFrame } from '../../src/protocol/index.js';
import { sendAll, type Participant } from './participant.js';

/** Sends `frame` to every agent socket of the room but `exceptId`. */
export function sendToAgents(peers: Iterable<Participant>, frame: ServerFrame, exceptId?: string): void {
  sendAll(filter(peers, (peer) => peer.role === 'agent' && peer.id !== exceptId), frame);
}

function* filter<T>(items: Iterable<T>, keep: (item: T) => boolean): Iterable<T> {
  for (const item of items) if (keep(item)) yield item;
}

export class AgentPresence {
  /** Connection ids of agents typing now. */
  private typists = new Set<string>();

  constructor(private readonly peers: () => Iterable<Participant>) {}

  /** An agent socket said hello (joined or came back): everyone learns who is here. */
  joined(p: Participant): void {
    if (p.role === 'agent') this.announce();
  }

  typing(p: Participant, active: boolean): void {
    if (p.role !== 'agent') return;
    if (active) this.typists.add(p.id);
    else this.typists.delete(p.id);
    this.announce();
  }

  /** A socket closed; it may still be listed among the peers while it closes. */
  left(connectionId: string): void {
    this.typists.delete(connectionId);
    this.announce(connectionId);
  }

  /** One entry per agent (several tabs are one person), typing when any of their sockets is. */
  private announce(leaving?: string): void {
    const agents = new Map<string, Presence[number]>();
    const peers = [...this.peers()].filter((p) => p.role === 'agent' && p.id !== leaving);
    for (const p of peers) {
      const typing = this.typists.has(p.id) || agents.get(p.userId)?.typing === true;
      if (agents.size < 50 || agents.has(p.userId)) agents.set(p.userId, { id: p.userId, name: p.name ?? p.userId, typing });
    }
    // In name order: the sockets' order says nothing and would make the line jump.
    const list = [...agents.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    sendToAgents(peers, { type: 'presence', agents: list });
  }
}
