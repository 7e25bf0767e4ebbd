/** `<customer-hub-inbox-settings>`: the merchant's web chat settings form (R12), its fields, checks and save. */
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { inboxEn, type InboxTranslation } from '../i18n/inbox.js';
import { WEEKDAYS, type ShopSettings, type Weekday } from './inbox-api.js';
import type { InboxClient } from './inbox-client.js';
import { settingsStyles } from './inbox-settings-styles.js';
import { emailFieldset, smsFieldset } from './settings-channels.js';
import { shopperEmailFieldset } from './settings-shopper-emails.js';
import { checked, lines, setOptional, toggle, value } from './settings-fields.js';
import { KnowledgeEditor, knowledgeStyles } from './knowledge-editor.js';
import { tokens } from './styles.js';

/** Opening ranges a day may have in the form (a morning and an afternoon, say). */
const RANGES_PER_DAY = 2;
const NOTIFICATION_EVENTS = ['ticket.created', 'message.created', 'ticket.handoff', 'ticket.closed'];
const HANDOFF_TARGETS = ['inbox', 'zendesk', 'gorgias', 'webhook', 'message'] as const;

function timeZones(current: string): string[] {
  const all = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return all.includes(current) ? all : [current, ...all];
}

/**
 * The merchant's web chat settings (R12): validated by the server on save and pushed
 * to open widgets at once. Internal to `<customer-hub-inbox>` (part `settings`).
 */
export class CustomerHubInboxSettings extends LitElement {
  static override styles = [tokens, settingsStyles, knowledgeStyles];

  @property({ attribute: false }) inbox!: InboxClient;
  @property({ attribute: false }) t: InboxTranslation = inboxEn;

  /** The form's working copy; saved as a whole. */
  @state() private draft: ShopSettings | null = null;
  @state() private dirty = false;
  /** The ranges of days closed in this draft, restored when the day is opened again. */
  private closedRanges = new Map<Weekday, string[][]>();
  private unsubs: Array<() => void> = [];
  /** The AI agent's pages and the "test a question" box (issue 18). */
  private knowledge = new KnowledgeEditor(this, () => (this.dirty = true));

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubs = [
      this.inbox.$settings.subscribe((s) => {
        if (!this.dirty || !this.draft) this.draft = s ? structuredClone(s) : null;
      }),
      this.inbox.$settingsState.listen(() => this.requestUpdate()),
      this.inbox.$settingsError.listen(() => this.requestUpdate()),
    ];
    void this.inbox.loadSettings();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const u of this.unsubs) u();
  }

  override render() {
    const t = this.t;
    const d = this.draft;
    const st = this.inbox.$settingsState.get();
    if (!d) {
      return st === 'error'
        ? html`<p class="error padded" role="alert">${this.inbox.$settingsError.get()}
            <button class="btn" @click=${() => this.inbox.loadSettings()}>${t.retry}</button></p>`
        : html`<p class="muted padded" role="status">${t.loadingSettings}</p>`;
    }
    const admin = this.inbox.$session.get()?.agent.role === 'admin';
    const error = st === 'error' ? this.inbox.$settingsError.get() : null;
    return html`<form @submit=${this.save} @input=${() => (this.dirty = true)} @change=${() => (this.dirty = true)} novalidate>
      <h2>${t.settingsTitle}</h2>
      ${admin ? nothing : html`<p class="muted">${t.readOnly}</p>`}
      <fieldset ?disabled=${!admin}>
        <legend>${t.general}</legend>
        <label class="check"><input type="checkbox" name="enabled" .checked=${d.enabled} @change=${(e: Event) => (d.enabled = checked(e))} /> ${t.chatEnabled}</label>
        <label class="field">${t.loginStatus}
          <select name="loginStatus" .value=${d.loginStatus} @change=${(e: Event) => (d.loginStatus = value(e) as ShopSettings['loginStatus'])}>
            <option value="all" ?selected=${d.loginStatus === 'all'}>${t.loginAll}</option>
            <option value="logged-in" ?selected=${d.loginStatus === 'logged-in'}>${t.loginLoggedIn}</option>
          </select>
        </label>
        <label class="field">${t.welcomeMessage}
          <textarea name="welcomeMessage" .value=${d.welcomeMessage} @input=${(e: Event) => (d.welcomeMessage = value(e))}></textarea>
        </label>
      </fieldset>

      <fieldset ?disabled=${!admin} data-section="faqs">
        <legend>${t.faqs}</legend>
        ${d.faqs.map(
          (f, i) => html`<div class="row" data-faq=${f.id}>
            <div class="fields">
              <label class="field">${t.question}<input type="text" name="question" .value=${f.question} @input=${(e: Event) => (f.question = value(e))} /></label>
              <label class="field">${t.answer}<textarea name="answer" .value=${f.answer} @input=${(e: Event) => (f.answer = value(e))}></textarea></label>
              <label class="check"><input type="checkbox" name="published" .checked=${f.published} @change=${(e: Event) => (f.published = checked(e))} /> ${t.published}</label>
            </div>
            <div class="buttons">
              <button type="button" class="btn" aria-label=${`${t.moveUp}: ${f.question}`} ?disabled=${i === 0} @click=${() => this.move(d.faqs, i, -1)}>↑</button>
              <button type="button" class="btn" aria-label=${`${t.moveDown}: ${f.question}`} ?disabled=${i === d.faqs.length - 1} @click=${() => this.move(d.faqs, i, 1)}>↓</button>
              <button type="button" class="btn danger" aria-label=${`${t.remove}: ${f.question}`} @click=${() => this.removeAt(d.faqs, i)}>✕</button>
            </div>
          </div>`,
        )}
        <button type="button" class="btn" @click=${() => this.add(d.faqs, { id: newId(), question: '', answer: '', published: true })}>${t.addFaq}</button>
      </fieldset>

      <fieldset ?disabled=${!admin}>
        <legend>${t.policies}</legend>
        <label class="field">${t.privacyUrl}<input type="url" name="privacyUrl" .value=${d.policy.privacyUrl ?? ''} @input=${(e: Event) => setOptional(d.policy, 'privacyUrl', value(e))} /></label>
        <label class="field">${t.termsUrl}<input type="url" name="termsUrl" .value=${d.policy.termsUrl ?? ''} @input=${(e: Event) => setOptional(d.policy, 'termsUrl', value(e))} /></label>
      </fieldset>

      ${this.renderHours(d, admin)} ${this.renderAi(d, admin)} ${this.knowledge.render(d, admin)}

      <fieldset ?disabled=${!admin}>
        <legend>${t.macros}</legend>
        ${d.macros.map(
          (m, i) => html`<div class="row">
            <div class="fields">
              <label class="field">${t.macroName}<input type="text" name="macroName" .value=${m.name} @input=${(e: Event) => (m.name = value(e))} /></label>
              <label class="field">${t.macroBody}<textarea name="macroBody" .value=${m.body} @input=${(e: Event) => (m.body = value(e))}></textarea></label>
            </div>
            <div class="buttons">
              <button type="button" class="btn danger" aria-label=${`${t.remove}: ${m.name}`} @click=${() => this.removeAt(d.macros, i)}>✕</button>
            </div>
          </div>`,
        )}
        <button type="button" class="btn" @click=${() => this.add(d.macros, { id: newId(), name: '', body: '' })}>${t.addMacro}</button>
      </fieldset>

      <fieldset ?disabled=${!admin}>
        <legend>${t.notificationTargets}</legend>
        <label class="field">${t.allowedOrigins}
          <textarea name="allowedOrigins" .value=${d.allowedOrigins.join('\n')} @input=${(e: Event) => (d.allowedOrigins = lines(value(e)))}></textarea>
        </label>
        <label class="field">${t.webhookUrl}<input type="url" name="webhookUrl" .value=${d.notifications.webhookUrl ?? ''} @input=${(e: Event) => setOptional(d.notifications, 'webhookUrl', value(e))} /></label>
        <div role="group" aria-label=${t.webhookEvents}>
          ${NOTIFICATION_EVENTS.map(
            (ev) => html`<label class="check"><input type="checkbox" .checked=${d.notifications.events.includes(ev)} @change=${(e: Event) => (d.notifications.events = toggle(d.notifications.events, ev, checked(e)))} /> ${ev}</label>`,
          )}
        </div>
        <label class="field">${t.webhookSecret}<input type="password" autocomplete="off" name="webhookSecret" @input=${(e: Event) => setOptional(d.notifications, 'secret', value(e))} /></label>
      </fieldset>

      ${emailFieldset(d, admin, t, () => this.requestUpdate())} ${smsFieldset(d, admin, t, () => this.requestUpdate())}
      ${shopperEmailFieldset(d, admin, t)}

      ${admin
        ? html`<div class="bar">
            <button class="btn primary" type="submit" ?disabled=${st === 'saving'}>${st === 'saving' ? t.saving : t.save}</button>
            <span role="status" aria-live="polite">
              ${error ? html`<span class="error">${t.invalid(error)}</span>` : st === 'saved' && !this.dirty ? html`<span class="ok">${t.saved}</span>` : this.dirty ? html`<span class="muted">${t.unsaved}</span>` : nothing}
            </span>
          </div>`
        : nothing}
    </form>`;
  }

  private renderHours(d: ShopSettings, admin: boolean) {
    const t = this.t;
    const h = d.officeHours;
    return html`<fieldset ?disabled=${!admin}>
      <legend>${t.officeHours}</legend>
      <label class="field">${t.timezone}
        <select name="timezone" @change=${(e: Event) => (h.timezone = value(e))}>
          ${timeZones(h.timezone).map((z) => html`<option value=${z} ?selected=${z === h.timezone}>${z}</option>`)}
        </select>
      </label>
      ${WEEKDAYS.map((day) => this.renderDay(h.weekly, day))}
      <label class="field">${t.holidays}<textarea name="holidays" .value=${h.holidays.join('\n')} @input=${(e: Event) => (h.holidays = lines(value(e)))}></textarea></label>
      <label class="field">${t.awayMessage}<textarea name="awayMessage" .value=${h.awayMessage} @input=${(e: Event) => (h.awayMessage = value(e))}></textarea></label>
    </fieldset>`;
  }

  private renderDay(weekly: Record<Weekday, string[][]>, day: Weekday) {
    const t = this.t;
    const ranges = weekly[day];
    const label = t.days[day]!;
    return html`<div class="day" data-day=${day}>
      <span>${label}</span>
      <label class="check"><input type="checkbox" name="openDay" aria-label=${`${t.openDay}: ${label}`} .checked=${ranges.length > 0} @change=${(e: Event) => this.setDayOpen(weekly, day, checked(e))} /> ${t.openDay}</label>
      <div class="ranges">
        ${ranges.map((range, i) => this.renderRange(ranges, range, i, label))}
        ${ranges.length > 0 && ranges.length < RANGES_PER_DAY
          ? html`<button type="button" class="btn" data-add-range @click=${() => this.addRange(ranges)}>${t.addRange}<span class="sr-only">: ${label}</span></button>`
          : nothing}
      </div>
    </div>`;
  }

  private renderRange(ranges: string[][], range: string[], i: number, label: string) {
    const t = this.t;
    const which = ranges.length > 1 ? ` (${i + 1})` : '';
    return html`<div class="range">
      <label class="field">${t.from}<input type="time" name="from" aria-label=${`${label}${which}: ${t.from}`} .value=${range[0] ?? ''} @input=${(e: Event) => (range[0] = value(e))} /></label>
      <label class="field">${t.to}<input type="time" name="to" aria-label=${`${label}${which}: ${t.to}`} .value=${range[1] === '24:00' ? '23:59' : (range[1] ?? '')} @input=${(e: Event) => (range[1] = value(e))} /></label>
      ${ranges.length > 1
        ? html`<button type="button" class="btn danger remove" aria-label=${`${t.removeRange}: ${label}${which}`} @click=${() => this.removeAt(ranges, i)}>✕</button>`
        : nothing}
    </div>`;
  }

  /**
   * Closing a day keeps its ranges aside, so opening it again (before a save) brings
   * them back: nothing the merchant set is edited away silently (issue 13 #12).
   */
  private setDayOpen(weekly: Record<Weekday, string[][]>, day: Weekday, open: boolean): void {
    if (open) {
      weekly[day] = this.closedRanges.get(day) ?? [['09:00', '17:00']];
    } else {
      if (weekly[day].length) this.closedRanges.set(day, weekly[day]);
      weekly[day] = [];
    }
    this.dirty = true;
    this.requestUpdate();
  }

  private addRange(ranges: string[][]): void {
    const end = ranges.at(-1)?.[1];
    // A second range after the first one, e.g. the afternoon after a lunch break.
    ranges.push(end && end < '18:00' ? [end, '18:00'] : ['18:00', '20:00']);
    this.dirty = true;
    this.requestUpdate();
  }

  private renderAi(d: ShopSettings, admin: boolean) {
    const t = this.t;
    const ai = d.ai;
    const target = ai.handoff.target;
    return html`<fieldset ?disabled=${!admin} data-section="ai">
      <legend>${t.aiAgent}</legend>
      <label class="check"><input type="checkbox" name="aiEnabled" .checked=${ai.enabled} @change=${(e: Event) => ((ai.enabled = checked(e)), this.requestUpdate())} /> ${t.aiEnabled}</label>
      <label class="field">${t.maxTurns}<input type="number" min="1" max="10" .value=${String(ai.maxUnresolvedTurns)} @input=${(e: Event) => (ai.maxUnresolvedTurns = Number(value(e)))} /></label>
      <label class="field">${t.handoffTarget}
        <select name="handoffTarget" @change=${(e: Event) => ((ai.handoff.target = value(e) as typeof target), this.requestUpdate())}>
          ${HANDOFF_TARGETS.map((x) => html`<option value=${x} ?selected=${x === target}>${t.handoffTargets[x]}</option>`)}
        </select>
      </label>
      ${target === 'webhook' || target === 'gorgias'
        ? html`<label class="field">${t.handoffUrl}<input type="url" name="handoffUrl" .value=${ai.handoff.url ?? ''} @input=${(e: Event) => setOptional(ai.handoff, 'url', value(e))} /></label>`
        : nothing}
      ${target === 'message'
        ? html`<label class="field">${t.handoffMessage}<textarea name="handoffMessage" .value=${ai.handoff.message ?? ''} @input=${(e: Event) => setOptional(ai.handoff, 'message', value(e))}></textarea></label>`
        : nothing}
      ${target === 'zendesk' ? html`<label class="field">${t.subdomain}<input type="text" .value=${ai.handoff.subdomain ?? ''} @input=${(e: Event) => setOptional(ai.handoff, 'subdomain', value(e))} /></label>` : nothing}
      ${target === 'zendesk' || target === 'gorgias'
        ? html`<label class="field">${t.handoffEmail}<input type="text" .value=${ai.handoff.email ?? ''} @input=${(e: Event) => setOptional(ai.handoff, 'email', value(e))} /></label>
            <label class="field">${t.apiToken}<input type="password" autocomplete="off" @input=${(e: Event) => setOptional(ai.handoff, 'apiToken', value(e))} /></label>`
        : nothing}
      ${target === 'webhook'
        ? html`<label class="field">${t.handoffSecret}<input type="password" autocomplete="off" @input=${(e: Event) => setOptional(ai.handoff, 'secret', value(e))} /></label>`
        : nothing}
    </fieldset>`;
  }

  private move<T>(list: T[], i: number, delta: number): void {
    const [item] = list.splice(i, 1);
    list.splice(i + delta, 0, item!);
    this.dirty = true;
    this.requestUpdate();
  }

  private removeAt<T>(list: T[], i: number): void {
    list.splice(i, 1);
    this.dirty = true;
    this.requestUpdate();
  }

  private add<T>(list: T[], item: T): void {
    list.push(item);
    this.dirty = true;
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const fields = this.renderRoot.querySelectorAll<HTMLElement>('fieldset .row:last-of-type input[type=text]');
      fields[fields.length - 1]?.focus();
    });
  }

  private save = async (e: Event): Promise<void> => {
    e.preventDefault();
    const d = this.draft;
    if (!d) return;
    // Drop rows left empty rather than fail the whole form on them.
    d.faqs = d.faqs.filter((f) => f.question.trim() || f.answer.trim());
    d.macros = d.macros.filter((m) => m.name.trim() || m.body.trim());
    if (await this.inbox.saveSettings(d)) this.dirty = false;
  };
}

const newId = (): string => `x${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

declare global {
  interface HTMLElementTagNameMap {
    'customer-hub-inbox-settings': CustomerHubInboxSettings;
  }
}
