/**
 * Writing the `:active` hint (storage-hints.ts: an open chat, so the next page loads it at
 * once): only the loaded chat writes it, so it is apart from the hints the first load reads.
 */
import type { HintStore } from './storage-hints.js';

export function writeActive(store: HintStore | null, key: string, active: boolean): void {
  try {
    if (active) store?.setItem(`${key}:active`, '1');
    else store?.removeItem(`${key}:active`);
  } catch {
    // storage blocked: the widget then loads on first open
  }
}
