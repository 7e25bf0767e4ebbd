/**
 * What the widget keeps in storage besides the client's outbox and draft: the key
 * namespace, and the two hints that hold nothing personal: `:active` (a chat is open,
 * so the next page loads it at once, as it does for a pending outbox) and `:gate` (the shop's login gating, R2). The
 * launcher reads them before the chat loads; the panel writes them as the chat goes.
 */
import type { StorageMode } from './consent-storage.js';

/** Every key the widget stores starts with this (one namespace per shop under it). */
export const STORAGE_PREFIX = 'customer-hub-chat:';

/** How long a page trusts an earlier page's answer to "is the chat gated?". */
const GATE_TTL_MS = 5 * 60_000;

/** What a hint is read from and written to: a browser storage, or the panel's consent storage. */
export type HintStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The browser storage of a mode; null for memory (also where storage is blocked). */
export function browserArea(mode: StorageMode): Storage | null {
  try {
    return mode === 'none' ? null : ((mode === 'local' ? globalThis.localStorage : globalThis.sessionStorage) ?? null);
  } catch {
    return null; // blocked third-party storage
  }
}

export function writeGate(store: HintStore | null, key: string, gated: boolean): void {
  try {
    store?.setItem(`${key}:gate`, JSON.stringify({ gated, at: Date.now() }));
  } catch {
    // storage blocked: the next page asks again
  }
}

/** An earlier page's fresh answer, or null (none, stale, from the future, or malformed). */
export function readGate(store: HintStore | null, key: string): boolean | null {
  try {
    const hint = JSON.parse(store?.getItem(`${key}:gate`) ?? 'null') as { gated?: unknown; at?: unknown } | null;
    const age = typeof hint?.at === 'number' ? Date.now() - hint.at : -1;
    const fresh = age >= 0 && age < GATE_TTL_MS;
    return fresh && typeof hint?.gated === 'boolean' ? hint.gated : null;
  } catch {
    return null;
  }
}

// Written by the chat only, so kept out of the first load (rollup follows the re-export).
export { writeActive } from './active-hint.js';

/**
 * Whether an earlier page left an open chat, or a message the server has not yet got (the
 * client's outbox of the customer who last used this browser, `:outbox:{owner}`, kept only
 * while not empty): either way the chat loads at once, so its replies reach the badge and
 * the message is sent by itself (README "a reload loses none"). No network needed to know.
 */
export function hasActiveHint(store: HintStore | null, key: string): boolean {
  try {
    return store?.getItem(`${key}:active`) != null || store?.getItem(`${key}:outbox:${store.getItem(`${key}:owner`)}`) != null;
  } catch {
    return false;
  }
}
