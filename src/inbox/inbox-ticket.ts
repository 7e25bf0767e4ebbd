/**
 * `<customer-hub-inbox-ticket>`: one ticket open in the team's inbox. It follows the
 * selected thread's stores and lays out the header (its menus are this element's state),
 * the thread, the `<customer-hub-inbox-composer>` and the profile panel.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { AgentThread } from './agent-thread.js';
import { inboxEn, type InboxTranslation } from '../i18n/inbox.js';
import type { Ticket } from '../protocol/index.js';
import { effectiveStatus } from '../protocol/index.js';
import { focusFirst, popupKeys } from './focus.js';
import { customerName } from './format.js';
import type { CustomerHubInboxComposer, Macro } from './inbox-composer.js';
import type { InboxClient, ProfileState } from './inbox-client.js';
import { ticketStyles } from './inbox-ticket-styles.js';
import { profilePanel } from './profile-panel.js';
import { smsStyles } from './sms-composer.js';
import { tokens } from './styles.js';
import { ticketHeader, type HeaderMenu } from './ticket-header.js';
import { teamStyles } from './assignee-menu.js';
import { ticketThread } from './ticket-thread.js';
import { threadNoteStyles } from './thread-notes.js';
import { noteToggleStyles } from './note-toggle.js';

type Menu = 'none' | HeaderMenu;
const NO_MACROS: readonly Macro[] = [];

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
  static override styles = [tokens, ticketStyles, smsStyles, teamStyles, threadNoteStyles, noteToggleStyles];

  /** The inbox this view belongs to. */
  @property({ attribute: false }) inbox!: InboxClient;
  /** The texts, in the inbox's language. */
  @property({ attribute: false }) t: InboxTranslation = inboxEn;
  /** The inbox's language, for dates. */
  @property() locale = 'en';
  /** On narrow screens: the profile shown over the conversation. */
  @property({ type: Boolean, reflect: true, attribute: 'profile-open' }) profileOpen = false;

  @state() private menu: Menu = 'none';
  @state() private dragging = false;
  @state() private snoozeAt = '';

  @query('customer-hub-inbox-composer') private composer?: CustomerHubInboxComposer;
  @query('.thread') private threadEl?: HTMLElement;

  private thread: AgentThread | null = null;
  private unsubs: Array<() => void> = [];
  private threadUnsubs: Array<() => void> = [];
  private atBottom = true;
  private ticketId: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubs = [
      this.inbox.$thread.subscribe((client) => this.follow(client as AgentThread | null)),
      this.inbox.$profile.listen(() => this.requestUpdate()),
      this.inbox.$settings.listen(() => this.requestUpdate()),
      this.inbox.$deliveries.listen(() => this.requestUpdate()),
      this.inbox.team.$members.listen(() => this.requestUpdate()),
    ];
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const u of [...this.unsubs, ...this.threadUnsubs]) u();
    this.unsubs = [];
    this.threadUnsubs = [];
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  /** Puts the cursor in the reply field (`r`), or in note mode (`n`, issue 17). */
  focusComposer(note = false): void {
    this.composer?.focusInput(note);
  }

  /** Opens the snooze menu (`s`). */
  openSnooze(): void {
    if (this.liveTicket()) this.openMenu('snooze');
  }

  /** Asks to close the ticket (`c`). */
  askClose(): void {
    if (this.liveTicket()) this.openMenu('close');
  }

  /**
   * Escape: closes any open menu (focus back on its trigger), else the profile overlay,
   * else leaves the reply field for the thread, so that `j`/`k`/`s`/`c` act as
   * shortcuts again (the draft stays); returns whether it did any of these.
   */
  dismiss(): boolean {
    if (this.menu !== 'none') {
      this.closeMenu();
      return true;
    }
    if (this.composer?.dismiss()) return true;
    if (this.profileOpen) {
      this.profileOpen = false;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.profile-toggle')?.focus());
      return true;
    }
    if (!this.composer?.hasInputFocus()) return false;
    this.threadEl?.focus();
    return true;
  }

  private follow(client: AgentThread | null): void {
    for (const u of this.threadUnsubs) u();
    this.thread = client;
    this.menu = 'none';
    this.atBottom = true;
    this.ticketId = client ? this.inbox.$selected.get() : null;
    this.threadUnsubs = client
      ? [client.$messages, client.$ticket, client.$connection, client.$typing, client.$hasOlder, client.$view, client.side.$events, client.side.$others, client.notes.$notes].map((s) =>
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
        ${this.renderHead(ticket, name)} ${ticketThread(thread, { ...view, agentId: this.inbox.$session.get()?.agent.id, deliveries: this.inbox.$deliveries.get() })}
        ${effectiveStatus(ticket) === 'closed' ? html`<p class="closed-note" role="status">${t.closedNotice}</p>` : this.renderComposer(thread)}
        ${this.dragging ? html`<div class="drop">${t.dropHere}</div>` : nothing}
      </section>
      ${profilePanel(ticket, name, this.inbox.$profile.get() as ProfileState, t, this.locale, { openPast: (p) => this.inbox.openPast(p) })}
    `;
  }

  private renderHead(ticket: Ticket, name: string) {
    return ticketHeader({
      ticket,
      name,
      t: this.t,
      locale: this.locale,
      open: this.menu === 'none' ? null : this.menu,
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
      team: { members: this.inbox.team.$members.get(), me: this.inbox.$session.get()?.agent, assign: this.assign },
      others: this.thread?.side.$others.get() ?? [],
    });
  }

  private renderComposer(thread: AgentThread) {
    return html`<customer-hub-inbox-composer
      .thread=${thread}
      .ticketId=${this.ticketId}
      .upload=${this.upload}
      .macros=${this.inbox.$settings.get()?.macros ?? NO_MACROS}
      ?loading=${thread.$view.get() === 'loading'}
      .t=${this.t}
      .channel=${thread.$ticket.get()?.channel ?? 'chat'}
      .optedOut=${thread.$ticket.get()?.optedOut === true}
      @customer-hub-inbox-composer-menu=${() => (this.menu = 'none')}
    ></customer-hub-inbox-composer>`;
  }

  /** The composer's uploads go through the inbox (the agent's session). */
  private readonly upload = (file: File, progress: (p: number) => void) => this.inbox.upload(file, progress);

  // ---- actions ----

  private liveTicket(): boolean {
    const ticket = this.thread?.$ticket.get();
    return !!ticket && effectiveStatus(ticket) !== 'closed';
  }

  private openMenu(menu: HeaderMenu): void {
    this.menu = menu;
    this.composer?.hideMenu();
    void this.updateComplete.then(() => focusFirst(this.popup()));
  }

  private toggleMenu(menu: HeaderMenu): void {
    if (this.menu === menu) this.closeMenu();
    else this.openMenu(menu);
  }

  /** The header's open popover or confirmation, if any. */
  private popup(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.head .popover, .confirm');
  }

  /** Closes the open menu and gives focus back to what opened it (WAI-ARIA dialog pattern). */
  private closeMenu(): void {
    const menu = this.menu;
    if (menu === 'none') return;
    this.menu = 'none';
    void this.updateComplete.then(() => {
      // The trigger is gone when the ticket changed meanwhile (snoozed elsewhere): the reply takes the focus then.
      const trigger = this.renderRoot.querySelector<HTMLElement>(`[data-trigger="${menu}"]`);
      if (trigger) trigger.focus();
      else this.composer?.focusInput();
    });
  }

  private onMenuKey = popupKeys(() => this.closeMenu());

  private snooze(until: Date): void {
    if (!Number.isFinite(until.getTime()) || until.getTime() <= Date.now()) return;
    if (this.inbox.setStatus('snoozed', until)) this.menu = 'none';
  }

  private assign = (agentId: string | null): void => {
    if (this.thread?.side.assign(agentId)) this.closeMenu();
  };

  private closeTicket = (): void => {
    if (this.inbox.setStatus('closed')) this.menu = 'none';
  };

  // ---- images dropped on the conversation go to the composer ----

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
    this.composer?.addFiles([...e.dataTransfer.files]);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'customer-hub-inbox-ticket': CustomerHubInboxTicket;
  }
}
