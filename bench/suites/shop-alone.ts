/**
 * Suite `shop`, second part: the shop room on its own (party/bench-shop.ts). In `wrangler
 * dev` every Durable Object runs in one isolate on one thread, so the first part's figure
 * counts a hundred ticket rooms' writes beside the shop's work; deployed, each room runs
 * apart. Here one bench socket sends the index pushes ticket rooms send (a ticket's state
 * and its new text, one RPC each) at rising rates, and the agents' feed is timed as there.
 */
import { agentToken, api, type RunningServer } from '../../test/server/harness.js';
import { QUICK } from '../options.js';
import { climb, paced, type RoundResult } from '../rate-climb.js';
import { watchFeed } from '../feed-watch.js';
import { results, row } from '../report.js';
import { socket } from '../sockets.js';
import { cpuTimes, stealSince } from '../stats.js';
import { workerdCpuMeter } from '../workerd-cpu.js';

export async function shopRoomAlone(server: RunningServer) {
  const agent = await agentToken(api(server));
  const wsBase = server.origin.replace('http', 'ws');
  const tickets = QUICK ? 40 : 100;
  const feed = await socket(`${wsBase}/parties/main/demo.myshopify.com?token=${agent}&v=1`);
  const watch = watchFeed(feed);
  const pushes = await socket(`${wsBase}/__bench/shop-pushes`);
  const round = async (rate: number): Promise<RoundResult> => {
    watch.reset();
    const count = rate * 3;
    const cpu0 = cpuTimes();
    const workerdCpu = workerdCpuMeter(server.port);
    await paced(count, rate, (i) => {
      const body = `alone-${rate}-${i}-${Math.random()}`;
      watch.sent(`shop-bench-${i % tickets}`, body);
      pushes.send(JSON.stringify({ ticket: i % tickets, body }));
    });
    await watch.settled(count);
    return { ...watch.figures(count), steal: stealSince(cpu0), cpuPerMessage: workerdCpu() / count };
  };
  const rates = process.env.BENCH_SHOP_RATES ? process.env.BENCH_SHOP_RATES.split(",").map(Number) : QUICK ? [200, 800, 1600] : [200, 400, 800, 1000, 1200, 1600, 2000, 3200];
  const { steps, sustained } = await climb(rates, (rate) => `throughput: the shop room alone at ${rate} index pushes/s over ${tickets} tickets, push → agents' feed p50 / p99`, round);
  pushes.close();
  feed.close();
  row('throughput: the shop room alone, highest rate with a median p99 ≤ 50 ms', `${sustained}/s`);
  results.shopRoomAlone = { tickets, steps, sustainedPerSecond: sustained };
}
