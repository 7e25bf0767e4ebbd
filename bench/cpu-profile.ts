/**
 * `BENCH_PROFILE=1`: a V8 CPU profile of the Worker's isolate (workerd runs every Durable
 * Object of `wrangler dev` in one) over a stretch of the bench, through wrangler's
 * inspector, summed up as the share of garbage collection and the functions that cost most.
 * Shares, not times: on a shared machine they hold where the milliseconds do not.
 */
import WebSocket from 'ws';

export interface ProfileSummary {
  samples: number;
  /** Percent of the samples in the garbage collector, and in the isolate's idle time. */
  gcPercent: number;
  idlePercent: number;
  /** The functions with the most samples of their own, percent of all samples. */
  top: Array<[name: string, percent: number]>;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Starts profiling; the returned function stops it and sums the profile up. */
export async function profileIsolate(inspectorPort: number): Promise<() => Promise<ProfileSummary>> {
  const stop = await fullProfile(inspectorPort);
  return async () => summarise(await stop());
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
}

/** Starts profiling (a sample every 200 µs); the returned function stops it and gives the whole profile (Chrome DevTools' `.cpuprofile`). */
export async function fullProfile(inspectorPort: number): Promise<() => Promise<Profile>> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
  const ws = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  let id = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as { id?: number; result?: unknown };
    if (m.id !== undefined) waiting.get(m.id)?.(m.result), waiting.delete(m.id);
  });
  const call = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve) => {
      waiting.set(++id, resolve as (r: unknown) => void);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await call('Profiler.enable');
  await call('Profiler.setSamplingInterval', { interval: 200 });
  await call('Profiler.start');
  return async () => {
    const { profile } = await call<{ profile: Profile }>('Profiler.stop');
    ws.close();
    return profile;
  };
}

function summarise(profile: Profile): ProfileSummary {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  for (const s of profile.samples) {
    const f = nodes.get(s)!.callFrame;
    const name = f.url ? `${f.functionName || '(anonymous)'} :${f.lineNumber + 1}` : f.functionName;
    self.set(name, (self.get(name) ?? 0) + 1);
  }
  const n = profile.samples.length || 1;
  const share = (name: string) => (100 * (self.get(name) ?? 0)) / n;
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, c]) => [name, (100 * c) / n] as [string, number]);
  return { samples: profile.samples.length, gcPercent: share('(garbage collector)'), idlePercent: share('(idle)'), top };
}
