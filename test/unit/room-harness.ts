/** Drives a TicketRoom as sockets would: participants that record what they receive. */
import type { ServerFrame, Ticket } from '../../src/protocol/index.js';
import type { Budget } from '../../party/core/rate-limit.js';
import { MemoryStorage } from '../../party/core/storage.js';
import { TicketRoom, type Participant } from '../../party/core/ticket-room.js';

export interface Peer extends Participant {
  frames: ServerFrame[];
  of<T extends ServerFrame['type']>(type: T): Extract<ServerFrame, { type: T }>[];
  say(frame: object | string): Promise<void>;
}

export function roomHarness(opts: { now?: () => number; deliveryTimeoutMs?: number; sendBudget?: Budget } = {}) {
  const storage = new MemoryStorage();
  const peers = new Set<Participant>();
  const changes: Array<{ ticket: Ticket; revision: number }> = [];
  let clock = 1_800_000_000_000;
  const now = opts.now ?? (() => clock);
  let n = 0;
  const room = new TicketRoom(storage, {
    now,
    newId: () => `msg-${++n}`,
    peers: () => peers,
    changed: (ticket, revision) => changes.push({ ticket: structuredClone(ticket), revision }),
    ...(opts.deliveryTimeoutMs ? { deliveryTimeoutMs: opts.deliveryTimeoutMs } : {}),
    ...(opts.sendBudget ? { sendBudget: opts.sendBudget } : {}),
  });
  const join = (role: Participant['role'], userId: string, name?: string): Peer => {
    const frames: ServerFrame[] = [];
    const peer: Peer = {
      id: `${role}-${userId}-${peers.size}`,
      role,
      userId,
      ...(name ? { name } : {}),
      frames,
      send: (f) => frames.push(structuredClone(f)),
      of: (type) => frames.filter((f) => f.type === type) as never,
      say: (frame) => room.receive(peer, typeof frame === 'string' ? frame : JSON.stringify(frame)),
    };
    peers.add(peer);
    return peer;
  };
  const create = (first = 'Hello, where is my order?') =>
    room.create({ id: 't1', shop: 'demo.myshopify.com', customer: { id: 'c1', name: 'Ada' }, handler: 'team', first: { clientId: 'first', body: first } });
  return { room, storage, peers, changes, join, create, advance: (ms: number) => (clock += ms) };
}
