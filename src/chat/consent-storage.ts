/**
 * Where the widget keeps what it remembers, as the page allows (issue 13 #3): nothing
 * reaches `localStorage` before the page says so (cookie consent). Until then it lives
 * in `sessionStorage` or in memory, and moves over when the mode changes.
 */
import type { KeyValueStore } from '../client/outbox.js';
import { browserArea } from './storage-hints.js';

/** `local`: localStorage (the default); `session`: sessionStorage; `none`: memory only. */
export type StorageMode = 'local' | 'session' | 'none';

/**
 * A `KeyValueStore` over localStorage, sessionStorage or a Map, as the mode says.
 * The panel keeps what it stores here; the launcher reads its hints directly.
 */
export class ConsentStorage implements KeyValueStore {
  private readonly memory = new Map<string, string>();

  constructor(
    public mode: StorageMode,
    /** Only keys under this prefix are moved or cleared: the page's own keys are never touched. */
    private readonly prefix: string,
  ) {}

  getItem(key: string): string | null {
    const area = browserArea(this.mode);
    return area ? area.getItem(key) : (this.memory.get(key) ?? null);
  }

  setItem(key: string, value: string): void {
    const area = browserArea(this.mode);
    if (area) area.setItem(key, value);
    else this.memory.set(key, value);
  }

  removeItem(key: string): void {
    browserArea(this.mode)?.removeItem(key);
    this.memory.delete(key);
  }

  /** Switches where things are kept, taking along what the old place held. */
  setMode(mode: StorageMode): void {
    const moving = this.entries();
    this.clear();
    this.mode = mode;
    try {
      for (const [key, value] of moving) this.setItem(key, value);
    } catch {
      // the new place is full or blocked: what did not fit lives in memory for this page
      this.mode = 'none';
      for (const [key, value] of moving) this.memory.set(key, value);
    }
  }

  /** Forgets everything under the prefix, wherever it was kept (logout). */
  clear(): void {
    this.memory.clear();
    for (const mode of ['local', 'session'] as const) {
      const area = browserArea(mode);
      if (area) for (const key of Object.keys(area)) if (key.startsWith(this.prefix)) area.removeItem(key);
    }
  }

  /** What the current place holds under the prefix. */
  private entries(): Array<[string, string]> {
    const area = browserArea(this.mode);
    const all: Array<[string, string]> = area ? Object.keys(area).map((k) => [k, area.getItem(k) ?? '']) : [...this.memory];
    return all.filter(([k]) => k.startsWith(this.prefix));
  }
}
