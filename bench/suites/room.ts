/** Suite `room`: the throughput of one ticket room (messages stored and acked per second). */
import { agentToken, api, startChat, type RunningServer } from '../../test/server/harness.js';
import { ROUNDS, QUICK } from '../options.js';
import { results, row } from '../report.js';
import { socket } from '../sockets.js';
import { median } from '../stats.js';

export async function throughput(server: RunningServer) {
  const call = api(server);
  const agent = await agentToken(call);
  const wsBase = server.origin.replace('http', 'ws');
  const total = QUICK ? 200 : 400;
  // One agent token opens at most 4 sockets to a ticket (SOCKET_CAPS): 10 had 6 refused, and the suite waited forever for their acks.
  const SOCKETS = 4;
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const chat = await startChat(call, `bench-tp-${Date.now()}-${round}`);
    const senders = await Promise.all(Array.from({ length: SOCKETS }, () => socket(`${wsBase}/parties/ticket/${chat.ticket.id}?token=${agent}&v=1`)));
    let acked = 0;
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      // Never waits forever: a missing ack shows as a lower rate.
      setTimeout(resolve, 30_000);
      senders.forEach((ws, k) => {
        ws.on('message', (d) => {
          if ((JSON.parse(String(d)) as { type: string }).type === 'ack' && ++acked === total) resolve();
        });
        for (let i = 0; i < total / senders.length; i++) ws.send(JSON.stringify({ type: 'send', clientId: `tp-${k}-${i}`, body: 'x' }));
      });
    });
    rates.push(acked / ((performance.now() - t0) / 1000));
    for (const ws of senders) ws.close();
  }
  row('throughput: one ticket room, stored + acked messages per second', `${Math.round(median(rates))}/s (${total} messages from ${SOCKETS} sockets; rounds: ${rates.map(Math.round).join(', ')})`);
  results.throughput = { ticketRoomPerSecond: median(rates), rounds: rates };
}
