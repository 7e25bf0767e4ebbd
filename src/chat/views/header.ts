/** The panel's header: its title, when the team replies or is back (R9), End chat and its confirmation (R8), Close. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Translation } from '../../i18n/index.js';

/** What the header reads and calls. */
export interface HeaderHost {
  readonly t: Translation;
  readonly confirmingEnd: boolean;
  setConfirm(on: boolean): void;
  confirmEnd(): void;
  onConfirmKey(e: KeyboardEvent): void;
}

/**
 * `subtitle`: the reply time, or when the team is back; `canEnd`: a live chat the
 * shopper may end; `close`: the launcher's Close button (none inline).
 */
export function headerView(p: HeaderHost, subtitle: string, canEnd: boolean, close: (() => void) | null): TemplateResult {
  const t = p.t;
  return html`<header class="header" part="header">
      <div class="titles">
        <h2 class="title">${t.panelTitle}</h2>
        <p class="subtitle">${subtitle}</p>
      </div>
      ${canEnd ? html`<button class="text-button" part="end-chat-button" @click=${() => p.setConfirm(true)}>${t.endChat}</button>` : nothing}
      ${close ? html`<button class="icon-button" aria-label=${t.close} @click=${close}>✕</button>` : nothing}
    </header>
    ${p.confirmingEnd
      ? html`<div class="confirm" role="alertdialog" aria-label=${t.endChat} aria-describedby="end-confirm" part="notice" @keydown=${p.onConfirmKey}>
          <p id="end-confirm">${t.endConfirm}</p>
          <div class="row">
            <button class="secondary" @click=${() => p.setConfirm(false)}>${t.cancel}</button>
            <button class="primary danger" @click=${p.confirmEnd}>${t.endConfirmYes}</button>
          </div>
        </div>`
      : nothing}
`;
}
