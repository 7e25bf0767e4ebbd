/**
 * A typed event emitter for the headless clients: `on` returns its own unsubscribe.
 * @internal Not for integrators: the widget's build shortens its member names (issue 19).
 */
export class Emitter<Events> {
  #listeners = new Map<keyof Events, Set<(detail: never) => void>>();

  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof Events>(type: K, listener: (detail: Events[K]) => void): () => void {
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    set.add(listener as (detail: never) => void);
    return () => set.delete(listener as (detail: never) => void);
  }

  emit<K extends keyof Events>(type: K, detail: Events[K]): void {
    for (const l of this.#listeners.get(type) ?? []) (l as (d: Events[K]) => void)(detail);
  }

  clear(): void {
    this.#listeners.clear();
  }
}
