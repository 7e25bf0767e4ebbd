/**
 * `<customer-hub-inbox-ticket>`: one ticket open in the team's inbox. It follows the
 * selected thread's stores, holds the view's state (menus, draft, pending images) and
 * wires the header, thread, composer and profile panel, each rendered by its own module.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { ChatClient } from '../client/chat-client.js';
import { inboxEn, type InboxTranslation } from '../i18n/inbox.js';
import type { Ticket } from '../protocol/index.js';
import { effectiveStatus } from '../protocol/index.js';
import { composer, isMacroSearch, macroMatches, type ComposerMenu } from './composer.js';
import { loadDraft, saveDraft } from './draft-store.js';
import { focusFirst, trapTab } from './focus.js';
import { customerName } from './format.js';
import type { InboxClient, ProfileState } from './inbox-client.js';
import { ticketStyles } from './inbox-ticket-styles.js';
import { profilePanel } from './profile-panel.js';
import { tokens } from './styles.js';
import { ticketHeader, type HeaderMenu } from './ticket-header.js';
import { ticketThread } from './ticket-thread.js';
import { UploadQueue } from './upload-queue.js';

type Popup = HeaderMenu | ComposerMenu;
type Menu = 'none' | Popup;

/**
 * One ticket in the team's inbox: the conversation, the composer and the shopper's
 * profile (R16–R18). Internal to `<customer-hub-inbox>`, which forwards its parts.
 *
 * @csspart thread - The conversation (a live region).
 * @csspart message - One message.
 * @csspart composer - The reply composer.
 * @csspart input - The reply field.
 * @csspart send-button - The send button.
 * @csspart profile - The shopper's profile panel.
 */
export class CustomerHubInboxTicket extends LitElement {
  static override styles = [tokens, ticketStyles];

  /** The inbox this view belongs to. */
  @property({ attribute: false }) inbox!: InboxClient;
  /** The texts, in the inbox's language. */
  @property({ attribute: false }) t: InboxTranslation = inboxEn;
  /** The inbox's language, for dates. */
  @property() locale = 'en';
  /** On narrow screens: the profile shown over the conversation. */
  @property({ type: Boolean, reflect: true, attribute: 'profile-open' }) profileOpen = false;

  @state() private menu: Menu = 'none';
  @state() private draft = '';
  @state() private dragging = false;
  @state() private macroIndex = 0;
  @state() private snoozeAt = '';

  @query('textarea') private input?: HTMLTextAreaElement;
  @query('.thread') private threadEl?: HTMLElement;
  @query('input[type=file]') private fileInput?: HTMLInputElement;

  private readonly uploads = new UploadQueue(this, (file, progress) => this.inbox.upload(file, progress), () => this.t);

  private thread: ChatClient | null = null;
  private unsubs: Array<() => void> = [];
  private threadUnsubs: Array<() => void> = [];
  private atBottom = true;
  private ticketId: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubs = [
      this.inbox.$thread.subscribe((client) => this.follow(client as ChatClient | null)),
      this.inbox.$profile.listen(() => this.requestUpdate()),
      this.inbox.$settings.listen(() => this.requestUpdate()),
    ];
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const u of [...this.unsubs, ...this.threadUnsubs]) u();
    this.unsubs = [];
    this.threadUnsubs = [];
    this.saveDraft();
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  /** Puts the cursor in the reply field (`r`). */
  focusComposer(): void {
    this.input?.focus();
  }

  /** Opens the snooze menu (`s`). */
  openSnooze(): void {
    if (this.liveTicket()) this.openMenu('snooze');
  }

  /** Asks to close the ticket (`c`). */
  askClose(): void {
    if (this.liveTicket()) this.openMenu('close');
  }

  /** Closes any open menu (focus back on its trigger); returns whether one was open (Escape). */
  dismiss(): boolean {
    if (this.menu !== 'none') {
      this.closeMenu();
      return true;
    }
    if (!this.profileOpen) return false;
    this.profileOpen = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.profile-toggle')?.focus());
    return true;
  }

  private follow(client: ChatClient | null): void {
    for (const u of this.threadUnsubs) u();
    this.saveDraft();
    this.thread = client;
    this.menu = 'none';
    this.uploads.clear();
    this.atBottom = true;
    this.ticketId = client ? this.inbox.$selected.get() : null;
    this.draft = this.ticketId ? loadDraft(this.ticketId) : '';
    this.threadUnsubs = client
      ? [client.$messages, client.$ticket, client.$connection, client.$typing, client.$hasOlder, client.$view].map((s) =>
          s.listen(() => this.requestUpdate()),
        )
      : [];
    this.requestUpdate();
  }

  protected override willUpdate(): void {
    const el = this.threadEl;
    if (el) this.atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const el = this.threadEl;
    if (el && this.atBottom) el.scrollTop = el.scrollHeight;
    // After this update, not inside it: marking read changes the thread's stores.
    queueMicrotask(() => this.markRead());
  }

  private onVisibility = (): void => this.markRead();

  /** R17: the shopper sees "Seen" once the agent has the thread in front of them. */
  private markRead(): void {
    if (document.visibilityState === 'visible' && this.isConnected && this.thread?.$unread.get()) this.thread.markRead();
  }

  override render() {
    const t = this.t;
    const thread = this.thread;
    const ticket = thread?.$ticket.get() ?? null;
    if (!thread || !ticket) return html`<div class="conversation"><p class="notice padded">${t.loadingThread}</p></div>`;
    const name = customerName(ticket, t);
    const view = { ticket, name, t, locale: this.locale };
    return html`
      <section class="conversation" aria-label=${t.conversation(name)} @dragenter=${this.onDrag} @dragover=${this.onDrag} @dragleave=${this.onDragLeave} @drop=${this.onDrop}>
        ${this.renderHead(ticket, name)} ${ticketThread(thread, { ...view, agentId: this.inbox.$session.get()?.agent.id })}
        ${effectiveStatus(ticket) === 'closed' ? html`<p class="closed-note" role="status">${t.closedNotice}</p>` : this.renderComposer(thread)}
        ${this.dragging ? html`<div class="drop">${t.dropHere}</div>` : nothing}
      </section>
      ${profilePanel(ticket, name, this.inbox.$profile.get() as ProfileState, t, this.locale)}
    `;
  }

  private renderHead(ticket: Ticket, name: string) {
    return ticketHeader({
      ticket,
      name,
      t: this.t,
      locale: this.locale,
      open: this.menu === 'snooze' || this.menu === 'close' ? this.menu : null,
      profileOpen: this.profileOpen,
      snoozeAt: this.snoozeAt,
      toggleProfile: () => (this.profileOpen = !this.profileOpen),
      reopen: () => this.inbox.setStatus('open'),
      toggle: (menu) => this.toggleMenu(menu),
      cancelClose: () => this.closeMenu(),
      confirmClose: this.closeTicket,
      snooze: (until) => this.snooze(until),
      setSnoozeAt: (value) => (this.snoozeAt = value),
      onMenuKey: this.onMenuKey,
    });
  }

  private renderComposer(thread: ChatClient) {
    const canSend = !this.uploads.busy && (this.draft.trim().length > 0 || this.uploads.attachments.length > 0) && thread.$view.get() !== 'loading';
    return composer({
      t: this.t,
      draft: this.draft,
      images: this.uploads.images,
      canSend,
      open: this.menu === 'emoji' || this.menu === 'macros' ? this.menu : null,
      macros: this.macros(),
      macroIndex: this.macroIndex,
      onSubmit: this.onSubmit,
      onInput: this.onInput,
      onKeydown: this.onKeydown,
      onPaste: this.onPaste,
      onFiles: this.onFiles,
      toggle: (menu) => this.toggleMenu(menu),
      attach: () => this.fileInput?.click(),
      removeImage: (key) => this.uploads.remove(key),
      insert: (text) => this.insert(text),
      useMacro: (body) => this.useMacro(body),
      onMenuKey: this.onMenuKey,
    });
  }

  private macros() {
    return this.inbox.$settings.get()?.macros ?? [];
  }

  // ---- actions ----

  private liveTicket(): boolean {
    const ticket = this.thread?.$ticket.get();
    return !!ticket && effectiveStatus(ticket) !== 'closed';
  }

  private openMenu(menu: Popup): void {
    this.menu = menu;
    this.macroIndex = 0;
    // The macro list opened by "/" leaves the cursor in the reply; the others take focus.
    if (menu !== 'macros' || !isMacroSearch(this.draft)) void this.updateComplete.then(() => focusFirst(this.popup()));
  }

  private toggleMenu(menu: Popup): void {
    if (this.menu === menu) this.closeMenu();
    else this.openMenu(menu);
  }

  /** The open popover or confirmation, if any. */
  private popup(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.popover, .confirm');
  }

  /** Closes the open menu and gives focus back to what opened it (WAI-ARIA dialog pattern). */
  private closeMenu(): void {
    const menu = this.menu;
    if (menu === 'none') return;
    const typed = menu === 'macros' && isMacroSearch(this.draft);
    this.menu = 'none';
    void this.updateComplete.then(() => {
      const trigger = typed ? this.input : this.renderRoot.querySelector<HTMLElement>(`[data-trigger="${menu}"]`);
      (trigger ?? this.input)?.focus();
    });
  }

  private onMenuKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      this.closeMenu();
      return;
    }
    trapTab(e, e.currentTarget as HTMLElement);
  };

  private snooze(until: Date): void {
    if (!Number.isFinite(until.getTime()) || until.getTime() <= Date.now()) return;
    if (this.inbox.setStatus('snoozed', until)) this.menu = 'none';
  }

  private closeTicket = (): void => {
    if (this.inbox.setStatus('closed')) this.menu = 'none';
  };

  private onInput = (e: Event): void => {
    this.draft = (e.target as HTMLTextAreaElement).value;
    this.saveDraft();
    this.thread?.setTyping(this.draft.length > 0);
    // `/` at the start opens the macro list, filtered by what follows (EXPERIENCE.md).
    if (isMacroSearch(this.draft)) {
      if (this.menu !== 'macros') this.openMenu('macros');
      this.macroIndex = 0;
    } else if (this.menu === 'macros' && this.draft.startsWith('/') === false && this.draft.length) {
      this.menu = 'none';
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
    const matches = macroMatches(this.macros(), this.draft);
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
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.menu = 'none';
      return true;
    }
    return false;
  }

  private onSubmit = (e: Event): void => {
    e.preventDefault();
    this.submit();
  };

  private submit(): void {
    const thread = this.thread;
    if (!thread || this.uploads.busy) return;
    const attachments = this.uploads.attachments;
    if (!this.draft.trim() && !attachments.length) return;
    if (thread.send(this.draft, attachments) === null) return;
    this.uploads.clear();
    this.draft = '';
    this.menu = 'none';
    this.saveDraft();
    thread.setTyping(false);
    this.atBottom = true;
  }

  private useMacro(body: string): void {
    this.draft = isMacroSearch(this.draft) ? body : this.draft ? `${this.draft}${this.draft.endsWith(' ') ? '' : ' '}${body}` : body;
    this.menu = 'none';
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
    this.menu = 'none';
    void this.updateComplete.then(() => {
      input?.focus();
      input?.setSelectionRange(start + text.length, start + text.length);
    });
  }

  // ---- images: the file picker, paste, and drag and drop onto the conversation ----

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

  private onDrag = (e: DragEvent): void => {
    if (!e.dataTransfer?.types.includes('Files') || !this.liveTicket()) return;
    e.preventDefault();
    this.dragging = true;
  };

  private onDragLeave = (e: DragEvent): void => {
    if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) this.dragging = false;
  };

  private onDrop = (e: DragEvent): void => {
    this.dragging = false;
    if (!e.dataTransfer?.files.length || !this.liveTicket()) return;
    e.preventDefault();
    this.uploads.add([...e.dataTransfer.files]);
  };

  /** Keeps the open ticket's draft, so an unsent reply survives a ticket switch and a reload. */
  private saveDraft(): void {
    if (this.ticketId) saveDraft(this.ticketId, this.draft);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'customer-hub-inbox-ticket': CustomerHubInboxTicket;
  }
}
