/** Suite `shop`: one shop room under many chats' changes: message to agents' feed latency at rising rates, and the highest rate it sustains. */
import { agentToken, api, startChat, type RunningServer } from '../../test/server/harness.js';
import { QUICK, ROUNDS } from '../options.js';
import { ms, results, row } from '../report.js';
import { socket } from '../sockets.js';
import { cpuTimes, median, pct, stealSince } from '../stats.js';
import { workerdCpuMeter } from '../workerd-cpu.js';

export async function shopRoomThroughput(server: RunningServer) {
  const call = api(server);
  const agent = await agentToken(call);
  const wsBase = server.origin.replace('http', 'ws');
  const tickets = QUICK ? 40 : 100;
  const ids: string[] = [];
  for (let i = 0; i < tickets; i++) ids.push((await startChat(call, `bench-shop-${Date.now()}-${i}`)).ticket.id);
  const feed = await socket(`${wsBase}/parties/main/demo.myshopify.com?token=${agent}&v=1`);
  // Per ticket, the messages sent and not yet seen in the agents' feed, in order. Each
  // body is unique: a feed frame carrying one covers it and every one before it.
  const waiting = new Map<string, Array<{ body: string; at: number }>>();
  let latencies: number[] = [];
  feed.on('message', (d) => {
    const f = JSON.parse(String(d)) as { type: string; ticket?: { id: string; lastMessage?: { body: string } } };
    const list = f.type === 'ticket' && f.ticket?.lastMessage ? waiting.get(f.ticket.id) : undefined;
    const upTo = list?.findIndex((m) => m.body === f.ticket!.lastMessage!.body) ?? -1;
    const now = performance.now();
    for (const m of upTo >= 0 ? list!.splice(0, upTo + 1) : []) latencies.push(now - m.at);
  });
  const steps: Array<{ rate: number; p50: number; p99: number; unseen: number; p99Rounds: number[]; stealPercent: number[]; cpuPerMessageMs: number[] }> = [];
  let sustained = 0;
  // One round at a rate: `rate * 3` messages (at most 30 per chat) spread over the chats.
  const shopRound = async (rate: number) => {
    // Fresh sockets each round (the raised SEND_BUDGET keeps the rate limit out of the figures).
    const sockets = await Promise.all(ids.map((id) => socket(`${wsBase}/parties/ticket/${id}?token=${agent}&v=1`)));
    latencies = [];
    waiting.clear();
    const count = Math.min(rate * 3, tickets * 30);
    const cpu0 = cpuTimes();
    // What workerd spends per message here: the ticket room's write and the shop room's index update and feed frame.
    const workerdCpu = workerdCpuMeter(server.port);
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const wait = start + (i * 1000) / rate - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const id = ids[i % tickets]!;
      const body = `shop-${rate}-${i}-${Math.random()}`;
      const list = waiting.get(id) ?? [];
      list.push({ body, at: performance.now() });
      waiting.set(id, list);
      sockets[i % tickets]!.send(JSON.stringify({ type: 'send', clientId: body, body }));
    }
    const deadline = performance.now() + 10_000;
    while (latencies.length < count && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const cpuPerMessage = workerdCpu() / count;
    for (const ws of sockets) ws.close();
    return { p50: median(latencies), p99: pct(latencies, 99), unseen: count - latencies.length, steal: stealSince(cpu0), cpuPerMessage };
  };
  for (const rate of QUICK ? [50, 200, 800] : [50, 100, 200, 400, 800, 1000, 1200, 1600]) {
    const runs = [];
    for (let round = 0; round < ROUNDS; round++) runs.push(await shopRound(rate));
    const p50 = median(runs.map((r) => r.p50));
    const p99 = median(runs.map((r) => r.p99));
    const unseen = median(runs.map((r) => r.unseen));
    steps.push({ rate, p50, p99, unseen, p99Rounds: runs.map((r) => r.p99), stealPercent: runs.map((r) => r.steal), cpuPerMessageMs: runs.map((r) => r.cpuPerMessage) });
    const cpu = `; workerd CPU per message ${ms(median(runs.map((r) => r.cpuPerMessage)))}`;
    const each = ROUNDS > 1 ? ` (rounds: ${runs.map((r) => r.p99.toFixed(1)).join(', ')}; steal ${runs.map((r) => `${r.steal.toFixed(0)}%`).join(', ')}${cpu})` : ` (${cpu.slice(2)})`;
    row(`throughput: one shop room at ${rate} messages/s over ${tickets} chats, message → agents' feed p50 / p99`, `${ms(p50)} / ${ms(p99)}${unseen ? ` (${unseen} not seen in 10 s)` : ''}${each}`);
    if (unseen || p99 > 50) break;
    sustained = rate;
  }
  feed.close();
  row('throughput: one shop room, highest rate with a median p99 ≤ 50 ms', `${sustained}/s`);
  results.shopRoom = { tickets, steps, sustainedPerSecond: sustained };
}
