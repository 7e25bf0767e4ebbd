/** How big a bench run is: `BENCH_QUICK=1` runs fewer rounds and smaller loads (a smoke run). */
export const ROOT = new URL('../', import.meta.url).pathname;
export const QUICK = process.env.BENCH_QUICK === '1';
/** Rounds of the chat load at each concurrency; the median round is reported. */
export const ROUNDS = QUICK ? 1 : 3;
/** `BENCH_PROFILE=1`: a CPU profile of the Worker's isolate over each round at the most open chats (bench/cpu-profile.ts). */
export const PROFILE = process.env.BENCH_PROFILE === '1';
