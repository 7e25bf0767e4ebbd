/** `<customer-hub-inbox-settings>`: the merchant's web chat settings (R12) in sections, their fields, checks and per-section save. */
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { inboxEn, type InboxTranslation } from '../i18n/inbox.js';
import type { ShopSettings } from './inbox-api.js';
import type { InboxClient } from './inbox-client.js';
import { settingsStyles } from './inbox-settings-styles.js';
import { emailFieldset, smsFieldset } from './settings-channels.js';
import { ratingSetting } from './settings-rating.js';
import { attachmentsCheck } from './settings-attachments.js';
import { shopperEmailFieldset } from './settings-shopper-emails.js';
import { checked, lines, setOptional, toggle, value } from './settings-fields.js';
import { headerFields } from './settings-header.js';
import { KnowledgeEditor, knowledgeStyles } from './knowledge-editor.js';
import { LanguagesEditor, languagesStyles, pruneTranslations } from './settings-languages.js';
import { SETTINGS_SECTIONS, resetSection, sectionKeys, type SectionId } from './settings-sections.js';
import { sectionNav } from './settings-nav.js';
import { OfficeHoursEditor } from './settings-hours.js';
import { tokens } from './styles.js';

const NOTIFICATION_EVENTS = ['ticket.created', 'message.created', 'ticket.handoff', 'ticket.closed', 'ticket.rated'];
const HANDOFF_TARGETS = ['inbox', 'zendesk', 'gorgias', 'webhook', 'message'] as const;


/**
 * The merchant's web chat settings (R12): validated by the server on save and pushed
 * to open widgets at once. Internal to `<customer-hub-inbox>` (part `settings`).
 * Sections with a side navigation (issue 17), each its own form and Save: saving one
 * sends only its settings (settings-sections.ts) and leaves the others' unsaved edits
 * as they are; leaving a section, the settings or the page with edits asks first.
 */
export class CustomerHubInboxSettings extends LitElement {
  static override styles = [tokens, settingsStyles, knowledgeStyles, languagesStyles];

  @property({ attribute: false }) inbox!: InboxClient;
  @property({ attribute: false }) t: InboxTranslation = inboxEn;

  /** The form's working copy: every section's edits, each saved on its own. */
  @state() private draft: ShopSettings | null = null;
  @state() private section: SectionId = 'chat';
  /** The sections with unsaved edits. */
  @state() private dirty = new Set<SectionId>();
  /** The section whose save just went through (its "Saved" confirmation). */
  @state() private savedSection: SectionId | null = null;
  private unsubs: Array<() => void> = [];
  /** The AI agent's pages and the "test a question" box (issue 18). */
  private knowledge = new KnowledgeEditor(this, () => this.touch('ai'));
  /** Content per language, side by side with the default (issue 17). */
  private languages = new LanguagesEditor(this, () => this.touch('chat'));
  /** The office hours: days, ranges, holidays and the away message. */
  private hours = new OfficeHoursEditor(this, () => this.touch('hours'));
  /** Closing or reloading the tab with unsaved edits asks first. */
  private readonly onBeforeUnload = (e: BeforeUnloadEvent): void => {
    if (!this.dirty.size) return;
    e.preventDefault();
    e.returnValue = '';
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubs = [
      this.inbox.$settings.subscribe((s) => {
        if (!s) return void (this.draft = null);
        if (!this.draft) return void (this.draft = structuredClone(s));
        // What is saved now, in every section without edits of its own.
        for (const { id, keys } of SETTINGS_SECTIONS) if (!this.dirty.has(id)) resetSection(this.draft, s, keys);
        this.requestUpdate();
      }),
      this.inbox.$settingsState.listen(() => this.requestUpdate()),
      this.inbox.$settingsError.listen(() => this.requestUpdate()),
    ];
    window.addEventListener('beforeunload', this.onBeforeUnload);
    void this.inbox.loadSettings();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    for (const u of this.unsubs) u();
  }

  /** Whether the agent may leave the settings: no unsaved edits, or they chose to discard them. */
  confirmLeave(): boolean {
    const names = SETTINGS_SECTIONS.filter((s) => this.dirty.has(s.id)).map((s) => this.t.settingsSections[s.id]);
    if (names.length && !confirm(this.t.leaveUnsaved(names.join(', ')))) return false;
    this.discard([...this.dirty]);
    return true;
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
    const id = this.section;
    const error = st === 'error' && this.savedSection === null ? this.inbox.$settingsError.get() : null;
    return html`<div class="layout">
      <div class="side">
        <h2>${t.settingsTitle}</h2>
        ${sectionNav(id, this.dirty, t, (next) => this.go(next))}
      </div>
      <form data-section=${id} aria-labelledby="section-title" @submit=${this.save} @input=${this.edited} @change=${this.edited} novalidate>
        <h3 id="section-title" tabindex="-1">${t.settingsSections[id]}</h3>
        ${admin ? nothing : html`<p class="muted">${t.readOnly}</p>`}
        ${this.sectionBody(id, d, admin)}
        ${admin
          ? html`<div class="bar">
              <button class="btn primary" type="submit" ?disabled=${st === 'saving'}>${st === 'saving' ? t.saving : t.save}</button>
              <span role="status" aria-live="polite">
                ${error
                  ? html`<span class="error">${t.invalid(error)}</span>`
                  : this.dirty.has(id)
                    ? html`<span class="muted">${t.unsaved}</span>`
                    : this.savedSection === id
                      ? html`<span class="ok">${t.saved}</span>`
                      : nothing}
              </span>
            </div>`
          : nothing}
      </form>
    </div>`;
  }

  /** A section's controls. Another section's control goes in its list here (one line), its key in settings-sections.ts. */
  private sectionBody(id: SectionId, d: ShopSettings, admin: boolean) {
    const update = () => this.requestUpdate();
    switch (id) {
      case 'chat':
        return [this.renderGeneral(d, admin), headerFields(this.t, d, admin), this.languages.render(d, admin), this.renderPolicies(d, admin)];
      case 'faq':
        return [this.renderFaqs(d, admin)];
      case 'hours':
        return [this.hours.render(d, admin, this.t)];
      case 'ai':
        return [this.renderAi(d, admin), this.knowledge.render(d, admin)];
      case 'sms':
        return [smsFieldset(d, admin, this.t, update)];
      case 'notifications':
        return [this.renderWebhook(d, admin), emailFieldset(d, admin, this.t, update), shopperEmailFieldset(d, admin, this.t)];
      case 'team':
        return [this.renderMacros(d, admin)];
      case 'security':
        return [this.renderOrigins(d, admin)];
    }
  }

  /**
   * Goes to another section. With unsaved edits in this one it asks first; they are kept
   * (a dot in the navigation) until saved, or discarded on leaving the settings.
   */
  private go(next: SectionId): boolean {
    if (next === this.section) return true;
    if (this.dirty.has(this.section) && !confirm(this.t.leaveSection(this.t.settingsSections[this.section]))) return false;
    this.section = next;
    this.savedSection = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#section-title')?.focus());
    return true;
  }

  /** Takes sections back to what is saved. */
  private discard(ids: SectionId[]): void {
    const saved = this.inbox.$settings.get();
    if (this.draft && saved) for (const id of ids) resetSection(this.draft, saved, sectionKeys(id));
    this.dirty = new Set([...this.dirty].filter((x) => !ids.includes(x)));
  }

  private edited = (e: Event): void => {
    // A field the server refused is fine again once edited.
    const field = e.target as HTMLInputElement;
    if (field.getAttribute?.('aria-invalid') === 'true') {
      field.removeAttribute('aria-invalid');
      field.setCustomValidity?.('');
    }
    this.touch(this.section);
  };

  private touch(id: SectionId): void {
    if (this.dirty.has(id)) return;
    this.dirty = new Set([...this.dirty, id]);
    this.savedSection = null;
  }

  private renderGeneral(d: ShopSettings, admin: boolean) {
    const t = this.t;
    return html`<fieldset ?disabled=${!admin}>
      <legend>${t.general}</legend>
      <label class="check"><input type="checkbox" name="enabled" .checked=${d.enabled} @change=${(e: Event) => (d.enabled = checked(e))} /> ${t.chatEnabled}</label>
        ${ratingSetting(d, t)} ${attachmentsCheck(d, t)}
      <label class="field">${t.loginStatus}
        <select name="loginStatus" .value=${d.loginStatus} @change=${(e: Event) => (d.loginStatus = value(e) as ShopSettings['loginStatus'])}>
          <option value="all" ?selected=${d.loginStatus === 'all'}>${t.loginAll}</option>
          <option value="logged-in" ?selected=${d.loginStatus === 'logged-in'}>${t.loginLoggedIn}</option>
        </select>
      </label>
      <label class="field">${t.welcomeMessage}
        <textarea name="welcomeMessage" .value=${d.welcomeMessage} @input=${(e: Event) => (d.welcomeMessage = value(e))}></textarea>
      </label>
    </fieldset>`;
  }

  private renderPolicies(d: ShopSettings, admin: boolean) {
    const t = this.t;
    return html`<fieldset ?disabled=${!admin}>
      <legend>${t.policies}</legend>
      <label class="field">${t.privacyUrl}<input type="url" name="privacyUrl" .value=${d.policy.privacyUrl ?? ''} @input=${(e: Event) => setOptional(d.policy, 'privacyUrl', value(e))} /></label>
      <label class="field">${t.termsUrl}<input type="url" name="termsUrl" .value=${d.policy.termsUrl ?? ''} @input=${(e: Event) => setOptional(d.policy, 'termsUrl', value(e))} /></label>
    </fieldset>`;
  }

  private renderFaqs(d: ShopSettings, admin: boolean) {
    const t = this.t;
    return html`<fieldset ?disabled=${!admin} data-section="faqs">
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
    </fieldset>`;
  }

  private renderMacros(d: ShopSettings, admin: boolean) {
    const t = this.t;
    return html`<fieldset ?disabled=${!admin}>
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
    </fieldset>`;
  }

  private renderWebhook(d: ShopSettings, admin: boolean) {
    const t = this.t;
    return html`<fieldset ?disabled=${!admin}>
      <legend>${t.notificationTargets}</legend>
      <label class="field">${t.webhookUrl}<input type="url" name="webhookUrl" .value=${d.notifications.webhookUrl ?? ''} @input=${(e: Event) => setOptional(d.notifications, 'webhookUrl', value(e))} /></label>
      <div role="group" aria-label=${t.webhookEvents}>
        ${NOTIFICATION_EVENTS.map(
          (ev) => html`<label class="check"><input type="checkbox" .checked=${d.notifications.events.includes(ev)} @change=${(e: Event) => (d.notifications.events = toggle(d.notifications.events, ev, checked(e)))} /> ${ev}</label>`,
        )}
      </div>
      <label class="field">${t.webhookSecret}<input type="password" autocomplete="off" name="webhookSecret" @input=${(e: Event) => setOptional(d.notifications, 'secret', value(e))} /></label>
    </fieldset>`;
  }

  private renderOrigins(d: ShopSettings, admin: boolean) {
    const t = this.t;
    return html`<fieldset ?disabled=${!admin}>
      <legend>${t.allowedOriginsTitle}</legend>
      <label class="field">${t.allowedOrigins}
        <textarea name="allowedOrigins" .value=${d.allowedOrigins.join('\n')} @input=${(e: Event) => (d.allowedOrigins = lines(value(e)))}></textarea>
      </label>
    </fieldset>`;
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
    this.touch(this.section);
    this.requestUpdate();
  }

  private removeAt<T>(list: T[], i: number): void {
    list.splice(i, 1);
    this.touch(this.section);
    this.requestUpdate();
  }

  private add<T>(list: T[], item: T): void {
    list.push(item);
    this.touch(this.section);
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const fields = this.renderRoot.querySelectorAll<HTMLElement>('fieldset .row:last-of-type input[type=text]');
      fields[fields.length - 1]?.focus();
    });
  }

  /** Saves this section alone; a refusal marks the field it names (`path: reason`, the server's words). */
  private save = async (e: Event): Promise<void> => {
    e.preventDefault();
    const d = this.draft;
    const id = this.section;
    if (!d) return;
    // Drop rows left empty rather than fail the whole section on them.
    if (id === 'faq') d.faqs = d.faqs.filter((f) => f.question.trim() || f.answer.trim());
    if (id === 'chat') pruneTranslations(d);
    if (id === 'team') d.macros = d.macros.filter((m) => m.name.trim() || m.body.trim());
    this.savedSection = null;
    // A removed FAQ takes its saved translations with it (the server refuses a translation of
    // no FAQ); the Chat section's unsaved translations stay unsent.
    const keys = id === 'faq' && this.inbox.$settings.get()?.translations ? [...sectionKeys(id), 'translations' as const] : sectionKeys(id);
    const sent = keys === sectionKeys(id) ? d : { ...d, translations: structuredClone(this.inbox.$settings.get()!.translations) };
    if (sent !== d) pruneTranslations(sent);
    if (await this.inbox.saveSettingsSection(sent, keys)) {
      this.discard([id]);
      this.savedSection = id;
    } else {
      void this.updateComplete.then(() => this.markRefused(this.inbox.$settingsError.get()));
    }
  };

  /** The field a refusal names (`policy.privacyUrl: ...`, `faqs.2.question: ...`), marked invalid, its reason told, focused. */
  private markRefused(message: string | null): void {
    const path = /^([\w.]+):/.exec(message ?? '')?.[1]?.split('.') ?? [];
    const name = [...path].reverse().find((p) => !/^\d+$/.test(p));
    if (!name) return;
    const index = Number(path.find((p) => /^\d+$/.test(p)) ?? 0);
    const field = this.renderRoot.querySelectorAll<HTMLInputElement>(`form [name="${CSS.escape(name)}"]`)[index];
    if (!field) return;
    field.setAttribute('aria-invalid', 'true');
    field.setCustomValidity(message!);
    field.focus();
    field.reportValidity();
  }
}

const newId = (): string => `x${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

declare global {
  interface HTMLElementTagNameMap {
    'customer-hub-inbox-settings': CustomerHubInboxSettings;
  }
}
