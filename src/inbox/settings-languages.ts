/**
 * The settings form's language editor (issue 17): the shop's default language, languages
 * added and removed, and each added language's welcome, away and handoff messages, header
 * reply-time sentence and FAQs edited side by side with the default's. A field left empty shows the default as its
 * placeholder, and the shopper gets the default there. A controller of
 * `<customer-hub-inbox-settings>`, rendering into its form.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { InboxTranslation } from '../i18n/inbox.js';
import { CONTENT_LANGUAGES, MAX_TRANSLATIONS } from '../protocol/languages.js';
import type { ContentTranslation, ShopSettings } from './inbox-api.js';
import { value } from './settings-fields.js';

export interface LanguagesHost extends ReactiveControllerHost {
  readonly t: InboxTranslation;
}

type Field = 'welcomeMessage' | 'awayMessage' | 'handoffMessage' | 'replyTimeMessage';

/** A language's name in itself ("français"), as language pickers show it. */
export const languageName = (code: string): string => {
  try {
    return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
};

/** Translations of FAQs that are gone are dropped before a save (the server refuses them). */
export function pruneTranslations(d: ShopSettings): void {
  const ids = new Set(d.faqs.map((f) => f.id));
  for (const tr of Object.values(d.translations ?? {})) if (tr.faqs) tr.faqs = tr.faqs.filter((f) => ids.has(f.id));
}

export class LanguagesEditor implements ReactiveController {
  /** The added language shown beside the default. */
  private current = '';
  private adding = '';

  /** `changed` marks the form as changed (unsaved). */
  constructor(
    private readonly host: LanguagesHost,
    private readonly changed: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  render(d: ShopSettings, admin: boolean) {
    const t = this.host.t.languages;
    const base = d.defaultLanguage ?? 'en';
    const added = Object.keys(d.translations ?? {});
    if (!added.includes(this.current)) this.current = added[0] ?? '';
    const free = CONTENT_LANGUAGES.filter((l) => l !== base && !added.includes(l));
    return html`<fieldset ?disabled=${!admin} data-section="languages">
      <legend>${t.title}</legend>
      <p class="muted">${t.hint}</p>
      <label class="field">${t.defaultLanguage}
        <select name="defaultLanguage" @change=${(e: Event) => this.update(() => (d.defaultLanguage = value(e) as ShopSettings['defaultLanguage']))}>
          ${CONTENT_LANGUAGES.filter((l) => !added.includes(l)).map((l) => html`<option value=${l} ?selected=${l === base}>${languageName(l)} (${l})</option>`)}
        </select>
      </label>
      ${added.length
        ? html`<div class="lang-tabs" role="group" aria-label=${t.shown}>
            ${added.map((l) => html`<button type="button" class="btn" aria-pressed=${l === this.current ? 'true' : 'false'} @click=${() => this.update(() => (this.current = l), false)}>${languageName(l)}</button>`)}
          </div>`
        : nothing}
      ${added.length < MAX_TRANSLATIONS
        ? html`<div class="lang-add">
            <label class="field">${t.add}
              <select name="addLanguage" @change=${(e: Event) => (this.adding = value(e))}>
                <option value="" ?selected=${!this.adding}>—</option>
                ${free.map((l) => html`<option value=${l} ?selected=${l === this.adding}>${languageName(l)} (${l})</option>`)}
              </select>
            </label>
            <button type="button" class="btn" ?disabled=${!this.adding} @click=${() => this.addLanguage(d)}>${t.addButton}</button>
          </div>`
        : nothing}
      ${this.current && d.translations?.[this.current] ? this.renderColumns(d, base, this.current, d.translations[this.current]!) : nothing}
    </fieldset>`;
  }

  /** The default's text on the left (for reference), the language's field on the right. */
  private renderColumns(d: ShopSettings, base: string, lang: string, tr: ContentTranslation) {
    const t = this.host.t;
    const name = languageName(lang);
    const row = (label: string, original: string, current: string | undefined, set: (v: string) => void, long = true, max?: number) => html`<div class="lang-row">
      <div class="lang-label">${label}</div>
      <div class="lang-original" lang=${base}>${original}</div>
      ${long
        ? html`<textarea lang=${lang} aria-label=${`${label} (${name})`} placeholder=${original} .value=${current ?? ''} @input=${(e: Event) => set(value(e))}></textarea>`
        : html`<input type="text" lang=${lang} maxlength=${max ?? nothing} aria-label=${`${label} (${name})`} placeholder=${original} .value=${current ?? ''} @input=${(e: Event) => set(value(e))} />`}
    </div>`;
    const field = (f: Field) => (v: string) => {
      if (v.trim()) tr[f] = v;
      else delete tr[f];
    };
    const handoff = d.ai.handoff.target === 'message' ? d.ai.handoff.message ?? '' : null;
    return html`<div class="lang-columns" data-lang=${lang}>
      <div class="lang-row lang-head" aria-hidden="true"><div></div><div>${languageName(base)} · ${t.languages.defaultColumn}</div><div>${name}</div></div>
      ${row(t.welcomeMessage, d.welcomeMessage, tr.welcomeMessage, field('welcomeMessage'))}
      ${row(t.awayMessage, d.officeHours.awayMessage, tr.awayMessage, field('awayMessage'))}
      ${handoff === null ? nothing : row(t.handoffMessage, handoff, tr.handoffMessage, field('handoffMessage'))}
      ${row(t.languages.replyTime, d.replyTimeMessage?.trim() || t.languages.replyTimeComputed, tr.replyTimeMessage, field('replyTimeMessage'), false, 200)}
      ${d.faqs.map((f) => {
        const faq = () => {
          tr.faqs ??= [];
          let item = tr.faqs.find((x) => x.id === f.id);
          if (!item) tr.faqs.push((item = { id: f.id }));
          return item;
        };
        const tidy = () => (tr.faqs = tr.faqs?.filter((x) => x.question || x.answer));
        const set = (k: 'question' | 'answer') => (v: string) => {
          if (v.trim()) faq()[k] = v;
          else delete faq()[k];
          tidy();
        };
        const mine = tr.faqs?.find((x) => x.id === f.id);
        return html`${row(t.question, f.question, mine?.question, set('question'), false)}${row(t.answer, f.answer, mine?.answer, set('answer'))}`;
      })}
      <button type="button" class="btn danger" @click=${() => this.removeLanguage(d, lang)}>${t.languages.remove(name)}</button>
    </div>`;
  }

  private addLanguage(d: ShopSettings): void {
    const lang = this.adding;
    if (!lang) return;
    this.update(() => {
      d.translations = { ...d.translations, [lang]: {} };
      this.current = lang;
      this.adding = '';
    });
  }

  private removeLanguage(d: ShopSettings, lang: string): void {
    this.update(() => {
      const rest = { ...d.translations };
      delete rest[lang];
      if (Object.keys(rest).length) d.translations = rest;
      else delete d.translations;
    });
  }

  private update(change: () => void, edits = true): void {
    change();
    if (edits) this.changed();
    this.host.requestUpdate();
  }
}

export const languagesStyles = css`
  .lang-tabs,
  .lang-add {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: end;
  }
  .lang-tabs [aria-pressed='true'] {
    border-color: var(--_accent, currentColor);
    font-weight: 700;
  }
  .lang-columns {
    display: grid;
    gap: 8px;
    justify-items: stretch;
  }
  .lang-row {
    display: grid;
    grid-template-columns: 110px 1fr 1fr;
    gap: 8px;
    align-items: start;
  }
  .lang-head {
    font-weight: 700;
    font-size: 13px;
  }
  .lang-original {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    color: var(--_muted);
    font-size: 13px;
    padding: 6px 0;
  }
  .lang-columns > .btn {
    justify-self: start;
  }
  @media (max-width: 640px) {
    .lang-row {
      grid-template-columns: 1fr;
    }
  }
`;
