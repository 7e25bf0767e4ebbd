/** The inbox's global keys (EXPERIENCE.md): listened for on the document while the inbox is connected. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the keys do; the host decides from its state. */
export interface ShortcutActions {
  /** Whether any key applies now (the agent is signed in). */
  enabled(): boolean;
  /** Escape, which works even from a field. */
  escape(): void;
  /** The letter keys (`j`, `k`, `?`, ...), or `null` when none apply in the current view. */
  keys(): Record<string, () => void> | null;
}

/**
 * The shortcuts act only when no field has the keyboard and the focus is in the
 * host or nowhere in particular, so typing elsewhere on the page is never taken.
 */
export class KeyboardShortcutsController implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly actions: ShortcutActions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('keydown', this.onKey);
  }

  hostDisconnected(): void {
    document.removeEventListener('keydown', this.onKey);
  }

  private onKey = (e: KeyboardEvent): void => {
    if (!this.actions.enabled() || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.composedPath()[0] as HTMLElement | undefined;
    if (e.key === 'Escape') return this.actions.escape();
    if (target && (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable)) return;
    const inside = !target || target === document.body || target === document.documentElement || e.composedPath().includes(this.host);
    const run = inside ? this.actions.keys()?.[e.key] : undefined;
    if (!run) return;
    e.preventDefault();
    run();
  };
}
