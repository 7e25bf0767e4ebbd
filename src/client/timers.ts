/**
 * The timeouts a client owns: none fires after `clear`, which `destroy` calls.
 * @internal Not for integrators: the widget's build shortens its member names (issue 19).
 */
export class Timers {
  #pending = new Set<ReturnType<typeof setTimeout>>();
  #cleared = false;

  later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.#pending.delete(t);
      if (!this.#cleared) fn();
    }, ms);
    this.#pending.add(t);
  }

  clear(): void {
    this.#cleared = true;
    for (const t of this.#pending) clearTimeout(t);
    this.#pending.clear();
  }
}
