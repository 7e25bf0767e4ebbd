/** Lit over nanostores: the controller the widget and the inbox render their stores with. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/** Re-renders its host whenever one of the stores changes (the ~20 lines @nanostores/lit would give). */
export class StoreController implements ReactiveController {
  private unsubscribers: Array<() => void> = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly stores: ReadonlyArray<ReadableAtom<unknown>>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // `listen` skips the immediate call: the host renders with current values anyway.
    this.unsubscribers = this.stores.map((s) => s.listen(() => this.host.requestUpdate()));
  }

  hostDisconnected(): void {
    for (const u of this.unsubscribers) u();
    this.unsubscribers = [];
  }
}
