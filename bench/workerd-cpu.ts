/**
 * The CPU time the bench's own `wrangler dev` spends in workerd (both its processes: the
 * proxy and the Worker's isolate), read from every thread's `/proc/<pid>/task/<tid>/schedstat`.
 * On a machine shared with other test runs, wall-clock latency follows the neighbours; CPU
 * time per message follows the code, so the costs of the server's hot path are read here.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** The workerd processes of the server listening on `port` (the same process group as its wrangler). */
export function workerdPids(port: number): number[] {
  const stat = (pid: string) => {
    try {
      // Fields after the `(comm)` that may hold spaces: state, ppid, pgrp...
      const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return s.slice(s.lastIndexOf(')') + 2).split(' ');
    } catch {
      return null;
    }
  };
  const cmdline = (pid: string) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      return [];
    }
  };
  const pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  const wrangler = pids.find((p) => {
    const args = cmdline(p);
    return args.some((a) => a.endsWith('wrangler') || a.endsWith('cli.js')) && args[args.indexOf('--port') + 1] === String(port);
  });
  const group = wrangler ? stat(wrangler)?.[2] : undefined;
  if (!group) return [];
  return pids.filter((p) => stat(p)?.[2] === group && (cmdline(p)[0] ?? '').endsWith('/workerd')).map(Number);
}

/** Nanoseconds on a CPU, summed over every thread of `pids` (threads that ended meanwhile are not counted). */
export function cpuNs(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // the thread ended
      }
    }
  }
  return total;
}

/** A meter over the server on `port`: call the returned function for the CPU milliseconds spent since. */
export function workerdCpuMeter(port: number): () => number {
  const pids = workerdPids(port);
  const start = cpuNs(pids);
  return () => (cpuNs(pids) - start) / 1e6;
}

/** The open file descriptors of `pids` (sockets, pipes, SQLite files), beside the limit each has. */
export function openFiles(pids: readonly number[]): { open: number; limit: number } {
  let open = 0;
  let limit = Infinity;
  for (const pid of pids) {
    try {
      open = Math.max(open, readdirSync(`/proc/${pid}/fd`).length);
      const soft = /Max open files\s+(\d+)/.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'))?.[1];
      if (soft) limit = Math.min(limit, Number(soft));
    } catch {
      // the process ended
    }
  }
  return { open, limit };
}
