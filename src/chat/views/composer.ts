/**
 * The message composer (R5): a field that keeps its draft, Enter to send, Shift+Enter for
 * a new line; images by the "+" button, pasted or dropped, shown above it (issue 17 B1, `attachments.ts`).
 */
import { html, type TemplateResult } from 'lit';
import type { ChatClient } from '../../client/chat-client.js';
import type { Translation } from '../../i18n/index.js';
import { MAX_BODY_CHARS } from '../../protocol/index.js';
import { attachButton, pendingView, type AttachHost } from './attachments.js';

/** What the composer reads and calls. */
export interface ComposerHost extends AttachHost {
  readonly t: Translation;
  readonly client: Pick<ChatClient, 'getDraft' | 'setTyping' | '$ticket' | '$config'>;
  /** What the field holds; null until read from storage. */
  draft: string | null;
  onSubmit(e: Event): void;
  onComposerKey(e: KeyboardEvent): void;
  onInput(e: Event): void;
}

export function composerView(p: ComposerHost): TemplateResult {
  const t = p.t;
  // Read once: the stored draft lags the field by the save delay, and binding it again would undo the latest keystrokes.
  p.draft ??= p.client.getDraft();
  return html`${pendingView(p)}<form class="composer" part="composer" @submit=${p.onSubmit}>
    ${attachButton(p)}
    <textarea
      part="input"
      rows="1"
      maxlength=${MAX_BODY_CHARS}
      aria-label=${t.inputLabel}
      placeholder=${t.inputPlaceholder}
      .value=${p.draft}
      @keydown=${p.onComposerKey}
      @input=${p.onInput}
      @blur=${() => p.client.setTyping(false)}
    ></textarea>
    <button class="send" part="send-button" aria-label=${t.send}>
      <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z" /></svg>
    </button>
  </form>`;
}
