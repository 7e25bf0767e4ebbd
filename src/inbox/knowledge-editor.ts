/**
 * The settings form's editor for `ai.knowledge` (issue 18, R10: "pages it was given"):
 * pages with a title, a text and an optional link, added, edited and removed, their size
 * shown against the limits, and a "test a question" box that shows what the AI agent
 * would answer over the form as it stands (saved or not), and from which source.
 * A controller of `<customer-hub-inbox-settings>`, rendering into its form.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { InboxTranslation } from '../i18n/inbox.js';
import type { AiTryResult, ShopSettings } from './inbox-api.js';
import type { InboxClient } from './inbox-client.js';

/** A page's text limit, as the server's settings schema has it. */
export const MAX_DOC_CHARS = 20_000;
/** The largest `PUT settings` body the server reads (64 KiB): the knowledge lives in it. */
export const MAX_SETTINGS_BYTES = 64 * 1024;
const MAX_QUESTION = 500;

export interface KnowledgeHost extends ReactiveControllerHost {
  readonly inbox: InboxClient;
  readonly t: InboxTranslation;
}

type Doc = ShopSettings['ai']['knowledge'][number];

const bytes = (v: unknown): number => new TextEncoder().encode(JSON.stringify(v)).length;
const kb = (n: number): string => (n / 1024).toFixed(1);
const value = (e: Event): string => (e.target as HTMLInputElement).value;

export class KnowledgeEditor implements ReactiveController {
  private question = '';
  private trying = false;
  private result: AiTryResult | null = null;
  private error: string | null = null;

  /** `changed` marks the form as changed (unsaved). */
  constructor(
    private readonly host: KnowledgeHost,
    private readonly changed: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  render(d: ShopSettings, admin: boolean) {
    const k = this.host.t.knowledge;
    const docs = d.ai.knowledge;
    const total = bytes(d);
    const over = total > MAX_SETTINGS_BYTES;
    return html`<fieldset ?disabled=${!admin} data-section="knowledge">
      <legend>${k.title}</legend>
      <p class="muted">${k.intro}</p>
      ${docs.map((doc, i) => this.renderDoc(docs, doc, i))}
      <button type="button" class="btn" @click=${() => this.add(docs)}>${k.add}</button>
      <p class=${over ? 'error' : 'muted'} data-knowledge-size>${k.size(kb(bytes(docs)), kb(total), kb(MAX_SETTINGS_BYTES))} ${over ? k.tooLarge : nothing}</p>
      ${admin ? this.renderTry(d) : nothing}
    </fieldset>`;
  }

  private renderDoc(docs: Doc[], doc: Doc, i: number) {
    const k = this.host.t.knowledge;
    const edit = (apply: (v: string) => void) => (e: Event) => {
      apply(value(e));
      this.edited();
    };
    return html`<div class="row" data-doc=${i}>
      <div class="fields">
        <label class="field">${k.docTitle}<input type="text" name="docTitle" maxlength="200" .value=${doc.title} @input=${edit((v) => (doc.title = v))} /></label>
        <label class="field">${k.docText}<textarea name="docText" maxlength=${MAX_DOC_CHARS} .value=${doc.text} @input=${edit((v) => (doc.text = v))}></textarea></label>
        <span class="muted" data-chars>${k.chars(doc.text.length, MAX_DOC_CHARS)}</span>
        <label class="field">${k.docUrl}<input type="url" name="docUrl" .value=${doc.url ?? ''} @input=${edit((v) => (v.trim() ? (doc.url = v.trim()) : delete doc.url))} /></label>
      </div>
      <div class="buttons">
        <button type="button" class="btn danger" aria-label=${`${k.remove}: ${doc.title || k.untitled}`} @click=${() => (docs.splice(i, 1), this.edited())}>✕</button>
      </div>
    </div>`;
  }

  /** The box stays out of the form's "unsaved" state: typing a question changes no setting. */
  private renderTry(d: ShopSettings) {
    const k = this.host.t.knowledge;
    const stop = (e: Event) => e.stopPropagation();
    return html`<div class="try" role="group" aria-labelledby="try-title">
      <h3 id="try-title">${k.tryTitle}</h3>
      <p class="muted">${k.tryHint}</p>
      <div class="try-row">
        <label class="field">${k.tryQuestion}<input
            type="text"
            name="tryQuestion"
            maxlength=${MAX_QUESTION}
            .value=${this.question}
            @change=${stop}
            @input=${(e: Event) => (stop(e), (this.question = value(e)), this.host.requestUpdate())}
            @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && (e.preventDefault(), void this.run(d))}
        /></label>
        <button type="button" class="btn" ?disabled=${this.trying || !this.question.trim()} @click=${() => this.run(d)}>${this.trying ? k.trying : k.tryButton}</button>
      </div>
      <div role="status" aria-live="polite" data-try-result>${this.renderResult()}</div>
    </div>`;
  }

  private renderResult() {
    const k = this.host.t.knowledge;
    if (this.error) return html`<p class="error">${k.failed(this.error)}</p>`;
    const r = this.result;
    if (!r) return nothing;
    if (r.kind === 'orders') return html`<p>${k.orders}</p>`;
    if (r.kind === 'handoff') return html`<p>${k.handoff(r.reason ?? 'error')}</p>`;
    const url = r.url && /^https?:\/\//i.test(r.url) ? r.url : null;
    return html`<p>${r.kind === 'answer' ? k.answer : k.clarify}</p>
      <blockquote class="answer">${r.text}</blockquote>
      ${r.kind === 'answer'
        ? html`<p data-source>${k.from} <strong>${r.source}</strong>${url ? html` · <a href=${url} target="_blank" rel="noopener noreferrer nofollow">${url}</a>` : nothing}</p>`
        : nothing}`;
  }

  private add(docs: Doc[]): void {
    docs.push({ title: '', text: '' });
    this.edited();
    void this.host.updateComplete.then(() => {
      const titles = (this.host as unknown as HTMLElement).shadowRoot?.querySelectorAll<HTMLInputElement>('input[name="docTitle"]');
      titles?.[titles.length - 1]?.focus();
    });
  }

  private edited(): void {
    this.changed();
    this.host.requestUpdate();
  }

  private async run(d: ShopSettings): Promise<void> {
    const question = this.question.trim();
    if (!question || this.trying) return;
    this.trying = true;
    this.error = null;
    this.host.requestUpdate();
    try {
      this.result = await this.host.inbox.api.tryAi(question, { faqs: d.faqs, knowledge: d.ai.knowledge });
    } catch (err) {
      this.result = null;
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.trying = false;
      this.host.requestUpdate();
    }
  }
}

export const knowledgeStyles = css`
  .try {
    display: grid;
    gap: 6px;
    border-top: 1px solid var(--_line);
    padding-top: 10px;
  }
  .try h3 {
    font-size: 15px;
    margin: 0;
  }
  .try-row {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 8px;
    align-items: end;
  }
  blockquote.answer {
    margin: 0;
    padding: 8px 12px;
    border-left: 3px solid var(--_line);
    white-space: pre-wrap;
  }
  [data-section='knowledge'] p {
    margin: 0;
  }
`;
