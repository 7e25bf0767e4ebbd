/** Suite `shop`: one shop room under many chats' changes: message to agents' feed latency at rising rates, and the highest rate it sustains. */
import { agentToken, api, startChat, type RunningServer } from '../../test/server/harness.js';
import { QUICK } from '../options.js';
import { climb, paced, type RoundResult } from '../rate-climb.js';
import { results, row } from '../report.js';
import { socket } from '../sockets.js';
import { cpuTimes, stealSince } from '../stats.js';
import { workerdCpuMeter } from '../workerd-cpu.js';
import { watchFeed } from '../feed-watch.js';

export async function shopRoomThroughput(server: RunningServer) {
  const call = api(server);
  const agent = await agentToken(call);
  const wsBase = server.origin.replace('http', 'ws');
  const tickets = QUICK ? 40 : 100;
  const ids: string[] = [];
  for (let i = 0; i < tickets; i++) ids.push((await startChat(call, `bench-shop-${Date.now()}-${i}`)).ticket.id);
  const feed = await socket(`${wsBase}/parties/main/demo.myshopify.com?token=${agent}&v=1`);
  const watch = watchFeed(feed);
  // One round at a rate: `rate * 3` messages (at most 30 per chat) spread over the chats.
  const shopRound = async (rate: number): Promise<RoundResult> => {
    // Fresh sockets each round (the raised SEND_BUDGET keeps the rate limit out of the figures).
    const sockets = await Promise.all(ids.map((id) => socket(`${wsBase}/parties/ticket/${id}?token=${agent}&v=1`)));
    watch.reset();
    const count = Math.min(rate * 3, tickets * 30);
    const cpu0 = cpuTimes();
    // What workerd spends per message here: the ticket room's write and the shop room's index update and feed frame.
    const workerdCpu = workerdCpuMeter(server.port);
    await paced(count, rate, (i) => {
      const body = `shop-${rate}-${i}-${Math.random()}`;
      watch.sent(ids[i % tickets]!, body);
      sockets[i % tickets]!.send(JSON.stringify({ type: 'send', clientId: body, body }));
    });
    await watch.settled(count);
    const cpuPerMessage = workerdCpu() / count;
    for (const ws of sockets) ws.close();
    return { ...watch.figures(count), steal: stealSince(cpu0), cpuPerMessage };
  };
  const rates = QUICK ? [50, 200, 800] : [50, 100, 200, 400, 800, 1000, 1200, 1600];
  const { steps, sustained } = await climb(rates, (rate) => `throughput: one shop room at ${rate} messages/s over ${tickets} chats, message → agents' feed p50 / p99`, shopRound);
  feed.close();
  row('throughput: one shop room, highest rate with a median p99 ≤ 50 ms', `${sustained}/s`);
  results.shopRoom = { tickets, steps, sustainedPerSecond: sustained };
}
