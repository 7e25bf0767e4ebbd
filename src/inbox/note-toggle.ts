/**
 * The composer's reply / internal note switch (issue 17): a pressed button, `n` from
 * the inbox (customer-hub-inbox.ts). Its look is in inbox-ticket-styles' composer rules
 * and thread-notes.ts's note colours.
 */
import { css, html } from 'lit';
import type { InboxTranslation } from '../i18n/inbox.js';

export function noteToggle(on: boolean, t: InboxTranslation, toggle: () => void) {
  return html`<div class="compose-mode">
    <button type="button" class="mode-btn" data-note-toggle aria-pressed=${on ? 'true' : 'false'} title=${t.note.toggleHint} @click=${toggle}>${t.note.toggle}</button>
  </div>`;
}

export const noteToggleStyles = css`
  .compose-mode {
    display: flex;
    justify-content: flex-end;
  }
  .mode-btn {
    font: inherit;
    font-size: 12px;
    border: 1px solid var(--_line);
    border-radius: 999px;
    padding: 2px 10px;
    background: transparent;
    color: var(--_muted);
  }
  .mode-btn[aria-pressed='true'] {
    background: var(--_note-bg);
    border-color: var(--_note-line);
    color: var(--_note-fg);
    font-weight: 700;
  }
  .composer.note-mode textarea {
    background: var(--_note-bg);
    color: var(--_note-fg);
    border-color: var(--_note-line);
  }
`;
