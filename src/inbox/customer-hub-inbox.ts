/** `<customer-hub-inbox>`: the element's lifecycle, its client, the header and its popovers. */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { StoreController } from '../controllers/store-controller.js';
import { localeOf } from '../i18n/index.js';
import { timeLocale } from '../i18n/time.js';
import { inboxEn, inboxTranslation, loadInboxTranslation, type InboxTranslation } from '../i18n/inbox.js';
import type { Ticket } from '../protocol/index.js';
import { inboxStyles } from './customer-hub-inbox-styles.js';
import { CustomerHubInboxTicketOpenEvent, CustomerHubInboxUnreadChangeEvent } from './events.js';
import { focusFirst, popupKeys } from './focus.js';
import { customerName, previewText } from './format.js';
import { icons } from './icons.js';
import { InboxClient } from './inbox-client.js';
import { KeyboardShortcutsController } from './keyboard-shortcuts-controller.js';
import { NewTicketAlertsController } from './new-ticket-alerts-controller.js';
import { shortcutsDialog, shortcutsDialogStyles } from './shortcuts-dialog.js';
import { signIn, signInStyles } from './sign-in.js';
import { followTicketLink } from './ticket-link.js';
import { tokens } from './styles.js';
import { ticketList, ticketListStyles } from './ticket-list.js';
import type { CustomerHubInboxTicket } from './inbox-ticket.js';

const TICK_MS = 15_000;

/**
 * The team's inbox: every conversation as a ticket, live, with the shopper's
 * profile beside it, and the web chat settings (R12–R19).
 *
 * @summary The agents' console: ticket list, conversation, profile and settings.
 *
 * @fires {CustomerHubInboxTicketOpenEvent} customer-hub-inbox-ticket-open - The agent opened a ticket (`ticket`).
 * @fires {CustomerHubInboxUnreadChangeEvent} customer-hub-inbox-unread-change - The inbox's unread total changed (`unread`).
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
  static override styles = [tokens, ticketListStyles, signInStyles, shortcutsDialogStyles, inboxStyles];

  /** The server: `chat.example.com`, `localhost:1999`, or a full origin; default: this page's. */
  @property() host = '';
  /** The shop, e.g. `demo.myshopify.com`. */
  @property() shop = '';
  /** The language (English and French built in); defaults to the document's. */
  @property() override lang = '';
  /** `light`, `dark`, or `auto` (follows the system; the default), as the chat's. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';
  /** An agent token from `agents/session`. Without one, the inbox asks for an agent key. */
  @property({ attribute: false }) token: string | undefined;
  /** A ready `InboxClient` (tests, custom set-ups); made from `host` and `shop` otherwise. */
  @property({ attribute: false }) client: InboxClient | null = null;

  @state() private t: InboxTranslation = inboxEn;
  @state() private view: 'inbox' | 'settings' = 'inbox';
  @state() private now = Date.now();
  @state() private showShortcuts = false;
  @state() private showPrefs = false;

  @query('customer-hub-inbox-ticket') private ticketView?: CustomerHubInboxTicket;

  private readonly alerts = new NewTicketAlertsController(this);
  private own: InboxClient | null = null;
  /** Redraws on the client's stores; replaced with the client. */
  private stores: StoreController | null = null;
  /** The client's subscriptions that do more than redraw. */
  private effects: Array<() => void> = [];
  private ticker: ReturnType<typeof setInterval> | null = null;
  private shortcutsReturn: HTMLElement | null = null;

  constructor() {
    super();
    // Held by the element as its controller: nothing else needs a reference.
    new KeyboardShortcutsController(this, {
      enabled: () => this.inbox?.$auth.get() === 'signed-in',
      escape: () => (this.showShortcuts || this.showPrefs ? this.closePopups() : this.ticketView?.dismiss()),
      keys: () =>
        this.view !== 'inbox'
          ? null
          : {
              j: () => this.step(1),
              k: () => this.step(-1),
              r: () => this.ticketView?.focusComposer(),
              n: () => this.ticketView?.focusComposer(true),
              s: () => this.ticketView?.openSnooze(),
              c: () => this.ticketView?.askClose(),
              '?': () => this.openShortcuts(),
              '/': () => this.renderRoot.querySelector<HTMLInputElement>('#ticket-search')?.focus(),
            },
    });
  }

  private get inbox(): InboxClient | null {
    return this.client ?? this.own;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.ticker = setInterval(() => (this.now = Date.now()), TICK_MS);
    if (this.inbox) this.bind(this.inbox);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    this.unbind();
    this.own?.destroy();
    this.own = null;
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
    // Added while connected, the controller subscribes at once.
    this.stores = new StoreController(this, [
      inbox.$auth, inbox.$authError, inbox.$feed, inbox.$list, inbox.$listState, inbox.$hasMore, inbox.$filter, inbox.$session, inbox.$unreadTotal, inbox.$selected,
      inbox.search.$query, inbox.search.$state, inbox.search.$hasMore,
    ]);
    this.effects = [
      inbox.$unreadTotal.subscribe((n) => {
        this.alerts.showUnread(n);
        fire(this, new CustomerHubInboxUnreadChangeEvent(n));
      }),
      inbox.$selected.listen((id) => {
        const ticket = id ? inbox.$tickets.get().get(id) : undefined;
        if (ticket) fire(this, new CustomerHubInboxTicketOpenEvent(ticket));
      }),
      // Macros for the composer come with the settings, which every agent may read.
      inbox.$auth.subscribe((a) => a === 'signed-in' && !inbox.$settings.get() && void inbox.loadSettings()),
      inbox.on('new-ticket', (ticket) => this.announce(inbox, ticket)),
      followTicketLink(inbox, location.hash),
    ];
    if (inbox.$auth.get() === 'signed-out' && !inbox.$session.get()) inbox.start();
  }

  private unbind(): void {
    if (this.stores) {
      this.stores.hostDisconnected();
      this.removeController(this.stores);
      this.stores = null;
    }
    for (const u of this.effects) u();
    this.effects = [];
  }

  private async loadLanguage(): Promise<void> {
    const locale = localeOf(this.lang);
    this.t = inboxTranslation(locale) ?? (await loadInboxTranslation(locale));
  }

  /** For dates and times: the agent's region too (en-GB gets 24-hour times, issue 17). */
  private get locale(): string {
    return timeLocale(this.lang);
  }

  override render() {
    const inbox = this.inbox;
    if (!inbox) return nothing;
    if (inbox.$auth.get() !== 'signed-in') return signIn(inbox, this.t);
    return html`<div class="app">
      ${this.renderHeader(inbox)}
      ${this.view === 'settings'
        ? html`<customer-hub-inbox-settings part="settings" theme=${this.theme} .inbox=${inbox} .t=${this.t}></customer-hub-inbox-settings>`
        : this.renderInbox(inbox)}
    </div>
    ${this.showShortcuts ? shortcutsDialog(this.t, () => this.closePopups(), this.onPopupKey) : nothing}`;
  }

  /** Back to the inbox, unless the settings hold unsaved edits the agent chose to keep (issue 17). */
  private leaveSettings = (): boolean => {
    const settings = this.renderRoot.querySelector('customer-hub-inbox-settings');
    if (settings && !settings.confirmLeave()) return false;
    this.view = 'inbox';
    return true;
  };

  private renderHeader(inbox: InboxClient) {
    const t = this.t;
    const unread = inbox.$unreadTotal.get();
    const agent = inbox.$session.get()?.agent;
    const feed = inbox.$feed.get();
    return html`<header>
      <nav aria-label=${t.inbox}>
        <button aria-current=${this.view === 'inbox' ? 'page' : 'false'} @click=${this.leaveSettings}>
          <span class="label">${t.inbox}</span>${unread > 0 ? html`<span part="badge" role="status" aria-label=${t.unreadTotal(unread)}>${unread}</span>` : html`<span class="sr-only" role="status">${t.unreadTotal(0)}</span>`}
        </button>
        <button aria-current=${this.view === 'settings' ? 'page' : 'false'} @click=${() => (this.view = 'settings')}><span class="label">${t.settings}</span></button>
      </nav>
      ${feed === 'connecting' ? html`<span class="conn" role="status">${t.offline}</span>` : nothing}
      <span class="grow"></span>
      <span class="who">${agent ? t.signedInAs(agent.name) : ''}</span>
      <button class="icon-btn" data-trigger="prefs" aria-haspopup="dialog" aria-label=${t.notifications} aria-expanded=${this.showPrefs ? 'true' : 'false'} @click=${this.togglePrefs}>${icons.bell}</button>
      <button class="icon-btn" data-trigger="shortcuts" aria-haspopup="dialog" aria-label=${t.shortcuts} @click=${() => this.openShortcuts()}>${icons.keyboard}</button>
      <button class="btn sign-out" @click=${() => this.leaveSettings() && inbox.signOut()}>${icons.signOut}<span class="label">${t.signOut}</span></button>
      ${this.showPrefs
        ? html`<div class="popover menu" role="dialog" aria-label=${t.notifications} @keydown=${this.onPopupKey}>
            <label><input type="checkbox" .checked=${this.alerts.prefs.desktop} @change=${this.alerts.onDesktopToggle} /> ${t.desktopNotifications}</label>
            <label><input type="checkbox" .checked=${this.alerts.prefs.sound} @change=${(e: Event) => this.alerts.setPrefs({ sound: (e.target as HTMLInputElement).checked })} /> ${t.sound}</label>
          </div>`
        : nothing}
    </header>`;
  }

  private renderInbox(inbox: InboxClient) {
    const t = this.t;
    const selected = inbox.$selected.get();
    return html`<div class="panes ${selected ? 'has-ticket' : ''}">
      ${ticketList(inbox, t, this.now)}
      <div class="ticket-pane">
        ${selected
          ? html`<div class="back"><button class="btn" @click=${() => inbox.select(null)}>${icons.back} ${t.back}</button></div>
              <customer-hub-inbox-ticket
                exportparts="thread, message, composer, input, send-button, profile"
                theme=${this.theme}
                .inbox=${inbox}
                .t=${this.t}
                .locale=${this.locale}
              ></customer-hub-inbox-ticket>`
          : html`<p class="empty">${t.selectTicket}</p>`}
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

  private onPopupKey = popupKeys(() => this.closePopups());

  private step(delta: 1 | -1): void {
    this.inbox?.step(delta);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.row[aria-current="true"]')?.focus());
  }

  /** A new ticket (R14): the notification, when clicked, opens it in the inbox. */
  private announce(inbox: InboxClient, ticket: Ticket): void {
    this.alerts.announce({
      title: this.t.newTicket(customerName(ticket, this.t)),
      body: ticket.lastMessage ? previewText(ticket, this.t, inbox.$session.get()?.agent.id) : '',
      tag: ticket.id,
      onClick: () => {
        this.view = 'inbox';
        inbox.select(ticket.id);
      },
    });
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

declare global {
  interface HTMLElementTagNameMap {
    'customer-hub-inbox': CustomerHubInbox;
  }
}
