/**
 * R3: FAQ first. The home shows the shop's top questions (the first ones in the merchant's
 * order; the rest are found by the search) with the way to a person pinned below them, never
 * scrolled away; an answer asks "did this help?": yes ends clearly, no opens the chat with
 * the question in the composer (issue 17).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Translation } from '../../i18n/index.js';
import type { Faq } from '../../protocol/index.js';
import { searchFaqs } from '../faq-search.js';
import { richText } from '../text.js';

/** An open answer; "Track my order" with several orders offers each as a choice (issue 18). */
export type FaqPick = Faq & { choices?: Faq[] | undefined };

/** What the FAQ view reads and calls: the panel holds the state, so it survives a re-render. */
export interface FaqHost {
  readonly t: Translation;
  readonly faqQuery: string;
  readonly faqOpen: FaqPick | null;
  /** Shows the shopper's orders; absent when the transport cannot read them. */
  readonly trackOrders: (() => void) | undefined;
  readonly faqAnswered: boolean;
  onFaqSearch(e: Event): void;
  pickFaq(faq: FaqPick | null): void;
  setAnswered(): void;
  startLiveChat(): void;
  /** Opens the live chat with `text` in the composer, not sent. */
  prefill(text: string): void;
  loginHref(): string;
}

/** How many questions the home lists before the shopper searches. */
export const TOP_QUESTIONS = 5;

/** The list, or the open question's answer; `anonymous` visitors are led to log in instead of to a chat (R2). */
export function faqView(p: FaqHost, faqs: Faq[], anonymous: boolean): TemplateResult {
  const t = p.t;
  const open = p.faqOpen;
  if (open) {
    return html`<div class="thread body" part="thread" role="log" aria-label=${t.conversation} tabindex="0">
        <button class="link-button" @click=${() => p.pickFaq(null)}>← ${t.faqBack}</button>
        <div class="bubble shopper" part="message"><span class="text">${open.question}</span></div>
        <div class="bubble team" part="message"><span class="text">${richText(open.answer)}</span></div>
        ${open.choices
          ? html`<div class="row">${open.choices.map((c) => html`<button class="secondary" @click=${() => p.pickFaq(c)}>${c.question}</button>`)}</div>`
          : p.faqAnswered
          ? html`<div class="faq-end" role="status">
              <strong>✓ ${t.faqThanks}</strong>
              <button class="secondary" @click=${() => p.pickFaq(null)}>${t.faqBack}</button>
            </div>`
          : html`<p class="quiet">${t.faqHelpful}</p>
              <div class="row">
                <button class="secondary" @click=${() => p.setAnswered()}>${t.faqYes}</button>
                <button class="primary" @click=${() => p.prefill(open.question)}>${t.faqNo}</button>
              </div>`}
      </div>`;
  }
  const shown = p.faqQuery.trim() ? searchFaqs(faqs, p.faqQuery) : faqs.slice(0, TOP_QUESTIONS);
  // Two siblings in the panel's column: the list scrolls, the way to a person stays in view.
  return html`<div class="body faq">
      <h3 class="section-title">${t.faqTitle}</h3>
      <input class="search" type="search" aria-label=${t.faqSearch} placeholder=${t.faqSearch} .value=${p.faqQuery} @input=${p.onFaqSearch} />
      <ul class="faq-list" part="faq-list">
        ${shown.map((f) => html`<li><button class="faq-item" part="faq-item" @click=${() => p.pickFaq(f)}>${f.question}</button></li>`)}
      </ul>
      ${shown.length ? nothing : html`<p class="quiet">${t.faqNoMatch}</p>`}
      ${p.trackOrders ? html`<button class="secondary wide" @click=${p.trackOrders}>${t.trackOrder}</button>` : nothing}
    </div>
    <div class="faq-foot">
      ${anonymous
        ? html`<a class="primary wide" href=${p.loginHref()}>${t.loginTitle}</a>`
        : html`<button class="primary wide" @click=${p.startLiveChat}>${t.chatWithUs}</button>`}
    </div>`;
}
