/** The keyboard shortcuts dialog (EXPERIENCE.md): a modal list of the inbox's keys. */
import { css, html } from 'lit';
import type { InboxTranslation } from '../i18n/inbox.js';

export const shortcutsDialogStyles = css`
  .dialog-backdrop {
    position: absolute;
    inset: 0;
    background: rgb(0 0 0 / 0.3);
    display: grid;
    place-items: center;
    z-index: 20;
  }
  .dialog {
    background: var(--_raised);
    border-radius: 14px;
    padding: 20px;
    min-width: 280px;
  }
  .dialog h2 {
    margin: 0 0 12px;
    font-size: 17px;
  }
  .dialog dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 6px 16px;
    margin: 0 0 16px;
  }
  kbd {
    border: 1px solid var(--_line);
    border-bottom-width: 2px;
    border-radius: 4px;
    padding: 0 6px;
    font-family: inherit;
  }
`;

/** The dialog over a backdrop; a click on the backdrop or the button calls `close`, keys go to `onKey`. */
export function shortcutsDialog(t: InboxTranslation, close: () => void, onKey: (e: KeyboardEvent) => void) {
  return html`<div class="dialog-backdrop" @click=${(e: Event) => e.target === e.currentTarget && close()}>
    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" @keydown=${onKey}>
      <h2 id="shortcuts-title">${t.shortcuts}</h2>
      <dl>${t.shortcutList.map(([k, what]) => html`<dt><kbd>${k}</kbd></dt><dd>${what}</dd>`)}</dl>
      <button class="btn" autofocus @click=${close}>${t.closeDialog}</button>
    </div>
  </div>`;
}
