/**
 * Which tab of one shopper leads (`navigator.locks`): of several tabs showing one chat,
 * only the leader should play sounds or notify. Always the leader where there are no locks.
 */
import { atom } from 'nanostores';

/**
 * Which of a shopper's tabs leads.
 * @internal Not for integrators: the widget's build shortens its member names (issue 19).
 */
export class TabLead {
  readonly $leader = atom(false);
  #release: (() => void) | null = null;

  /** Waits for the named lock; holds it until `stop` hands it on. */
  lead(name: string): void {
    this.stop();
    const locks = (globalThis.navigator as Partial<Navigator> | undefined)?.locks;
    if (!locks) return this.$leader.set(true);
    const controller = new AbortController();
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    locks
      .request(name, { signal: controller.signal }, () => {
        if (controller.signal.aborted) return;
        this.$leader.set(true);
        return held;
      })
      .catch(() => undefined); // aborted while waiting
    this.#release = () => {
      controller.abort();
      release();
    };
  }

  stop(): void {
    this.#release?.();
    this.#release = null;
    this.$leader.set(false);
  }
}
