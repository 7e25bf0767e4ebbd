// `npm test`: every suite in turn (DESIGN §9), streaming each one's output, then
// one closing line with the totals. Exits non-zero if any suite failed.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const files = (dir, suffix) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(suffix)).map((f) => `${dir}/${f}`) : []);
// A test that fails may leave sockets open: --test-force-exit keeps that from hanging the run.
// The server suite runs three files at a time: each has its own wrangler, and most of their
// time is spent waiting on the server's timers (expiry, e-mail windows, alarms), not on the CPU
// (201 s at two, 148 s at three on a quiet machine; 178 s at three with one core kept busy).
const nodeTest = (dir, concurrency = 1) => ['node', ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${concurrency}`, '--test-force-exit', '--test-timeout=300000', ...files(dir, '.test.ts')]];

// Suites with the same `together` mark run at once (those with the same `lane` among them one
// after the other), their output printed as each ends: the type-check (tsc) and the build
// (rollup, terser) share no file and each keeps one core busy.
const suites = [
  { name: 'type-check', cmd: ['npm', ['run', '--silent', 'typecheck']], together: 'first' },
  { name: 'theme-check', cmd: ['node', ['scripts/theme-check.mjs']], together: 'first' },
  { name: 'build', together: 'first', cmd: ['sh', ['-c', 'npm run --silent build && node scripts/site.mjs && npx size-limit']] },
  // The server suite mostly waits on its servers' timers (about 140 CPU-seconds in 212 s on 2
  // cores): the package and unit suites, which share no file, port or server with it, run
  // one after the other beside it (issue 19: 195 + 39 + 25 s one after another, 212 s so).
  { name: 'server', cmd: nodeTest('test/server', 3), when: files('test/server', '.test.ts').length, together: 'beside-server' },
  // The packed tarball as a consumer gets it: publint, attw, the examples built and run (issue 15).
  { name: 'package', cmd: ['sh', ['-c', `node scripts/pack.mjs >/dev/null && ${nodeTest('test/package').flat().join(' ')}`]], when: files('test/package', '.test.ts').length, together: 'beside-server', lane: 'cpu' },
  // Unit files share nothing (no server, no port): two at a time, 57 -> 27 s.
  { name: 'unit', cmd: nodeTest('test/unit', 2), when: files('test/unit', '.test.ts').length, together: 'beside-server', lane: 'cpu' },
  // The browser suite (one Chromium page at a time, its mock in the page, no port of the
  // server suite's) after them in the same lane: beside the server suite there is still one
  // busy suite at a time, for longer (stop 26: server 224 s beside 103 + 67 s, then browser
  // 149 s alone).
  { name: 'browser', cmd: ['npx', ['web-test-runner']], when: files('test/browser', '.test.ts').length, together: 'beside-server', lane: 'cpu' },
  { name: 'end-to-end', cmd: nodeTest('test/e2e'), when: files('test/e2e', '.test.ts').length },
].filter((s) => s.when === undefined || s.when > 0);

// Each suite's CPU time (user + system of the processes it waited for) beside its wall time,
// where GNU time is there: what a suite costs the machine, whatever else runs on it.
const TIME = '/usr/bin/time';
const timed = existsSync(TIME);
let runs = 0;

function run([command, args], quiet = false) {
  return new Promise((resolve) => {
    const cpuFile = timed ? join(tmpdir(), `chc-test-cpu-${process.pid}-${runs++}`) : '';
    const [cmd, argv] = timed ? [TIME, ['-q', '-f', '%U %S', '-o', cpuFile, command, ...args]] : [command, args];
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let out = '';
    const write = (d) => (quiet ? undefined : process.stdout.write(d), (out += d));
    child.stdout.on('data', write);
    child.stderr.on('data', write);
    child.on('close', (code) => {
      let cpu;
      try {
        const [user, system] = readFileSync(cpuFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
        cpu = user + system;
        rmSync(cpuFile, { force: true });
      } catch {
        // no GNU time, or it was killed
      }
      resolve({ code: code ?? 1, out, cpu });
    });
  });
}

/** Counts from the runners' own summaries (node's test runner, web-test-runner). */
function counts(out) {
  out = out.replace(/\x1b\[[0-9;]*m/g, "");
  const node = [...out.matchAll(/^ℹ (pass|fail) (\d+)$/gm)];
  if (node.length) {
    const get = (k) => node.filter((m) => m[1] === k).reduce((n, m) => n + Number(m[2]), 0);
    return { passed: get('pass'), failed: get('fail') };
  }
  const wtr = [...out.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
  return wtr ? { passed: Number(wtr[1]), failed: Number(wtr[2]) } : { passed: 0, failed: 0 };
}

/**
 * A browser test file whose Chromium page closed under it (`Target closed`, a detached
 * frame: the browser's own failure, seen once in a clean run, before any of its tests had
 * a result) runs once more, on its own, and is counted from that run. Said in the output;
 * a file that failed an assertion is never run again.
 */
function crashedFiles(out) {
  out = out.replace(/\x1b\[[0-9;]*m/g, '');
  const sections = out.split(/^(?=\S*test\/browser\/\S+\.test\.ts:$)/m);
  return sections.filter((s) => /Target closed|detached Frame|Target crashed/.test(s) && !/^\s*❌ .* > /m.test(s)).map((s) => s.split(':\n')[0].trim().replace(/^.*?(test\/browser\/)/, '$1'));
}

async function rerunCrashed(out, c) {
  const crashed = [...new Set(crashedFiles(out))];
  if (!crashed.length || crashed.length > 2) return c;
  console.log(`\nbrowser: Chromium closed the page under ${crashed.join(', ')}; running ${crashed.length === 1 ? 'it' : 'them'} once more`);
  const again = await run(['npx', ['web-test-runner', ...crashed]]);
  const r = counts(again.out);
  if (again.code !== 0 && r.failed === 0) r.failed = 1;
  return { passed: c.passed + r.passed, failed: Math.max(0, c.failed - crashed.length) + r.failed };
}

/**
 * The failed tests' names and the first lines of their errors, repeated at the end: a CI
 * log that keeps only its last part still says which test failed and why.
 */
function failures(name, out) {
  const lines = out.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const picked = [];
  lines.forEach((line, i) => {
    if (/: error TS\d+:/.test(line)) picked.push(`${name}: ${line.trim()}`);
    else if (/^\s*(✖|❌) /.test(line) && !/^\s*✖ failing tests:/.test(line)) picked.push(`${name}: ${line.trim()}`, ...lines.slice(i + 1, i + 4).map((l) => `    ${l.trim()}`).filter((l) => l.trim()));
  });
  return picked.slice(0, 60);
}

const startedAll = Date.now();
let passed = 0;
let failed = 0;
const summary = [];
const failedLines = [];
async function runSuite(suite, quiet) {
  const started = Date.now();
  const result = await run(suite.cmd, quiet);
  if (quiet) console.log(`\n=== ${suite.name} ===\n${result.out}`);
  let c = ['type-check', 'theme-check', 'build'].includes(suite.name) ? { passed: result.code === 0 ? 1 : 0, failed: result.code === 0 ? 0 : 1 } : counts(result.out);
  if (result.code !== 0 && c.failed === 0) c.failed = 1;
  if (suite.name === 'browser' && result.code !== 0) c = await rerunCrashed(result.out, c);
  if (c.failed) failedLines.push(...failures(suite.name, result.out));
  const cpu = result.cpu === undefined ? '' : `, CPU ${result.cpu.toFixed(1)} s`;
  return { ...c, line: `${suite.name}: ${c.passed} passed, ${c.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s${cpu})` };
}

for (let i = 0; i < suites.length; ) {
  const mark = suites[i].together;
  const group = mark ? suites.filter((s) => s.together === mark) : [suites[i]];
  i += group.length;
  // Suites of a group with the same `lane` run one after another, the lanes at once.
  const lanes = [...group.reduce((m, s) => m.set(s.lane ?? s.name, [...(m.get(s.lane ?? s.name) ?? []), s]), new Map()).values()];
  if (group.length === 1) console.log(`\n=== ${group[0].name} ===`);
  else console.log(`\n=== ${lanes.map((l) => l.map((s) => s.name).join(' then ')).join(' + ')}, at once ===`);
  const results = new Map();
  await Promise.all(
    lanes.map(async (lane) => {
      for (const s of lane) results.set(s, await runSuite(s, group.length > 1));
    }),
  );
  for (const s of group) {
    const r = results.get(s);
    passed += r.passed;
    failed += r.failed;
    summary.push(r.line);
  }
}
if (failedLines.length) console.log(`\nwhat failed:\n${failedLines.join('\n')}`);
console.log(`\n${summary.join('\n')}`);
console.log(`${passed} passed, ${failed} failed in ${((Date.now() - startedAll) / 1000).toFixed(0)} s`);
process.exit(failed ? 1 : 0);
