/**
 * A refused WebSocket in the Worker (DESIGN §5 "Refusals"): accepted, told why in one
 * `error` frame, and closed with its code, so the browser sees the reason instead of 1006.
 */
import { refuse, type Refusal } from './http/socket-gate.js';

export function refuseSocket(refusal: Refusal): Response {
  const pair = new WebSocketPair();
  const [client, server] = [pair[0], pair[1]];
  server.accept();
  refuse(server, refusal);
  return new Response(null, { status: 101, webSocket: client });
}
