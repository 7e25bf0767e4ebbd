/**
 * The page's context on a ticket (issue 15, `setContext`): the shopper's page sends
 * it with `POST chats` and may replace it with a `context` frame while the chat is
 * open (the cart changed, another page). The wire only checks it is an object; here
 * it is bounded before it is stored (README "Context on the ticket"): trimmed, never
 * refused, so a merchant's oversized cart line never stops a shopper's chat.
 */
import type { ContextValue, TicketContext } from '../../src/protocol/index.js';
import type { Participant } from './participant.js';
import type { Refusal, TicketMeta } from './ticket-state.js';

export const MAX_CONTEXT_KEYS = 20;
export const MAX_CONTEXT_KEY_CHARS = 40;
export const MAX_CONTEXT_VALUE_CHARS = 500;
/** `pageUrl` may be longer than other values (query strings are); a longer one is dropped, not cut. */
export const MAX_CONTEXT_URL_CHARS = 2048;
/** The whole context, as JSON. */
export const MAX_CONTEXT_CHARS = 4096;

const isScalar = (v: unknown): v is ContextValue => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/**
 * The context as stored: the first 20 fields with a name of 1 to 40 characters and a
 * string, number or boolean value (others dropped), strings cut to 500 characters,
 * `pageUrl` kept only as an http(s) URL of at most 2048, then fields dropped from the
 * end until the JSON fits in 4096 characters.
 */
/** An address that parses as http(s) (`http://` alone does not: the reply e-mail links to it). */
function isWebUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    return !!new URL(value).host;
  } catch {
    return false;
  }
}

export function boundContext(raw: TicketContext): TicketContext {
  const out: TicketContext = {};
  let count = 0;
  for (const [key, value] of Object.entries(raw)) {
    if (count === MAX_CONTEXT_KEYS) break;
    if (!key || key.length > MAX_CONTEXT_KEY_CHARS || !isScalar(value)) continue;
    if (key === 'pageUrl') {
      if (typeof value !== 'string' || value.length > MAX_CONTEXT_URL_CHARS || !isWebUrl(value)) continue;
      out[key] = value;
    } else {
      out[key] = typeof value === 'string' ? value.slice(0, MAX_CONTEXT_VALUE_CHARS) : value;
    }
    count++;
  }
  const keys = Object.keys(out);
  while (keys.length && JSON.stringify(out).length > MAX_CONTEXT_CHARS) delete out[keys.pop()!];
  return out;
}

/** What a `context` frame did: the ticket's context changed, stayed the same (a resend after a reconnect), or was refused. */
export function applyContext(meta: TicketMeta, role: Participant['role'], raw: TicketContext): Refusal | 'changed' | 'same' {
  if (role !== 'shopper') return { code: 'forbidden', message: 'Only the shopper\u2019s page sets the ticket\u2019s context.' };
  if (meta.ticket.status === 'closed') return { code: 'ticket_closed', message: 'This chat has ended.' };
  const context = boundContext(raw);
  if (JSON.stringify(meta.ticket.context ?? {}) === JSON.stringify(context)) return 'same';
  meta.ticket.context = context;
  return 'changed';
}
