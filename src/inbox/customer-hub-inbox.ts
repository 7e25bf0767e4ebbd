import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { resolveLocale } from '../i18n/index.js';
import { inboxEn, inboxTranslation, loadInboxTranslation, type InboxTranslation } from '../i18n/inbox.js';
import type { Ticket } from '../protocol/index.js';
import { visuallyHidden } from '../theme/tokens.js';
import { CustomerHubInboxTicketOpenEvent, CustomerHubInboxUnreadChangeEvent } from './events.js';
import { ago, customerName, initial, previewText, waitLabel, waitLevel, waitedMinutes } from './format.js';
import { focusFirst, trapTab } from './focus.js';
import { icons } from './icons.js';
import { InboxClient, type ChannelFilter, type StatusFilter } from './inbox-client.js';
import { tokens } from './styles.js';
import type { CustomerHubInboxTicket } from './ticket-view.js';

const TICK_MS = 15_000;
const STATUSES: StatusFilter[] = ['open', 'snoozed', 'closed'];
const PREFS_KEY = 'customer-hub-inbox:prefs';

interface Prefs {
  desktop: boolean;
  sound: boolean;
}

/**
 * The team's inbox: every conversation as a ticket, live, with the shopper's
 * profile beside it, and the web chat settings (R12–R19).
 *
 * @summary The agents' console: ticket list, conversation, profile and settings.
 *
 * @fires customer-hub-inbox-ticket-open - The agent opened a ticket (`ticket`).
 * @fires customer-hub-inbox-unread-change - The inbox's unread total changed (`unread`).
 *
 * @csspart ticket-list - The list of tickets with its filters.
 * @csspart ticket-row - One ticket in the list.
 * @csspart unread-dot - The dot on a ticket with unread messages.
 * @csspart badge - The unread total beside "Inbox".
 * @csspart thread - The conversation (a live region).
 * @csspart message - One message.
 * @csspart composer - The reply composer.
 * @csspart input - The reply field.
 * @csspart send-button - The send button.
 * @csspart profile - The shopper's profile panel.
 * @csspart settings - The settings form.
 *
 * @cssprop [--customer-hub-accent=#1f5eff] - The accent colour: buttons, the agent's bubbles, focus ring.
 * @cssprop [--customer-hub-accent-contrast=#ffffff] - Text on the accent colour.
 * @cssprop [--customer-hub-font=system-ui] - The font.
 */
export class CustomerHubInbox extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
        height: 100%;
        min-height: 480px;
        background: var(--_bg);
        position: relative;
      }
      :host([hidden]) {
        display: none;
      }
      .app {
        display: grid;
        grid-template-rows: auto minmax(0, 1fr);
        height: 100%;
      }
      header {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 8px 16px;
        border-bottom: 1px solid var(--_line);
        flex-wrap: wrap;
        position: relative;
      }
      nav {
        display: flex;
        gap: 4px;
      }
      nav button {
        border: 0;
        background: transparent;
        border-radius: 8px;
        padding: 6px 12px;
        font-weight: 600;
        display: inline-flex;
        gap: 6px;
        align-items: center;
      }
      nav button[aria-current='page'] {
        background: var(--_selected);
      }
      [part='badge'] {
        background: var(--_danger);
        color: var(--_bg);
        border-radius: 999px;
        min-width: 20px;
        padding: 0 6px;
        font-size: 12px;
        line-height: 20px;
        text-align: center;
      }
      .grow {
        flex: 1;
      }
      .who {
        color: var(--_muted);
        font-size: 13px;
      }
      .sign-out svg {
        display: none;
        width: 18px;
        height: 18px;
        fill: none;
        stroke: currentColor;
        stroke-width: 2;
        stroke-linecap: round;
        stroke-linejoin: round;
      }
      .conn {
        font-size: 12px;
        color: var(--_warn-fg);
        background: var(--_warn-bg);
        border-radius: 6px;
        padding: 2px 8px;
      }
      .menu {
        right: 16px;
        top: 48px;
        z-index: 10;
        padding: 12px;
        display: grid;
        gap: 8px;
      }
      .menu label {
        display: flex;
        gap: 8px;
        align-items: center;
      }
      .panes {
        display: grid;
        grid-template-columns: 340px minmax(0, 1fr);
        min-height: 0;
      }
      .list {
        border-right: 1px solid var(--_line);
        display: grid;
        grid-template-rows: auto minmax(0, 1fr);
        min-height: 0;
        background: var(--_bg);
      }
      .filters {
        padding: 10px 12px;
        display: grid;
        gap: 8px;
        border-bottom: 1px solid var(--_line);
      }
      .tabs {
        display: flex;
        gap: 4px;
      }
      .tabs button {
        flex: 1;
        border: 1px solid var(--_line);
        background: var(--_bg);
        border-radius: 8px;
        padding: 5px 8px;
      }
      .tabs button[aria-pressed='true'] {
        background: var(--_accent);
        border-color: var(--_accent);
        color: var(--_on-accent);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        overflow-y: auto;
        /* Holds the rows' visually hidden texts, as the settings scroller does (walker #6). */
        position: relative;
      }
      .row {
        display: grid;
        grid-template-columns: 24px minmax(0, 1fr);
        gap: 8px;
        width: 100%;
        text-align: left;
        border: 0;
        border-bottom: 1px solid var(--_line);
        background: transparent;
        padding: 10px 12px;
      }
      .row:hover {
        background: var(--_surface);
      }
      .row[aria-current='true'] {
        background: var(--_selected);
      }
      .row .channel {
        color: var(--_muted);
        padding-top: 2px;
      }
      .row .channel svg {
        width: 18px;
        height: 18px;
        fill: none;
        stroke: currentColor;
        stroke-width: 2;
      }
      .line {
        display: flex;
        gap: 6px;
        align-items: center;
        min-width: 0;
      }
      .name {
        flex: 1;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .unread .name {
        font-weight: 700;
      }
      .row time {
        font-size: 12px;
        color: var(--_muted);
      }
      .preview {
        flex: 1;
        color: var(--_muted);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        font-size: 13px;
      }
      .unread .preview {
        color: var(--_fg);
      }
      [part='unread-dot'] {
        width: 9px;
        height: 9px;
        border-radius: 50%;
        background: var(--_accent);
        flex: none;
      }
      .wait {
        font-size: 12px;
        border-radius: 6px;
        padding: 1px 6px;
        background: var(--_surface);
        color: var(--_muted);
      }
      .wait.warn {
        background: var(--_warn-bg);
        color: var(--_warn-fg);
        font-weight: 600;
      }
      .wait.late {
        background: var(--_late-bg);
        color: var(--_late-fg);
        font-weight: 700;
      }
      .assignee {
        margin-left: auto;
        width: 22px;
        height: 22px;
        border-radius: 50%;
        background: var(--_selected);
        display: inline-grid;
        place-items: center;
        font-size: 11px;
        font-weight: 700;
      }
      /* The selected row has the avatar's colour: the circle would vanish (walker #8). */
      .row[aria-current='true'] .assignee {
        background: var(--_raised);
      }
      .state {
        padding: 24px 16px;
        color: var(--_muted);
        text-align: center;
      }
      .skeleton li {
        height: 68px;
        margin: 8px 12px;
        border-radius: 8px;
        background: var(--_surface);
      }
      .empty {
        display: grid;
        place-items: center;
        color: var(--_muted);
        padding: 24px;
        text-align: center;
      }
      .ticket-pane {
        display: flex;
        flex-direction: column;
        min-height: 0;
        position: relative;
      }
      .ticket-pane > customer-hub-inbox-ticket,
      .ticket-pane > .empty {
        flex: 1;
        min-height: 0;
      }
      .back {
        display: none;
      }
      .back .btn {
        display: inline-flex;
        align-items: center;
        gap: 4px;
      }
      .back svg {
        width: 16px;
        height: 16px;
        fill: none;
        stroke: currentColor;
        stroke-width: 2;
      }
      .signin {
        display: grid;
        place-items: center;
        height: 100%;
        padding: 24px;
      }
      .signin form {
        width: min(360px, 100%);
        display: grid;
        gap: 12px;
        background: var(--_raised);
        border: 1px solid var(--_line);
        border-radius: 14px;
        padding: 24px;
      }
      .signin h1 {
        font-size: 20px;
        margin: 0;
      }
      .signin label {
        display: grid;
        gap: 4px;
      }
      .error {
        color: var(--_danger);
        margin: 0;
      }
      .dialog-backdrop {
        position: absolute;
        inset: 0;
        background: rgb(0 0 0 / 0.3);
        display: grid;
        place-items: center;
        z-index: 20;
      }
      .dialog {
        background: var(--_raised);
        border-radius: 14px;
        padding: 20px;
        min-width: 280px;
      }
      .dialog h2 {
        margin: 0 0 12px;
        font-size: 17px;
      }
      .dialog dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 6px 16px;
        margin: 0 0 16px;
      }
      kbd {
        border: 1px solid var(--_line);
        border-bottom-width: 2px;
        border-radius: 4px;
        padding: 0 6px;
        font-family: inherit;
      }
      @media (max-width: 699px) {
        .panes {
          grid-template-columns: minmax(0, 1fr);
        }
        .panes.has-ticket .list {
          display: none;
        }
        .panes:not(.has-ticket) .ticket-pane {
          display: none;
        }
        .back {
          display: flex;
          padding: 6px 8px;
          border-bottom: 1px solid var(--_line);
        }
        .who {
          display: none;
        }
        /* One header line on a phone, in English and French (walker #8): tighter spacing,
           Sign out as an icon (its name kept for screen readers), and no shortcuts button
           on a touch screen (the ? key still lists them). */
        header {
          padding: 8px;
          gap: 4px;
          flex-wrap: nowrap;
          /* A grid item grows to its content's width otherwise, and the labels never give way. */
          min-width: 0;
        }
        nav,
        nav button,
        nav .label {
          min-width: 0;
        }
        nav button {
          padding: 6px;
        }
        /* A long label ("Boîte de réception") gives way before the header wraps. */
        nav .label {
          overflow: hidden;
          text-overflow: ellipsis;
          white-space: nowrap;
        }
        [data-trigger='shortcuts'] {
          display: none;
        }
        .sign-out {
          display: inline-grid;
          place-items: center;
          padding: 0;
          width: 32px;
        }
        .sign-out svg {
          display: block;
        }
        .sign-out .label {
          ${visuallyHidden}
        }
      }
      @media (min-width: 700px) and (max-width: 1099px) {
        .panes {
          grid-template-columns: 300px minmax(0, 1fr);
        }
      }
    `,
  ];

  /** The server: `chat.example.com`, `localhost:1999`, or a full origin; default: this page's. */
  @property() host = '';
  /** The shop, e.g. `demo.myshopify.com`. */
  @property() shop = '';
  /** The language (English and French built in); defaults to the document's. */
  @property() override lang = '';
  /** An agent token from `agents/session`. Without one, the inbox asks for an agent key. */
  @property({ attribute: false }) token: string | undefined;
  /** A ready `InboxClient` (tests, custom set-ups); made from `host` and `shop` otherwise. */
  @property({ attribute: false }) client: InboxClient | null = null;

  @state() private t: InboxTranslation = inboxEn;
  @state() private view: 'inbox' | 'settings' = 'inbox';
  @state() private now = Date.now();
  @state() private showShortcuts = false;
  @state() private showPrefs = false;
  @state() private prefs: Prefs = { desktop: false, sound: true };

  @query('customer-hub-inbox-ticket') private ticketView?: CustomerHubInboxTicket;

  private own: InboxClient | null = null;
  private unsubs: Array<() => void> = [];
  private ticker: ReturnType<typeof setInterval> | null = null;
  private baseTitle = '';
  private audio: AudioContext | null = null;
  private shortcutsReturn: HTMLElement | null = null;

  private get inbox(): InboxClient | null {
    return this.client ?? this.own;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.baseTitle = document.title.replace(/^\(\d+\)\s*/, '');
    this.prefs = readPrefs();
    document.addEventListener('keydown', this.onKey);
    this.addEventListener('pointerdown', this.unlockAudio, { once: true });
    this.ticker = setInterval(() => (this.now = Date.now()), TICK_MS);
    if (this.inbox) this.bind(this.inbox);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onKey);
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    this.unbind();
    this.own?.destroy();
    this.own = null;
    document.title = this.baseTitle;
    void this.audio?.close();
    this.audio = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang')) void this.loadLanguage();
    const rebuild = changed.has('host') || changed.has('shop') || changed.has('token') || changed.has('client');
    if (rebuild && this.isConnected) {
      this.unbind();
      this.own?.destroy();
      this.own = null;
      if (!this.client && this.shop) {
        const host = this.host || location.origin;
        this.own = new InboxClient({ host, shop: this.shop, ...(this.token ? { token: this.token } : {}) });
      }
      if (this.inbox) this.bind(this.inbox);
    }
  }

  private bind(inbox: InboxClient): void {
    this.unbind();
    const redraw = () => this.requestUpdate();
    this.unsubs = [
      ...[inbox.$auth, inbox.$authError, inbox.$feed, inbox.$list, inbox.$listState, inbox.$hasMore, inbox.$filter, inbox.$session].map((s) => s.listen(redraw)),
      inbox.$unreadTotal.subscribe((n) => {
        document.title = n > 0 ? `(${n}) ${this.baseTitle}` : this.baseTitle;
        fire(this, new CustomerHubInboxUnreadChangeEvent(n));
        redraw();
      }),
      inbox.$selected.listen((id) => {
        const ticket = id ? inbox.$tickets.get().get(id) : undefined;
        if (ticket) fire(this, new CustomerHubInboxTicketOpenEvent(ticket));
        redraw();
      }),
      // Macros for the composer come with the settings, which every agent may read.
      inbox.$auth.subscribe((a) => a === 'signed-in' && !inbox.$settings.get() && void inbox.loadSettings()),
      inbox.on('new-ticket', (ticket) => this.announce(ticket)),
    ];
    if (inbox.$auth.get() === 'signed-out' && !inbox.$session.get()) inbox.start();
  }

  private unbind(): void {
    for (const u of this.unsubs) u();
    this.unsubs = [];
  }

  private async loadLanguage(): Promise<void> {
    const locale = resolveLocale(this.lang || document.documentElement.lang);
    this.t = inboxTranslation(locale) ?? (await loadInboxTranslation(locale));
  }

  private get locale(): string {
    return resolveLocale(this.lang || document.documentElement.lang);
  }

  override render() {
    const inbox = this.inbox;
    if (!inbox) return nothing;
    const auth = inbox.$auth.get();
    if (auth !== 'signed-in') return this.renderSignIn(inbox);
    return html`<div class="app">
      ${this.renderHeader(inbox)}
      ${this.view === 'settings'
        ? html`<customer-hub-inbox-settings part="settings" .inbox=${inbox} .t=${this.t}></customer-hub-inbox-settings>`
        : this.renderInbox(inbox)}
    </div>
    ${this.showShortcuts ? this.renderShortcuts() : nothing}`;
  }

  private renderSignIn(inbox: InboxClient) {
    const t = this.t;
    const error = inbox.$authError.get();
    const busy = inbox.$auth.get() === 'signing-in';
    return html`<div class="signin">
      <form @submit=${this.onSignIn}>
        <h1>${t.signInTitle}</h1>
        ${error ? html`<p class="error" role="alert">${error.message}</p>` : nothing}
        <label>${t.agentKey}<input name="agentKey" type="password" autocomplete="current-password" required ?disabled=${busy} /></label>
        <button class="btn primary" type="submit" ?disabled=${busy}>${busy ? t.signingIn : t.signIn}</button>
      </form>
    </div>`;
  }

  private renderHeader(inbox: InboxClient) {
    const t = this.t;
    const unread = inbox.$unreadTotal.get();
    const agent = inbox.$session.get()?.agent;
    const feed = inbox.$feed.get();
    return html`<header>
      <nav aria-label=${t.inbox}>
        <button aria-current=${this.view === 'inbox' ? 'page' : 'false'} @click=${() => (this.view = 'inbox')}>
          <span class="label">${t.inbox}</span>${unread > 0 ? html`<span part="badge" role="status" aria-label=${t.unreadTotal(unread)}>${unread}</span>` : html`<span class="sr-only" role="status">${t.unreadTotal(0)}</span>`}
        </button>
        <button aria-current=${this.view === 'settings' ? 'page' : 'false'} @click=${() => (this.view = 'settings')}><span class="label">${t.settings}</span></button>
      </nav>
      ${feed === 'connecting' ? html`<span class="conn" role="status">${t.offline}</span>` : nothing}
      <span class="grow"></span>
      <span class="who">${agent ? t.signedInAs(agent.name) : ''}</span>
      <button class="icon-btn" data-trigger="prefs" aria-haspopup="dialog" aria-label=${t.notifications} aria-expanded=${this.showPrefs ? 'true' : 'false'} @click=${this.togglePrefs}>${icons.bell}</button>
      <button class="icon-btn" data-trigger="shortcuts" aria-haspopup="dialog" aria-label=${t.shortcuts} @click=${() => this.openShortcuts()}>${icons.keyboard}</button>
      <button class="btn sign-out" @click=${() => inbox.signOut()}>${icons.signOut}<span class="label">${t.signOut}</span></button>
      ${this.showPrefs
        ? html`<div class="popover menu" role="dialog" aria-label=${t.notifications} @keydown=${this.onPopupKey}>
            <label><input type="checkbox" .checked=${this.prefs.desktop} @change=${this.onDesktopToggle} /> ${t.desktopNotifications}</label>
            <label><input type="checkbox" .checked=${this.prefs.sound} @change=${(e: Event) => this.setPrefs({ sound: (e.target as HTMLInputElement).checked })} /> ${t.sound}</label>
          </div>`
        : nothing}
    </header>`;
  }

  private renderInbox(inbox: InboxClient) {
    const t = this.t;
    const selected = inbox.$selected.get();
    return html`<div class="panes ${selected ? 'has-ticket' : ''}">
      ${this.renderList(inbox)}
      <div class="ticket-pane">
        ${selected
          ? html`<div class="back"><button class="btn" @click=${() => inbox.select(null)}>${icons.back} ${t.back}</button></div>
              <customer-hub-inbox-ticket
                exportparts="thread, message, composer, input, send-button, profile"
                .inbox=${inbox}
                .t=${this.t}
                .locale=${this.locale}
              ></customer-hub-inbox-ticket>`
          : html`<p class="empty">${t.selectTicket}</p>`}
      </div>
    </div>`;
  }

  private renderList(inbox: InboxClient) {
    const t = this.t;
    const filter = inbox.$filter.get();
    const list = inbox.$list.get();
    const loading = inbox.$listState.get() === 'loading';
    return html`<section class="list" part="ticket-list" aria-label=${t.tickets}>
      <div class="filters">
        <div class="tabs" role="group" aria-label=${t.statusFilter}>
          ${STATUSES.map((s) => html`<button aria-pressed=${filter.status === s ? 'true' : 'false'} @click=${() => inbox.setFilter({ status: s })}>${t[s]}</button>`)}
        </div>
        <label class="sr-only" for="channel">${t.channel}</label>
        <select id="channel" .value=${filter.channel} @change=${(e: Event) => inbox.setFilter({ channel: (e.target as HTMLSelectElement).value as ChannelFilter })}>
          <option value="all" ?selected=${filter.channel === 'all'}>${t.allChannels}</option>
          <option value="chat" ?selected=${filter.channel === 'chat'}>${t.chat}</option>
          <option value="sms" ?selected=${filter.channel === 'sms'}>${t.sms}</option>
        </select>
      </div>
      ${list.length
        ? html`<ul aria-label=${t.tickets}>
            ${repeat(list, (x) => x.id, (x) => html`<li>${this.renderRow(x, x.id === inbox.$selected.get())}</li>`)}
            ${inbox.$hasMore.get() ? html`<li class="state"><button class="btn" ?disabled=${loading} @click=${() => inbox.loadMore()}>${t.loadMore}</button></li>` : nothing}
          </ul>`
        : loading
          ? html`<ul class="skeleton" aria-busy="true" aria-label=${t.loadingTickets}><li></li><li></li><li></li></ul>`
          : inbox.$listState.get() === 'error'
            ? html`<div class="state" role="alert">${t.listError} <button class="btn" @click=${() => inbox.setFilter({})}>${t.retry}</button></div>`
            : html`<p class="state">${t.noTickets[filter.status]}</p>`}
    </section>`;
  }

  private renderRow(ticket: Ticket, selected: boolean) {
    const t = this.t;
    const name = customerName(ticket, t);
    const preview = previewText(ticket, t);
    const waited = waitedMinutes(ticket, this.now);
    const level = waitLevel(waited);
    const unread = ticket.unread > 0;
    return html`<button
      class="row ${unread ? 'unread' : ''}"
      part="ticket-row"
      data-ticket=${ticket.id}
      aria-current=${selected ? 'true' : 'false'}
      @click=${() => this.inbox?.select(ticket.id)}
    >
      <span class="channel">${ticket.channel === 'sms' ? icons.envelope : icons.chat}<span class="sr-only">${ticket.channel === 'sms' ? t.sms : t.chat}</span></span>
      <span>
        <span class="line"><span class="name" dir="auto">${name}</span><time datetime=${ticket.updatedAt}>${ago(ticket.updatedAt, this.now, t)}</time></span>
        <span class="line"><span class="preview" dir="auto">${preview}</span>${unread ? html`<span part="unread-dot" role="img" aria-label=${t.unread}></span>` : nothing}</span>
        <span class="line">
          ${waited !== null ? html`<span class="wait ${level}" data-wait=${level}>${t.waiting(waitLabel(waited, t))}</span>` : nothing}
          ${ticket.assignee
            ? html`<span class="assignee" title=${t.assignedTo(ticket.assignee.name)}><span aria-hidden="true">${initial(ticket.assignee.name)}</span><span class="sr-only">${t.assignedTo(ticket.assignee.name)}</span></span>`
            : nothing}
        </span>
      </span>
    </button>`;
  }

  private renderShortcuts() {
    const t = this.t;
    return html`<div class="dialog-backdrop" @click=${(e: Event) => e.target === e.currentTarget && this.closePopups()}>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" @keydown=${this.onPopupKey}>
        <h2 id="shortcuts-title">${t.shortcuts}</h2>
        <dl>${t.shortcutList.map(([k, what]) => html`<dt><kbd>${k}</kbd></dt><dd>${what}</dd>`)}</dl>
        <button class="btn" autofocus @click=${() => this.closePopups()}>${t.closeDialog}</button>
      </div>
    </div>`;
  }

  // ---- popovers and the dialog: focus in, Tab kept inside, Escape closes, focus back on the trigger ----

  private togglePrefs = (): void => {
    if (this.showPrefs) return this.closePopups();
    this.showPrefs = true;
    void this.updateComplete.then(() => focusFirst(this.renderRoot.querySelector<HTMLElement>('.menu')));
  };

  private openShortcuts(): void {
    // The dialog may open from a key press anywhere: focus goes back where it was.
    this.shortcutsReturn = deepActive();
    this.showShortcuts = true;
    void this.updateComplete.then(() => focusFirst(this.renderRoot.querySelector<HTMLElement>('.dialog')));
  }

  private closePopups(): void {
    const back = this.showShortcuts
      ? (this.shortcutsReturn?.isConnected ? this.shortcutsReturn : this.renderRoot.querySelector<HTMLElement>('[data-trigger="shortcuts"]'))
      : this.showPrefs
        ? this.renderRoot.querySelector<HTMLElement>('[data-trigger="prefs"]')
        : null;
    this.showShortcuts = this.showPrefs = false;
    this.shortcutsReturn = null;
    void this.updateComplete.then(() => back?.focus());
  }

  private onPopupKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      this.closePopups();
      return;
    }
    trapTab(e, e.currentTarget as HTMLElement);
  };

  // ---- handlers ----

  private onSignIn = (e: Event): void => {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('agentKey') as HTMLInputElement;
    void this.inbox?.signIn(input.value).then((ok) => ok && (input.value = ''));
  };

  /** `j`/`k`/`r`/`s`/`c`/`?` (EXPERIENCE.md), only when no field has the keyboard. */
  private onKey = (e: KeyboardEvent): void => {
    const inbox = this.inbox;
    if (!inbox || inbox.$auth.get() !== 'signed-in' || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.composedPath()[0] as HTMLElement | undefined;
    if (e.key === 'Escape') {
      if (this.showShortcuts || this.showPrefs) return this.closePopups();
      this.ticketView?.dismiss();
      return;
    }
    if (target && (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable)) return;
    const inside = !target || target === document.body || target === document.documentElement || e.composedPath().includes(this);
    if (!inside || this.view !== 'inbox') return;
    const act: Record<string, () => void> = {
      j: () => this.step(1),
      k: () => this.step(-1),
      r: () => this.ticketView?.focusComposer(),
      s: () => this.ticketView?.openSnooze(),
      c: () => this.ticketView?.askClose(),
      '?': () => this.openShortcuts(),
    };
    const run = act[e.key];
    if (!run) return;
    e.preventDefault();
    run();
  };

  private step(delta: 1 | -1): void {
    this.inbox?.step(delta);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.row[aria-current="true"]')?.focus());
  }

  private onDesktopToggle = async (e: Event): Promise<void> => {
    const box = e.target as HTMLInputElement;
    let on = box.checked;
    if (on && typeof Notification !== 'undefined' && Notification.permission !== 'granted') {
      on = (await Notification.requestPermission()) === 'granted';
    }
    box.checked = on;
    this.setPrefs({ desktop: on });
  };

  private setPrefs(patch: Partial<Prefs>): void {
    this.prefs = { ...this.prefs, ...patch };
    try {
      localStorage.setItem(PREFS_KEY, JSON.stringify(this.prefs));
    } catch {
      // private mode: the choice lasts for this page
    }
  }

  /** A new ticket: a soft sound and, when the agent opted in, a desktop notification (R14). */
  private announce(ticket: Ticket): void {
    const name = customerName(ticket, this.t);
    if (this.prefs.sound) this.chime();
    if (this.prefs.desktop && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      const note = new Notification(this.t.newTicket(name), { body: ticket.lastMessage ? previewText(ticket, this.t) : '', tag: ticket.id });
      note.onclick = () => {
        window.focus();
        this.view = 'inbox';
        this.inbox?.select(ticket.id);
      };
    }
  }

  /** Browsers allow sound only after a gesture: make the audio context on the first one. */
  private unlockAudio = (): void => {
    try {
      if (this.prefs.sound && window.AudioContext) this.audio ??= new AudioContext();
    } catch {
      // no sound is fine
    }
  };

  private chime(): void {
    try {
      const audio = this.audio;
      if (!audio || audio.state !== 'running') return;
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.08, audio.currentTime + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.35);
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.4);
    } catch {
      // no sound is fine
    }
  }
}

/** Outside the class: the analyzer reads the events from the JSDoc `@fires` tags, not from guesses. */
const fire = (el: HTMLElement, event: Event): boolean => el.dispatchEvent(event);

/** The focused element, through shadow roots. */
function deepActive(): HTMLElement | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLElement && el !== document.body ? el : null;
}

function readPrefs(): Prefs {
  try {
    const raw = JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') as Partial<Prefs>;
    return { desktop: raw.desktop === true, sound: raw.sound !== false };
  } catch {
    return { desktop: false, sound: true };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'customer-hub-inbox': CustomerHubInbox;
  }
}
