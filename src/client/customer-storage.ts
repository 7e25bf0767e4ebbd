/**
 * What the shopper's client persists, kept per customer under one namespace
 * (`{namespace}:{name}:{owner}`): the outbox, the composer's draft and the chat the
 * shopper's tabs show. Another identity on this browser clears what the last one
 * stored before anything is shown.
 */
import type { KeyValueStore } from './outbox.js';
import { safeGet, safeRemove, safeSet } from './safe-storage.js';

/**
 * One customer's persisted values, under the namespace of their client.
 * @internal Not for integrators: the widget's build shortens its member names (issue 19).
 */
export class CustomerStorage {
  /** Whose data is stored (a customer id, or the anonymous owner); null until the session is known. */
  #owner: string | null = null;
  #draftText = '';

  readonly #store: KeyValueStore | null;
  readonly #namespace: string;

  constructor(store: KeyValueStore | null, namespace: string) {
    this.#store = store;
    this.#namespace = namespace;
  }

  /** A persisted key: `{namespace}:{name}` or, per customer, `{namespace}:{name}:{owner}`. */
  keyOf(name: 'outbox' | 'draft' | 'owner' | 'leader' | 'chat' | 'preview', owner?: string): string {
    return owner === undefined ? `${this.#namespace}:${name}` : `${this.#namespace}:${name}:${owner}`;
  }

  /** Takes the storage for `owner`; true when that is another owner than this page had. */
  claim(owner: string): boolean {
    const previous = safeGet(this.#store, this.keyOf('owner'));
    if (previous !== null && previous !== owner) this.#forget(previous);
    // Earlier versions kept one draft per shop, whoever typed it.
    safeRemove(this.#store, this.keyOf('draft'));
    if (previous !== owner) safeSet(this.#store, this.keyOf('owner'), owner);
    const changed = this.#owner !== owner;
    if (changed) this.#draftText = '';
    this.#owner = owner;
    return changed;
  }

  /** The owner logged out: everything stored for them is forgotten. */
  release(): void {
    if (this.#owner) this.#forget(this.#owner);
    safeRemove(this.#store, this.keyOf('owner'));
    this.#owner = null;
    this.#draftText = '';
  }

  getDraft(): string {
    return this.get('draft') ?? this.#draftText;
  }

  setDraft(text: string): void {
    this.#draftText = text;
    this.set('draft', text);
  }

  /** The owner's value under `name`; null when there is none (or no owner yet). */
  get(name: 'draft' | 'chat'): string | null {
    return this.#owner ? safeGet(this.#store, this.keyOf(name, this.#owner)) : null;
  }

  /** Keeps the owner's value under `name`; an empty one forgets it. Nothing without an owner. */
  set(name: 'draft' | 'chat', value: string): void {
    if (!this.#owner) return;
    const key = this.keyOf(name, this.#owner);
    if (value) safeSet(this.#store, key, value);
    else safeRemove(this.#store, key);
  }

  /** Whether a storage event's key is the owner's value under `name`. */
  is(key: string | null, name: 'chat'): boolean {
    return !!this.#owner && key === this.keyOf(name, this.#owner);
  }

  #forget(owner: string): void {
    for (const name of ['chat', 'outbox', 'draft'] as const) safeRemove(this.#store, this.keyOf(name, owner));
    // The reply preview dismissed last (the widget's, `ticket:seq`): the owner's, not the next one's.
    safeRemove(this.#store, this.keyOf('preview'));
  }
}
