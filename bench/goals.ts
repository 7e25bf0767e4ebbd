/**
 * The goals of the performance issue (issue 19), each figure of this run beside its goal
 * and its floor (what the same path costs with nothing of ours on it, or the peer it is
 * measured against), with the CPU time the VM's host took while it was measured (steal).
 * Read from what the suites stored in `results`; a suite that did not run leaves its rows out.
 */
import { loadavg } from 'node:os';
import { kb, ms, results, row } from './report.js';

interface Goal {
  figure: string;
  ours: string;
  goal: string;
  floor: string;
  met: boolean;
  steal: string;
}

type Latency = { p50: number; p99: number; p99Rounds: number[]; p99First: number; p99Worst: number };
type LatencyResults = Record<string, unknown> & {
  ratios?: { worker: number[] };
  floor_worker?: { paced: { p50: number; p99: number } };
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
const pcts = (xs: number[] | undefined) => (xs?.length ? `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}%` : 'n/a');

export function goals(): void {
  const out: Goal[] = [];
  const sizes = results.sizes as { cdn: Record<string, { initial: { brotli: number }; whole: { brotli: number } }> } | undefined;
  const chat = sizes?.cdn['customer-hub-chat.js'];
  if (chat) {
    out.push({ figure: 'initial load, brotli', ours: kb(chat.initial.brotli), goal: '≤ 1.5 KB', floor: "Intercom's loader 1.7 KB", met: chat.initial.brotli <= 1500, steal: 'n/a' });
    out.push({ figure: 'whole shopper widget, brotli', ours: kb(chat.whole.brotli), goal: '≤ 25 KB', floor: 'Lit alone 5.5 KB', met: chat.whole.brotli <= 25_000, steal: 'n/a' });
  }
  const load = results.load as { empty?: { rendered: number }; net?: { ours: number; returning: number; bare: number; bareAgain: number } } | undefined;
  if (load?.net && load.empty && load.net.bare > 0) {
    // Above an empty page probed at the same point (bench/suites/load.ts): the launcher's own cost.
    const ratio = load.net.ours / load.net.bare;
    out.push({ figure: 'time to a rendered launcher / bare Lit element, above an empty page (first visit)', ours: `${ratio.toFixed(2)}× (${ms(load.net.ours)}; returning ${load.net.bareAgain > 0 ? `${(load.net.returning / load.net.bareAgain).toFixed(2)}×` : 'n/a'})`, goal: '≤ 0.5×', floor: `empty page ${ms(load.empty.rendered)}`, met: ratio <= 0.5, steal: 'n/a' });
  }
  const lh = results.lighthouse as { medians: { score: { plain: number; withChat: number } } } | undefined;
  if (lh) {
    const lost = lh.medians.score.plain - lh.medians.score.withChat;
    out.push({ figure: 'Lighthouse points lost, product page (mobile, median)', ours: String(lost), goal: '0', floor: `without the chat ${lh.medians.score.plain}`, met: lost <= 0, steal: 'n/a' });
  }
  const lat = results.latency as LatencyResults | undefined;
  const steal = (key: string) => pcts((lat?.[key] as { stealPercent?: number[] } | undefined)?.stealPercent);
  if (lat?.ratios?.worker.length && lat.floor_worker) {
    const r = median(lat.ratios.worker);
    out.push({ figure: 'shopper → agent p50 / paced worker echo p50 (median of rounds)', ours: `${r.toFixed(2)}×`, goal: '≤ 2×', floor: `worker echo ${ms(lat.floor_worker.paced.p50)}`, met: r <= 2, steal: steal('chats1') });
  }
  for (const chats of [1000, 500]) {
    const at = lat?.[`chats${chats}`] as { shopperToAgent: Latency; agentToShopper: Latency } | undefined;
    if (!at || !lat?.floor_worker) continue;
    for (const [dir, x] of [['shopper → agent', at.shopperToAgent], ['agent → shopper', at.agentToShopper]] as const) {
      out.push({
        figure: `${dir} p99 at ${chats} open chats (median of rounds; worst, first)`,
        ours: `${ms(x.p99)} (${ms(x.p99Worst)}, ${ms(x.p99First)})`,
        goal: chats === 1000 ? '≤ 10 ms, first round included' : '≤ 20 ms',
        floor: `worker echo p99 ${ms(lat.floor_worker.paced.p99)}`,
        met: chats === 1000 ? x.p99Worst <= 10 : x.p99 <= 20,
        steal: steal(`chats${chats}`),
      });
    }
    break;
  }
  const shop = results.shopRoom as { sustainedPerSecond: number; steps: Array<{ rate: number; p99: number; stealPercent: number[] }> } | undefined;
  if (shop) {
    const at = shop.steps.find((s) => s.rate === shop.sustainedPerSecond);
    const room = results.throughput as { ticketRoomPerSecond: number } | undefined;
    out.push({
      figure: "one shop room: highest rate with p99 ≤ 50 ms into the agents' feed",
      ours: `${shop.sustainedPerSecond}/s${at ? ` (p99 ${ms(at.p99)})` : ''}`,
      goal: '≥ 1,000/s',
      floor: room ? `one ticket room stores ${Math.round(room.ticketRoomPerSecond)}/s` : 'n/a',
      met: shop.sustainedPerSecond >= 1000,
      steal: pcts(shop.steps.flatMap((s) => s.stealPercent)),
    });
  }
  // The shop room with no ticket room on its thread (bench/suites/shop-alone.ts): what a deployed shop pays.
  const alone = results.shopRoomAlone as { sustainedPerSecond: number; steps: Array<{ rate: number; p99: number; stealPercent: number[]; cpuPerMessageMs: number[] }> } | undefined;
  if (alone) {
    const last = alone.steps.at(-1);
    const cpu = last ? `; CPU ${ms(median(last.cpuPerMessageMs))} a push at ${last.rate}/s` : '';
    out.push({ figure: "the shop room alone: highest rate of index pushes with p99 ≤ 50 ms into the agents' feed", ours: `${alone.sustainedPerSecond}/s${cpu}`, goal: '≥ 1,000/s', floor: 'n/a', met: alone.sustainedPerSecond >= 1000, steal: pcts(alone.steps.flatMap((s) => s.stealPercent)) });
  }
  const storage = results.storage as Record<number, { reads: number; writes: number; lists: number }> | undefined;
  if (storage?.[10] && storage[10_000]) {
    const same = JSON.stringify(storage[10]) === JSON.stringify(storage[10_000]);
    const ops = (c: { reads: number; writes: number; lists: number }) => `${c.reads}r/${c.writes}w/${c.lists}l`;
    out.push({ figure: 'storage operations for message 10 / 10,000', ours: `${ops(storage[10])} / ${ops(storage[10_000])}`, goal: 'the same (O(1))', floor: '1 write', met: same, steal: 'n/a' });
  }
  if (!out.length) return;
  console.log(`\ngoals (issue 19): each figure beside its goal and its floor (machine load average now: ${loadavg().map((l) => l.toFixed(1)).join(', ')})`);
  for (const g of out) row(`goal: ${g.figure}`, `${g.ours} | goal ${g.goal} ${g.met ? 'MET' : 'NOT MET'} | floor ${g.floor} | steal ${g.steal}`);
  results.goals = out;
}
