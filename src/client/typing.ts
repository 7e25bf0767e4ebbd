/**
 * Typing indicators: the other side's, cleared when a "stopped"
 * frame is lost; ours, throttled so a busy composer is not a flood of frames.
 */
import { atom } from 'nanostores';
import type { Author, FrameOf, ServerFrame } from '../protocol/index.js';

const TYPING_THROTTLE_MS = 3000;
const TYPING_TIMEOUT_MS = 8000;

/**
 * Both sides' typing indicators.
 * @internal Not for integrators: the widget's build shortens its member names (issue 19).
 */
export class Typing {
  /** Who on the other side is typing. */
  readonly $typing = atom<{ role: Author['role']; name?: string } | null>(null);
  #sentAt = 0;
  #clearTimer: ReturnType<typeof setTimeout> | null = null;

  /** Whether to tell the other side now that this one is (or stopped) typing. */
  shouldSend(active: boolean): boolean {
    const now = Date.now();
    if (active && now - this.#sentAt < TYPING_THROTTLE_MS) return false;
    if (!active && !this.#sentAt) return false;
    this.#sentAt = active ? now : 0;
    return true;
  }

  /** The other side's typing frame. */
  received(frame: FrameOf<ServerFrame, 'typing'>): void {
    this.stop();
    if (!frame.active) return this.$typing.set(null);
    this.$typing.set(frame.name ? { role: frame.role, name: frame.name } : { role: frame.role });
    // A lost "stopped typing" must not leave the dots forever.
    this.#clearTimer = setTimeout(() => this.$typing.set(null), TYPING_TIMEOUT_MS);
  }

  stop(): void {
    if (this.#clearTimer) clearTimeout(this.#clearTimer);
    this.#clearTimer = null;
  }
}
