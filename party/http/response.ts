/**
 * The server's JSON answers (DESIGN §5): every route answers JSON with open CORS, and
 * every refusal is `{error:{code,message}}`.
 */
import type { HttpErrorCode } from '../../src/protocol/index.js';

/** Chat pages live on the shops' own domains; tokens, not origins, guard the routes. */
export const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Max-Age': '86400',
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  if (status === 204) return new Response(null, { status, headers: { ...CORS, ...headers } });
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...CORS, ...headers },
  });
}

export const fail = (status: number, code: HttpErrorCode, message: string): Response => json(status, { error: { code, message } });
