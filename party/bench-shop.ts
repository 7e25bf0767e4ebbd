/**
 * Dev servers only (bench/suites/shop.ts): the shop room on its own, fed index pushes the
 * way ticket rooms send them (one RPC each, a ticket's state and its new message's text),
 * from one bench socket instead of a hundred ticket rooms. In `wrangler dev` every Durable
 * Object shares one isolate, so the whole path's figure is mostly the ticket rooms' cost;
 * deployed, each room runs apart and the shop room's own work is what caps a shop. The
 * tickets are made here from a number and a text: nothing the socket sends reaches the
 * index but those two.
 */
import type { Ticket } from '../src/protocol/index.js';
import { MAX_BODY_CHARS } from '../src/protocol/index.js';
import { DEV_SHOP } from './core/seed.js';
import type { Env } from './worker-env.js';

/** Tickets of the bench (`shop-bench-0` ...): a frame naming another is dropped. */
const MAX_BENCH_TICKETS = 1000;

export function shopPushSocket(env: Env): Response {
  const main = env.Main.get(env.Main.idFromName(DEV_SHOP));
  // Each bench ticket's last revision and seq: every push is newer than the one before.
  const seqs = new Map<number, number>();
  const started = new Date().toISOString();
  const pair = new WebSocketPair();
  const socket = pair[1];
  socket.accept();
  socket.addEventListener('message', (e) => {
    let frame: { ticket?: unknown; body?: unknown };
    try {
      frame = JSON.parse(String(e.data)) as typeof frame;
    } catch {
      return;
    }
    const n = frame.ticket;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n >= MAX_BENCH_TICKETS || typeof frame.body !== 'string') return;
    const body = frame.body.slice(0, MAX_BODY_CHARS);
    const seq = (seqs.get(n) ?? 0) + 1;
    seqs.set(n, seq);
    const at = new Date().toISOString();
    const ticket: Ticket = {
      id: `shop-bench-${n}`,
      shop: DEV_SHOP,
      channel: 'chat',
      status: 'open',
      customer: { id: `shop-bench-customer-${n}`, name: `Bench shopper ${n}`, email: `bench-${n}@example.com` },
      handler: 'team',
      createdAt: started,
      updatedAt: at,
      lastMessage: { seq, body, author: { role: 'shopper', id: `shop-bench-customer-${n}` }, createdAt: at },
      unread: seq,
      waitingSince: started,
    };
    main.ticketChanged(ticket, seq, [{ seq, body }]).catch((err: unknown) => console.error('bench: shop push failed', err));
  });
  socket.addEventListener('close', () => socket.close());
  return new Response(null, { status: 101, webSocket: pair[0] });
}
