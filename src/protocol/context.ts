/**
 * The page's context on a ticket (issue 15, `setContext`): a flat map of short scalar
 * fields the merchant's page sends (cart, order number, any field), `pageUrl` being the
 * page the chat was started or last updated from. The wire check is only "an object":
 * the server bounds and cleans it before storing (party/core/ticket-context.ts), so
 * the widget carries no copy of those rules.
 */
import { fail, isPlainObject, pass, type Schema } from './schema.js';

export type ContextValue = string | number | boolean;
export type TicketContext = Record<string, ContextValue>;

export const contextSchema: Schema<TicketContext> = {
  check: (input, path) => (isPlainObject(input) ? pass(input as TicketContext) : fail(path, 'expected an object')),
};
