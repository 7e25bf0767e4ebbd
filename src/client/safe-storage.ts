/**
 * Storage that may be blocked (third-party frames, private modes) or full: a failure
 * is no value, never an exception.
 */
import type { KeyValueStore } from './outbox.js';

export function safeGet(store: KeyValueStore | null, key: string): string | null {
  try {
    return store?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function safeSet(store: KeyValueStore | null, key: string, value: string): void {
  try {
    store?.setItem(key, value);
  } catch {
    // storage full or blocked: kept in memory for this page
  }
}

export function safeRemove(store: KeyValueStore | null, key: string): void {
  try {
    store?.removeItem(key);
  } catch {
    // storage blocked: nothing was kept there
  }
}

/** `localStorage`, or null where it is blocked. */
export function defaultStorage(): KeyValueStore | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // blocked third-party storage
  }
}
