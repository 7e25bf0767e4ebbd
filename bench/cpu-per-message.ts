/**
 * `node --import tsx bench/cpu-per-message.ts`: workerd's CPU per message on its own, for
 * judging a change to the server's hot path (issue 19) in half a minute rather than a whole
 * bench run. One chat, the shopper and an agent writing in turn, each message sent 10 ms
 * after the previous one arrived (the latency suite's cadence), an agent's feed socket open;
 * prints each round's CPU per message (bench/workerd-cpu.ts) split into wrangler's dev proxy
 * and the Worker's process, each direction's p50 (send to the other side's `message` frame)
 * beside the paced worker echo measured right after the round (the latency suite's goal
 * ratio, here with an agent's feed open), and the frames each side received. Run it interleaved with the
 * code before the change: on a shared machine the figure moves ±10% with the neighbours.
 * `ROUNDS` (3) and `MESSAGES` (300) size it; `STORAGE_DIR=/dev/shm` puts its storage in memory; `PROFILE=file.cpuprofile` saves a V8 profile of
 * the isolate over the first round (open it in Chrome's DevTools).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { DEV_ENV, DEV_SHOP } from '../party/core/seed.js';
import { agentToken, api, startChat, startServer } from '../test/server/harness.js';
import { fullProfile } from './cpu-profile.js';
import { echoRtts, socket } from './sockets.js';
import { median } from './stats.js';
import { cpuNs, workerdPids } from './workerd-cpu.js';

const rounds = Number(process.env.ROUNDS ?? 3);
const messages = Number(process.env.MESSAGES ?? 300);
// As bench/run.ts: the send budget would cap one chat long before the round ends.
// `STORAGE_DIR=/dev/shm` keeps the server's storage in memory (to tell disk work from the rest), as BENCH_STORAGE_DIR.
const storageDir = process.env.STORAGE_DIR;
const server = await startServer({
  vars: { ...(DEV_ENV as Record<string, string>), SEND_BUDGET: '1000000/1000000' },
  ...(storageDir ? { persistDir: mkdtempSync(join(storageDir, 'chc-cpu-')) } : {}),
});
try {
  const call = api(server);
  const agent = await agentToken(call);
  const ws = server.origin.replace('http', 'ws');
  const chat = await startChat(call, `cpu-${Date.now()}`);
  const shopper = await socket(`${ws}/parties/ticket/${chat.ticket.id}?token=${chat.ticketToken}&v=1`, 'http://localhost:5173');
  const team = await socket(`${ws}/parties/ticket/${chat.ticket.id}?token=${agent}&v=1`);
  const feed = await socket(`${ws}/parties/main/${DEV_SHOP}?token=${agent}&v=1`);
  const frames = new Map<string, number>();
  const count = (who: string) => (d: WebSocket.RawData) => {
    const key = `${who} ${(JSON.parse(String(d)) as { type: string }).type}`;
    frames.set(key, (frames.get(key) ?? 0) + 1);
  };
  shopper.on('message', count('shopper'));
  team.on('message', count('agent'));
  feed.on('message', count('feed'));
  // Each message's one-way time, send to the other side's `message` frame (the latency suite's measure), by direction.
  let took: { shopper: number[]; agent: number[] } = { shopper: [], agent: [] };
  const oneWay = (from: WebSocket, to: WebSocket) =>
    new Promise<void>((resolve) => {
      const clientId = crypto.randomUUID();
      const t = performance.now();
      const on = (d: WebSocket.RawData) => {
        const f = JSON.parse(String(d)) as { type: string; message?: { clientId?: string } };
        if (f.type === 'message' && f.message?.clientId === clientId) {
          took[from === shopper ? 'shopper' : 'agent'].push(performance.now() - t);
          to.off('message', on), resolve();
        }
      };
      to.on('message', on);
      from.send(JSON.stringify({ type: 'send', clientId, body: 'How long does shipping take to Lyon?' }));
    });
  const turns = async (n: number) => {
    for (let i = 0; i < n; i++) {
      await (i % 2 ? oneWay(team, shopper) : oneWay(shopper, team));
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  await turns(50); // warm
  frames.clear();
  const echoUrl = `${ws}/__bench/echo`;
  const pids = workerdPids(server.port);
  for (let round = 0; round < rounds; round++) {
    const profiling = process.env.PROFILE && round === 0 ? await fullProfile(server.inspectorPort) : null;
    const before = pids.map((pid) => cpuNs([pid]));
    took = { shopper: [], agent: [] };
    await turns(messages);
    const each = pids.map((pid, i) => (cpuNs([pid]) - before[i]!) / 1e6 / messages);
    // The paced worker echo right after the round, as the latency suite's goal ratio (its CPU is not counted above).
    const echo = median(await echoRtts(echoUrl, 200, 10));
    const p50 = median(took.shopper);
    console.log(
      `round ${round + 1}: ${each.reduce((a, b) => a + b, 0).toFixed(3)} ms of workerd CPU per message (by process: ${each.map((x) => x.toFixed(3)).join(' + ')}); ` +
        `p50 shopper → agent ${p50.toFixed(2)} ms, agent → shopper ${median(took.agent).toFixed(2)} ms; paced worker echo ${echo.toFixed(2)} ms (${(p50 / echo).toFixed(2)}×); load ${loadavg()[0]!.toFixed(1)}`,
    );
    if (profiling) writeFileSync(process.env.PROFILE!, JSON.stringify(await profiling()));
  }
  console.log(`frames received per message: ${[...frames].map(([k, v]) => `${k} ${(v / (rounds * messages)).toFixed(2)}`).join(', ')}`);
  for (const s of [shopper, team, feed]) s.close();
} finally {
  await server.stop();
}
