/**
 * The agent's session outside the network: read from a bare token or from storage
 * (untrusted, validated here), and when to refresh it.
 */
import { validate } from '../protocol/index.js';
import { unverifiedClaims } from '../transports/types.js';
import { agentSessionSchema, type AgentSession } from './inbox-api.js';

/** Refresh the agent token at 80% of its life, and at the latest this long before it expires. */
const REFRESH_BEFORE_MS = 5 * 60_000;
/** After a failed refresh (offline), try again this soon while the token still holds. */
export const REFRESH_RETRY_MS = 30_000;

/** When to refresh a token that expires at `expiresAt`, as a delay from now. */
export function refreshDelay(expiresAt: number, now: number): number {
  const left = expiresAt - now;
  return Math.max(0, Math.max(left * 0.8, left - REFRESH_BEFORE_MS));
}

/** A session from a bare token (the element's `token` property): its claims, read unverified. */
export function sessionOfToken(token: string): AgentSession {
  const c = unverifiedClaims(token) ?? {};
  const exp = typeof c.exp === 'number' ? c.exp * 1000 : 0;
  return { token, expiresAt: new Date(exp).toISOString(), agent: { id: String(c.sub ?? 'agent'), name: String(c.name ?? ''), role: c.role === 'admin' ? 'admin' : 'agent' } };
}

/** The session kept in storage, if it is one. */
export function storedSession(raw: string | null): AgentSession | null {
  try {
    const parsed = raw ? validate(agentSessionSchema, JSON.parse(raw)) : null;
    return parsed?.ok ? parsed.frame : null;
  } catch {
    return null;
  }
}
