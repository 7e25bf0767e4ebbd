/**
 * The panel's header (issue 17): the shop's logo and name, a few of the team as faces,
 * when the team replies or is back (R9), End chat and its confirmation (R8), Close. The
 * buttons share the first row with the name, the faces and the reply time have the
 * second to themselves, so a long label ("Terminer la discussion") never squeezes them.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Translation } from '../../i18n/index.js';
import type { WidgetConfig } from '../../protocol/index.js';
import { safeHttpUrl } from '../text.js';
import { backWhen } from '../when.js';
import { initial } from './message.js';

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
export function headerView(p: HeaderHost, config: WidgetConfig | null, subtitle: string, canEnd: boolean, close: (() => void) | null): TemplateResult {
  const t = p.t;
  const logo = safeHttpUrl(config?.logoUrl);
  return html`<header class="header" part="header">
      ${logo ? html`<img class="logo" part="logo" src=${logo} alt="" @error=${hide} />` : nothing}
      <h2 class="title">${config?.shopName || t.panelTitle}</h2>
      ${canEnd ? html`<button class="text-button" part="end-chat-button" @click=${() => p.setConfirm(true)}>${t.endChat}</button>` : nothing}
      ${close ? html`<button class="icon-button" aria-label=${t.close} @click=${close}>✕</button>` : nothing}
      <div class="sub">${config?.team?.map((m) => html`<span class="avatar" role="img" aria-label=${m.name}>${initial(m.name)}</span>`)}<p class="subtitle">${subtitle}</p></div>
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

/**
 * What the header promises (issue 17, R9): while closed, when the team is back; while
 * open, the merchant's own sentence, else the team's median first reply, else the
 * general "in a few minutes" (a shop with too few replies to tell).
 */
export function replyLine(t: Translation, locale: string, config: WidgetConfig | null): string {
  // Nothing promised before the config says what is true.
  if (!config) return '';
  const hours = config.officeHours;
  if (!hours.isOpen) return t.away(hours.nextOpenAt ? backWhen(t, locale, new Date(hours.nextOpenAt)) : null);
  const m = config.replyMinutes;
  const span = m && new Intl.NumberFormat(locale, { style: 'unit', unit: m < 60 ? 'minute' : 'hour', unitDisplay: 'long' }).format(m < 60 ? m : Math.round(m / 60));
  return config.replyMessage || (span ? t.replyIn(span) : t.replyTime);
}

/** A logo that does not load leaves the name alone, never the browser's broken-image box (review). */
const hide = (e: Event) => ((e.target as HTMLElement).hidden = true);
