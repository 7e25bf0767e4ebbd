/**
 * `POST ticket/{id}/transcript` (README "Shopper e-mails"): the shopper of this ticket,
 * with its ticket token, asks for the conversation by e-mail. No body is read: the
 * server alone decides where it goes (the account's address). Shared by the Worker's
 * ticket object and the in-memory backend.
 */
import { TICKET_KINDS, bearer, verifyToken } from '../core/auth.js';
import type { TranscriptOutcome } from '../core/email/transcript.js';
import { chatSecret, type ServerEnv } from '../core/env.js';
import { fail, json } from './response.js';

export interface TranscriptRouteContext {
  env: ServerEnv;
  ticketId: string;
  now: number;
  emailTranscript(): Promise<TranscriptOutcome>;
}

export async function transcriptRoute(request: Request, ctx: TranscriptRouteContext): Promise<Response> {
  if (request.method !== 'POST') return fail(405, 'method_not_allowed', 'A transcript is asked for with POST.');
  const token = bearer(request);
  const claims = token ? await verifyToken(chatSecret(ctx.env)!, token, ctx.now, TICKET_KINDS) : null;
  if (!claims) return fail(401, 'unauthorized', 'A valid ticket token is required.');
  if (claims.role !== 'shopper' || claims.tid !== ctx.ticketId) return fail(403, 'forbidden', 'Only the shopper of this chat can get it by e-mail.');
  if (claims.sub.startsWith('anon:')) return fail(403, 'login_required', 'Log in to your store account to get this conversation by e-mail.');
  let outcome: TranscriptOutcome;
  try {
    outcome = await ctx.emailTranscript();
  } catch {
    return fail(404, 'not_found', 'This chat does not exist.');
  }
  if (outcome.ok) return json(202, { sentTo: outcome.sentTo });
  const retry: Record<string, string> = outcome.retryAfterSeconds ? { 'Retry-After': String(outcome.retryAfterSeconds), 'Access-Control-Expose-Headers': 'Retry-After' } : {};
  return json(outcome.status, { error: { code: outcome.code, message: outcome.message } }, retry);
}
