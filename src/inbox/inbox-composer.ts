/**
 * `<customer-hub-inbox-composer>`: the reply composer of the open ticket. It holds the
 * draft (kept per ticket), the `/` macro search, the emoji picker and the pending images.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { AgentThread } from './agent-thread.js';
import { inboxEn, type InboxTranslation } from '../i18n/inbox.js';
import { MAX_BODY_CHARS } from '../protocol/index.js';
import { loadDraft, saveDraft } from './draft-store.js';
import { emojiPicker } from './emoji.js';
import { focusFirst, popupKeys } from './focus.js';
import { icons } from './icons.js';
import type { ShopSettings } from './inbox-api.js';
import { smsRefuses, smsStatus } from './sms-composer.js';
import { noteToggle } from './note-toggle.js';
import { IMAGE_TYPES, UploadQueue, type Upload } from './upload-queue.js';

/** A saved quick reply. */
export type Macro = ShopSettings['macros'][number];

/** The composer's popups. */
type ComposerMenu = 'emoji' | 'macros';

/** Whether the reply is a macro search: `/` and what follows, up to the first space. */
const isMacroSearch = (draft: string): boolean => /^\/\S*$/.test(draft);

/** The macros matching the `/` search in the reply (all of them without one). */
function macroMatches(macros: readonly Macro[], draft: string): Macro[] {
  const slash = /^\/(\S*)$/.exec(draft);
  const filter = (slash?.[1] ?? '').toLowerCase();
  return macros.filter((m) => !filter || m.name.toLowerCase().includes(filter) || m.body.toLowerCase().includes(filter));
}

/** Fired (not bubbling) when the composer opens one of its popups, so the ticket closes its own. */
export const COMPOSER_MENU_EVENT = 'customer-hub-inbox-composer-menu';

/**
 * The reply composer of `<customer-hub-inbox-ticket>` (R16): text, images, emoji and macros.
 * It renders into the ticket's shadow root, not a root of its own: the ticket's styles
 * and the parts the inbox forwards (`composer`, `input`, `send-button`) reach it there.
 *
 * @fires customer-hub-inbox-composer-menu - The composer opened its emoji picker or macro list.
 */
export class CustomerHubInboxComposer extends LitElement {
  /** The thread replies go to. */
  @property({ attribute: false }) thread: AgentThread | null = null;
  /** The ticket whose draft this is. */
  @property({ attribute: false }) ticketId: string | null = null;
  /** Sends an image up. */
  @property({ attribute: false }) upload!: Upload;
  /** The shop's macros. */
  @property({ attribute: false }) macros: readonly Macro[] = [];
  /** While the thread loads, nothing can be sent. */
  @property({ type: Boolean }) loading = false;
  /** The texts, in the inbox's language. */
  @property({ attribute: false }) t: InboxTranslation = inboxEn;
  /** The ticket's channel: SMS replies are counted in segments and bounded (issue 16). */
  @property() channel: 'chat' | 'sms' = 'chat';
  /** The SMS ticket's number sent STOP: nothing can be sent. */
  @property({ type: Boolean }) optedOut = false;

  @state() private menu: ComposerMenu | null = null;
  @state() private draft = '';
  @state() private macroIndex = 0;
  /** Who replied while this agent was writing, asked about before the reply goes (issue 17 "Collision"). */
  @state() private collision: string | null = null;
  /** The newest other agent's reply seen when the agent last focused the reply or began a draft. */
  private seenReply = 0;
  /** Writing an internal note (issue 17), not a reply: the shopper sees nothing of it, not even typing. */
  @state() private noteMode = false;

  @query('textarea') private input?: HTMLTextAreaElement;
  @query('input[type=file]') private fileInput?: HTMLInputElement;

  private readonly uploads = new UploadQueue(this, (file, progress) => this.upload(file, progress), () => this.t);

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.saveDraft();
  }

  /** Puts the cursor in the reply field; `note` switches to writing an internal note. */
  focusInput(note = false): void {
    if (note && !this.noteMode) this.setNoteMode(true);
    this.input?.focus();
  }

  /** Whether the reply field has the keyboard. */
  hasInputFocus(): boolean {
    const root = this.getRootNode() as Document | ShadowRoot;
    return !!this.input && root.activeElement === this.input;
  }

  /** Closes an open popup, focus back on its trigger; returns whether one was open. */
  dismiss(): boolean {
    if (!this.menu) return false;
    this.closeMenu();
    return true;
  }

  /** Closes an open popup and leaves the focus where it is (the ticket opened one of its own). */
  hideMenu(): void {
    this.menu = null;
  }

  /** Queues images dropped on the conversation. */
  addFiles(files: File[]): void {
    this.uploads.add(files);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another thread: the last one's draft is kept, this one's comes back; its popups and images go.
    if (!changed.has('thread')) return;
    const previous = changed.has('ticketId') ? (changed.get('ticketId') as string | null | undefined) : this.ticketId;
    if (previous) saveDraft(previous, this.draft);
    this.menu = null;
    this.collision = null;
    this.seenReply = this.othersReply().seq;
    this.uploads.clear();
    this.draft = this.ticketId ? loadDraft(this.ticketId) : '';
  }

  override render() {
    const t = this.t;
    const open = this.menu;
    const searching = open === 'macros' && macroMatches(this.macros, this.draft).length > 0;
    return html`
      <form class="composer ${this.noteMode ? 'note-mode' : ''}" part="composer" @submit=${this.onSubmit}>
        ${open === 'emoji' ? emojiPicker(t.emoji, (e) => this.insert(e), this.onMenuKey) : nothing} ${open === 'macros' ? this.renderMacros() : nothing}
        ${this.uploads.images.length ? this.renderPending() : nothing} ${this.collision !== null ? this.renderCollision() : nothing}
        ${noteToggle(this.noteMode, t, () => this.setNoteMode(!this.noteMode))}
        <label class="sr-only" for="reply">${this.noteMode ? t.note.label : t.reply}</label>
        <textarea
          id="reply"
          part="input"
          dir="auto"
          maxlength=${MAX_BODY_CHARS}
          placeholder=${this.noteMode ? t.note.placeholder : t.inputPlaceholder}
          .value=${this.draft}
          aria-autocomplete="list"
          aria-controls=${open === 'macros' ? 'macro-list' : nothing}
          aria-activedescendant=${searching ? `macro-${this.macroIndex}` : nothing}
          aria-describedby=${this.channel === 'sms' && !this.noteMode ? 'sms-status' : nothing}
          @input=${this.onInput}
          @focus=${this.markSeen}
          @keydown=${this.onKeydown}
          @paste=${this.onPaste}
        ></textarea>
        ${this.channel === 'sms' && !this.noteMode ? smsStatus('sms-status', this.draft, this.optedOut, t) : nothing}
        <div class="tools">
          <button type="button" class="icon-btn" data-trigger="emoji" aria-haspopup="dialog" aria-label=${t.emoji} aria-expanded=${open === 'emoji' ? 'true' : 'false'} @click=${() => this.toggleMenu('emoji')}>${icons.emoji}</button>
          <button type="button" class="icon-btn" aria-label=${t.attach} ?hidden=${this.noteMode} @click=${() => this.fileInput?.click()}>${icons.image}</button>
          <button type="button" class="icon-btn" data-trigger="macros" aria-haspopup="listbox" aria-label=${t.macros} aria-expanded=${open === 'macros' ? 'true' : 'false'} @click=${() => this.toggleMenu('macros')}>${icons.macro}</button>
          <input type="file" accept=${IMAGE_TYPES.join(',')} multiple hidden @change=${this.onFiles} />
          <span class="spacer"></span>
          <button class="btn primary" part="send-button" type="submit" ?disabled=${!this.canSend()}>${this.noteMode ? t.note.add : t.send}</button>
        </div>
      </form>
    `;
  }

  private canSend(): boolean {
    if (this.noteMode) return this.draft.trim().length > 0 && !this.loading;
    return !this.uploads.busy && (this.draft.trim().length > 0 || this.uploads.attachments.length > 0) && !this.loading && !this.smsRefused();
  }

  private smsRefused(): boolean {
    return this.channel === 'sms' && smsRefuses(this.draft, this.optedOut);
  }

  private renderPending() {
    const t = this.t;
    return html`<div class="pending">
      ${this.uploads.images.map(
        (img) => html`<figure>
          <img src=${img.preview} alt=${img.name} />
          ${img.attachment || img.error ? nothing : html`<progress max="1" .value=${img.progress} aria-label=${`${t.uploading} ${img.name}`}></progress>`}
          ${img.error ? html`<figcaption>${img.error}</figcaption>` : nothing}
          <button type="button" class="remove" aria-label=${`${t.removeImage} ${img.name}`} @click=${() => this.uploads.remove(img.key)}>×</button>
        </figure>`,
      )}
    </div>`;
  }

  private renderMacros() {
    const t = this.t;
    const matches = macroMatches(this.macros, this.draft);
    // The listbox holds options only (axe aria-required-children); an empty state is a note beside it.
    return html`<div class="popover" id="macro-list" @keydown=${this.onMenuKey}>
      ${!matches.length
        ? html`<p class="muted" role="status">${!this.macros.length ? t.noMacros : t.noMacroMatch}</p>`
        : html`<div role="listbox" aria-label=${t.macros}>
            ${matches.map(
              (m, i) => html`<button type="button" class="option" role="option" id=${`macro-${i}`} aria-selected=${i === this.macroIndex ? 'true' : 'false'} @click=${() => this.useMacro(m.body)}>
                <span class="macro-name">${m.name}</span><span class="macro-body">${m.body}</span>
              </button>`,
            )}
          </div>`}
    </div>`;
  }

  private toggleMenu(menu: ComposerMenu): void {
    if (this.menu === menu) this.closeMenu();
    else this.openMenu(menu);
  }

  private openMenu(menu: ComposerMenu): void {
    this.menu = menu;
    this.macroIndex = 0;
    this.dispatchEvent(new Event(COMPOSER_MENU_EVENT));
    // The macro list opened by "/" leaves the cursor in the reply; the others take focus.
    if (menu !== 'macros' || !isMacroSearch(this.draft)) void this.updateComplete.then(() => focusFirst(this.querySelector<HTMLElement>('.popover')));
  }

  /** Closes the open popup and gives focus back to what opened it (WAI-ARIA dialog pattern). */
  private closeMenu(): void {
    const menu = this.menu;
    if (!menu) return;
    const typed = menu === 'macros' && isMacroSearch(this.draft);
    this.menu = null;
    void this.updateComplete.then(() => {
      const trigger = typed ? this.input : this.querySelector<HTMLElement>(`[data-trigger="${menu}"]`);
      (trigger ?? this.input)?.focus();
    });
  }

  private onMenuKey = popupKeys(() => this.closeMenu());

  private onInput = (e: Event): void => {
    if (!this.draft) this.markSeen();
    this.draft = (e.target as HTMLTextAreaElement).value;
    this.saveDraft();
    if (!this.noteMode) this.thread?.setTyping(this.draft.length > 0);
    // `/` at the start opens the macro list, filtered by what follows (EXPERIENCE.md).
    if (isMacroSearch(this.draft)) {
      if (this.menu !== 'macros') this.openMenu('macros');
      this.macroIndex = 0;
    } else if (this.menu === 'macros' && this.draft.startsWith('/') === false && this.draft.length) {
      this.menu = null;
    }
  };

  private onKeydown = (e: KeyboardEvent): void => {
    if (this.menu === 'macros' && isMacroSearch(this.draft) && this.onMacroKey(e)) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.submit();
    }
  };

  /** Arrows, Enter/Tab and Escape in the `/` macro search; returns whether the key was used. */
  private onMacroKey(e: KeyboardEvent): boolean {
    const matches = macroMatches(this.macros, this.draft);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = matches.length || 1;
      this.macroIndex = (this.macroIndex + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
      return true;
    }
    if (e.key === 'Enter' || e.key === 'Tab') {
      const pick = matches[this.macroIndex];
      if (pick) {
        e.preventDefault();
        this.useMacro(pick.body);
        return true;
      }
      // "No macro matches": Enter must not send the filter text to the shopper
      //; Escape closes the search, then Enter sends a text that starts with `/`.
      if (e.key === 'Enter') {
        e.preventDefault();
        return true;
      }
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.menu = null;
      return true;
    }
    return false;
  }

  private onSubmit = (e: Event): void => {
    e.preventDefault();
    this.submit();
  };

  private submit(anyway = false): void {
    const thread = this.thread;
    if (thread && this.noteMode) return this.submitNote(thread);
    if (!thread || this.uploads.busy || this.smsRefused()) return;
    const attachments = this.uploads.attachments;
    if (!this.draft.trim() && !attachments.length) return;
    const latest = this.othersReply();
    if (!anyway && latest.seq > this.seenReply) {
      this.collision = latest.name || this.t.inbox;
      void this.updateComplete.then(() => focusFirst(this.querySelector<HTMLElement>('.collision')));
      return;
    }
    this.collision = null;
    if (thread.send(this.draft, attachments) === null) return;
    this.uploads.clear();
    this.draft = '';
    this.menu = null;
    this.saveDraft();
    thread.setTyping(false);
  }

  /** The other agents' newest reply in the thread. */
  private othersReply(): { seq: number; name: string } {
    return this.thread ? this.thread.side.othersLastReply(this.thread.$messages.get()) : { seq: 0, name: '' };
  }

  private markSeen = (): void => {
    this.seenReply = this.othersReply().seq;
  };

  /** "Sam replied while you were writing": Enter sends anyway (the focused button), Escape goes back to review. */
  private renderCollision() {
    const t = this.t;
    return html`<div class="confirm collision" role="alertdialog" aria-labelledby="collision-text" @keydown=${this.onCollisionKey}>
      <p id="collision-text">${t.team.collision(this.collision ?? '')}</p>
      <button type="button" class="btn primary" data-autofocus data-send-anyway @click=${() => this.submit(true)}>${t.team.sendAnyway}</button>
      <button type="button" class="btn" data-review @click=${this.review}>${t.team.review}</button>
    </div>`;
  }

  private onCollisionKey = popupKeys(() => this.review());

  /** Back to the draft, with the other reply now seen: the next Send goes. */
  private review = (): void => {
    this.collision = null;
    this.markSeen();
    void this.updateComplete.then(() => this.input?.focus());
  };
  /** A note goes to the team only; the draft empties, the composer stays in note mode. */
  private submitNote(thread: AgentThread): void {
    if (thread.sendNote(this.draft) === null) return;
    this.draft = '';
    this.menu = null;
    this.saveDraft();
  }

  /** Switches between a reply and a note; the shopper stops seeing "typing" while a note is written. */
  private setNoteMode(on: boolean): void {
    this.noteMode = on;
    if (on) this.thread?.setTyping(false);
    void this.updateComplete.then(() => this.input?.focus());
  }

  private useMacro(body: string): void {
    this.draft = isMacroSearch(this.draft) ? body : this.draft ? `${this.draft}${this.draft.endsWith(' ') ? '' : ' '}${body}` : body;
    this.menu = null;
    void this.updateComplete.then(() => {
      const input = this.input;
      if (!input) return;
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    });
  }

  private insert(text: string): void {
    const input = this.input;
    const start = input?.selectionStart ?? this.draft.length;
    const end = input?.selectionEnd ?? this.draft.length;
    this.draft = this.draft.slice(0, start) + text + this.draft.slice(end);
    this.menu = null;
    void this.updateComplete.then(() => {
      input?.focus();
      input?.setSelectionRange(start + text.length, start + text.length);
    });
  }

  private onFiles = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    this.uploads.add([...(input.files ?? [])]);
    input.value = '';
  };

  private onPaste = (e: ClipboardEvent): void => {
    const files = [...(e.clipboardData?.files ?? [])];
    if (!files.length) return;
    e.preventDefault();
    this.uploads.add(files);
  };

  /** Keeps the ticket's draft, so an unsent reply survives a ticket switch and a reload. */
  private saveDraft(): void {
    if (this.ticketId) saveDraft(this.ticketId, this.draft);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'customer-hub-inbox-composer': CustomerHubInboxComposer;
  }
}
