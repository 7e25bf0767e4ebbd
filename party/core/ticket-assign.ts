/**
 * Assignment (issue 17, R18): who the shop's team is, and what an agent's `assign`
 * frame does to the ticket. The team is the agents whose keys open the shop (the
 * server's `AGENT_KEYS`): the one list the server trusts, so an `assign` can name no
 * one else, and `GET agents` lists the same people.
 */
import type { AgentRef } from '../../src/protocol/index.js';
import { agentKeys, type ServerEnv } from './env.js';
import type { Participant } from './participant.js';
import type { Refusal, TicketMeta } from './ticket-state.js';

/** The most team members listed or searched: agent keys are configuration, this only bounds a mistake. */
export const MAX_TEAM = 100;

/** The agents who may sign in to `shop`, one entry per agent id, in the configured order. */
export function teamOf(env: ServerEnv, shop: string): AgentRef[] {
  const team = new Map<string, AgentRef>();
  for (const k of agentKeys(env)) {
    if (team.size >= MAX_TEAM) break;
    if ((k.shops.includes(shop) || k.shops.includes('*')) && !team.has(k.id)) team.set(k.id, { id: k.id, name: k.name });
  }
  return [...team.values()];
}

/**
 * An `assign {agentId}` from `p`: agents only, to a member of the team or to nobody
 * (null). The name stored is the team's, never the sender's. `unchanged` when the
 * ticket already has that assignee.
 */
export function applyAssign(p: Participant, meta: TicketMeta, agentId: string | null, team: readonly AgentRef[]): Refusal | 'changed' | 'unchanged' {
  if (p.role !== 'agent') return { code: 'forbidden', message: 'Only agents assign tickets.' };
  const to = agentId === null ? null : team.find((a) => a.id === agentId);
  if (to === undefined) return { code: 'not_found', message: 'No agent with this id in the shop\u2019s team.' };
  if ((meta.ticket.assignee?.id ?? null) === (to?.id ?? null)) return 'unchanged';
  meta.ticket.assignee = to ? { id: to.id, name: to.name } : null;
  return 'changed';
}
