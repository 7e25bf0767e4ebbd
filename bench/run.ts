/**
 * `npm run bench`: sizes, load cost in Chromium, delivery latency through the reference
 * server, room throughput, long threads and storage cost per message. Each figure is a
 * median of several runs; comparisons run side by side in the same run. Prints a table
 * and writes bench/results.json. Never part of `npm test`.
 *
 * This file runs the server and the suites (bench/suites/, one a file); bench/stats.ts
 * and bench/report.ts hold the statistics and the table.
 * BENCH_QUICK=1 runs fewer rounds and smaller loads (a smoke run). bench/goals.ts prints the
 * goals of issue 19 at the end, each beside its goal and its floor.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_ENV } from '../party/core/seed.js';
import { startServer } from '../test/server/harness.js';
import { goals } from './goals.js';
import { writeResults } from './report.js';
import { aiEval } from './suites/ai-eval.js';
import { latency } from './suites/latency.js';
import { lighthouseScores } from './suites/lighthouse.js';
import { loadCost } from './suites/load.js';
import { longThread } from './suites/long-thread.js';
import { shopRoomThroughput } from './suites/shop.js';
import { shopRoomAlone } from './suites/shop-alone.js';
import { sizes } from './suites/sizes.js';
import { storageOps } from './suites/storage.js';
import { throughput } from './suites/room.js';
import { wakeLatency } from './suites/wake.js';

// BENCH_STORAGE_DIR=/dev/shm keeps the server's storage in memory (to tell disk waits from the rest).
const storageDir = process.env.BENCH_STORAGE_DIR;
// The send budget per participant per ticket (40, then 2/s) would cap one chat's load
// rounds: the bench raises it, so it measures the path, not the limit (the lookups remain).
// The same for the shop's chat-start budget (300, then 1/s): the latency suite opens 600 chats.
const vars = { ...(DEV_ENV as Record<string, string>), SEND_BUDGET: '1000000/1000000', CHAT_START_SHOP_BUDGET: '1000000/1000000' };
// BENCH_ONLY=latency,shop runs some parts only (sizes, storage, load, lighthouse, latency, wake, room, shop, long, ai).
const only = process.env.BENCH_ONLY?.split(',');
const part = (name: string) => !only || only.includes(name);
// Only these parts talk to the server: a run of the others starts none.
const serve = () => startServer({ vars, ...(storageDir ? { persistDir: mkdtempSync(join(storageDir, 'chc-bench-')) } : {}) });
let server = ['lighthouse', 'latency', 'wake', 'room', 'shop'].some(part) ? await serve() : null;
try {
  if (part('sizes')) sizes();
  if (part('storage')) await storageOps();
  if (part('load')) await loadCost();
  if (server && part('lighthouse')) await lighthouseScores(server);
  if (server && part('latency')) await latency(server);
  if (server && part('wake')) await wakeLatency(server);
  if (server && part('room')) await throughput(server);
  if (server && part('shop')) {
    // One shop room is measured on a server of its own: after the latency suite's 1,000 chats
    // (2,000 sockets, ~6 descriptors each in wrangler's dev proxy, and 1,000 live rooms) the
    // proxy ran out of open files and the lead's run ended ('Your worker restarted mid-request',
    // issue 19); their upkeep would also be counted against the shop room.
    if (part('latency')) {
      await server.stop();
      server = await serve();
    }
    await shopRoomThroughput(server);
    await shopRoomAlone(server);
  }
  if (part('long')) await longThread();
  if (part('ai')) await aiEval();
} catch (err) {
  // A suite that failed says what the server printed last (wrangler's and workerd's own errors).
  if (server) console.error(`the server's last output:\n${server.output().slice(-4000)}`);
  throw err;
} finally {
  // BENCH_SERVER_LOG=file keeps what the server printed (its last 4 MB), to see what a slow round logged.
  if (server && process.env.BENCH_SERVER_LOG) writeFileSync(process.env.BENCH_SERVER_LOG, server.output());
  await server?.stop();
}
goals();
// A partial run (BENCH_ONLY) prints its rows but keeps the full run's results file.
if (!process.env.BENCH_ONLY) writeResults();
