/** Who may join a ticket's socket, decided on the ticket's own state (DESIGN §5 "Refusals"). */
import type { Ticket } from '../../src/protocol/index.js';
import type { Participant } from './participant.js';

export type Admission =
  | { ok: true; role: Participant['role'] }
  | { ok: false; close: 4003; code: 'forbidden' | 'not_found'; message: string };

export function admit(ticket: Ticket | null, claims: { shop: string; role: 'shopper' | 'agent' | 'admin'; sub: string }): Admission {
  if (!ticket) return { ok: false, close: 4003, code: 'not_found', message: 'This ticket does not exist.' };
  if (claims.shop !== ticket.shop) return { ok: false, close: 4003, code: 'forbidden', message: 'This ticket belongs to another shop.' };
  if (claims.role === 'shopper' && ticket.customer?.id !== claims.sub) {
    return { ok: false, close: 4003, code: 'forbidden', message: 'This ticket belongs to another customer.' };
  }
  return { ok: true, role: claims.role === 'shopper' ? 'shopper' : 'agent' };
}
