/** Suite `wake`: the first message into a hibernated ticket room, and the one after it. */
import type WebSocket from 'ws';
import { agentToken, api, startChat, type RunningServer } from '../../test/server/harness.js';
import { QUICK } from '../options.js';
import { ms, results, row } from '../report.js';
import { socket } from '../sockets.js';
import { median } from '../stats.js';

export async function wakeLatency(server: RunningServer) {
  const call = api(server);
  const agent = await agentToken(call);
  const wsBase = server.origin.replace('http', 'ws');
  const rooms = QUICK ? 5 : 20;
  const pairs: Array<{ shopper: WebSocket; team: WebSocket }> = [];
  for (let i = 0; i < rooms; i++) {
    const chat = await startChat(call, `bench-wake-${i}-${Date.now()}`);
    pairs.push({
      shopper: await socket(`${wsBase}/parties/ticket/${chat.ticket.id}?token=${chat.ticketToken}&v=1`, 'http://localhost:5173'),
      team: await socket(`${wsBase}/parties/ticket/${chat.ticket.id}?token=${agent}&v=1`),
    });
  }
  const deliver = (from: WebSocket, to: WebSocket) =>
    new Promise<number>((resolve) => {
      const clientId = `wake-${Math.random()}`;
      const t = performance.now();
      // Not delivered in 15 s: NaN, and the row says so.
      const timer = setTimeout(() => (to.off('message', on), resolve(NaN)), 15_000);
      const on = (d: WebSocket.RawData) => {
        const f = JSON.parse(String(d)) as { type: string; message?: { clientId?: string } };
        if (f.type === 'message' && f.message?.clientId === clientId) (clearTimeout(timer), to.off('message', on), resolve(performance.now() - t));
      };
      to.on('message', on);
      from.send(JSON.stringify({ type: 'send', clientId, body: 'Are you still there?' }));
    });
  for (const p of pairs) await deliver(p.shopper, p.team);
  // Past the ~10 s after which an idle room hibernates (its sockets stay open).
  await new Promise((r) => setTimeout(r, 12_000));
  const first: number[] = [];
  const next: number[] = [];
  let lostCount = 0;
  for (const p of pairs) {
    for (const [list, v] of [[first, await deliver(p.shopper, p.team)], [next, await deliver(p.shopper, p.team)]] as const) {
      if (Number.isNaN(v)) lostCount++;
      else list.push(v);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const p of pairs) (p.shopper.close(), p.team.close());
  row(`latency: first message into a hibernated room (idle 12 s), p50 / max of ${rooms}`, `${ms(median(first))} / ${ms(Math.max(...first))} (the next message: ${ms(median(next))})${lostCount ? `; ${lostCount} NOT DELIVERED in 15 s` : ''}`);
  results.wake = { rooms, first: { p50: median(first), max: Math.max(...first) }, next: { p50: median(next) } };
}
