// The <customer-hub-chat> element, the whole of the widget's first load (issue 19): a plain
// custom element, no Lit, no nanostores, no socket. It draws the closed launcher, asks the
// shop's login gate (R2) once, and decides when the rest loads: the panel's frame
// (panel-frame.ts, small, with the skeleton, the launcher's open and unread faces and the
// reactive controllers) on the first hover or focus or when the chat opens, and the chat itself
// (panel-host.ts: Lit, the client, the views) on the first hover, focus or click, or at
// once for an active chat, a given client or `mode="inline"`.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatClient } from '../client/chat-client.js';
import { enLauncher } from '../i18n/en-launcher.js';
import { localeOf, translation, loadTranslation, type Translation } from '../i18n/index.js';
import { fetchGateConfig, isGated } from '../transports/gate-config.js';
import type { ChatTransport } from '../transports/types.js';
import type { TicketContext } from '../protocol/index.js';
import type { StorageMode } from './consent-storage.js';
import { customerHubChatSheet } from './customer-hub-chat-styles.js';
import type { ChatPanel } from './panel.js';
import type { PanelFrame } from './panel-frame.js';
import { PlainElement, type Changed, type PropertyDeclaration } from './plain-element.js';
import { CustomerHubReadyEvent } from './ready-event.js';
import { STORAGE_PREFIX, browserArea, hasActiveHint, readGate, writeGate } from './storage-hints.js';

/**
 * A support chat for any page: FAQ answers first, then a live conversation with the
 * store's team. Drop it into a Shopify theme or any storefront.
 *
 * @summary The shopper's chat widget: a launcher and panel, or inline in a host drawer.
 *
 * @fires {CustomerHubReadyEvent} customer-hub-ready - Once: the shop's config is loaded and the chat can open (not fired while the element hides itself, R2).
 * @fires {CustomerHubOpenEvent} customer-hub-open - The panel opened.
 * @fires {CustomerHubCloseEvent} customer-hub-close - The panel closed.
 * @fires {CustomerHubTicketCreatedEvent} customer-hub-ticket-created - The shopper's first message created a ticket (`ticket`).
 * @fires {CustomerHubMessageEvent} customer-hub-message - A message from the team, the AI agent or the system arrived (`message`).
 * @fires {CustomerHubChatEndedEvent} customer-hub-chat-ended - The chat ended (`ticket`).
 * @fires {CustomerHubUnreadChangeEvent} customer-hub-unread-change - The unread count changed (`unread`).
 * @fires {CustomerHubConnectionChangeEvent} customer-hub-connection-change - The live connection's state changed (`state`).
 * @fires {CustomerHubAvailabilityChangeEvent} customer-hub-availability-change - The element hid itself from this visitor (`available` false: chat off, or `logged-in` only and anonymous) or showed again (true); live with the shop's settings (R2). A host drawer hides its Chat tab on it.
 * @fires {CustomerHubErrorEvent} customer-hub-error - Something failed that can be acted on (`error.code`, `error.message`).
 *
 * @csspart launcher - The floating round button.
 * @csspart badge - The unread count on the launcher.
 * @csspart panel - The chat panel.
 * @csspart header - The panel's header.
 * @csspart logo - The shop's logo in the header (the `logoUrl` setting).
 * @csspart faq-list - The list of FAQ questions.
 * @csspart faq-item - One FAQ question.
 * @csspart welcome - The welcome message.
 * @csspart policy-links - The terms and privacy links shown before the first message.
 * @csspart thread - The conversation (a live region).
 * @csspart message - One message bubble.
 * @csspart composer - The message composer.
 * @csspart input - The message field.
 * @csspart send-button - The send button.
 * @csspart end-chat-button - The button that ends the chat.
 * @csspart notice - Status notices (reconnecting, away, errors).
 * @csspart rating - The rating form of an ended chat (issue 17): its scores, comment, Send and Skip.
 * @csspart reply-preview - The team's latest unread reply beside the closed launcher (issue 17 B2).
 *
 * @cssprop [--customer-hub-accent=#1f5eff] - The accent colour: launcher, shopper bubbles, focus ring.
 * @cssprop [--customer-hub-accent-contrast=#ffffff] - Text on the accent colour.
 * @cssprop [--customer-hub-font=inherit] - The font (the store's by default).
 * @cssprop [--customer-hub-radius=16px] - Corner radius of the panel.
 * @cssprop [--customer-hub-z-index=2147483000] - Stacking order of launcher and panel.
 * @cssprop [--customer-hub-offset-bottom=20px] - Distance of the launcher from the bottom (raise it above a sticky cart bar).
 * @cssprop [--customer-hub-offset-side=20px] - Distance of the launcher from the side.
 * @cssprop [--customer-hub-panel-width=380px] - Width of the panel.
 * @cssprop [--customer-hub-panel-height=640px] - Height of the panel.
 */
export class CustomerHubChat extends PlainElement implements ReactiveControllerHost {
  static override properties: Record<string, PropertyDeclaration> = {
    host: {},
    shop: {},
    sessionUrl: { attribute: 'session-url' },
    identity: {},
    mode: { reflect: true },
    launcher: { reflect: true },
    open: { type: Boolean, reflect: true },
    theme: { reflect: true },
    lang: { reflect: true },
    loginUrl: { attribute: 'login-url' },
    storage: { reflect: true },
    transport: { attribute: false },
    client: { attribute: false },
    unreadCount: { attribute: false, state: true },
  };

  /** The chat server: `chat.example.com`, `localhost:1999`, or a full origin. */
  host = '';
  /** The shop, e.g. `demo.myshopify.com` (on Shopify: `{{ shop.permanent_domain }}`). */
  shop = '';
  /** Where to get a shopper session; on Shopify the app proxy path (`/apps/customer-hub/session`). */
  sessionUrl = '';
  /** Headless storefronts: an HS256 JWT signed by the merchant's backend with the shop's identity secret. */
  identity = '';
  /** `launcher` (a floating button and panel, the default) or `inline` (renders in place). */
  mode: 'launcher' | 'inline' = 'launcher';
  /**
   * `button` (the floating launcher, the default) or `none`: no launcher, the page opens
   * the chat from its own button with `show()`; focus goes back to that button on close.
   */
  launcher: 'button' | 'none' = 'button';
  /** Whether the panel is open. */
  open = false;
  /** `light`, `dark`, or `auto` (follows the system; the default). */
  theme: 'light' | 'dark' | 'auto' = 'auto';
  /** The language of the widget (`en`, `fr`); defaults to the document's. */
  override lang = '';
  /** Where anonymous visitors log in (R2); a `return_url` back to this page is added. */
  loginUrl = '/account/login';
  /**
   * Where the widget keeps unsent messages, the draft and its hints: `local`
   * (localStorage, the default), `session` (sessionStorage, e.g. until cookie consent;
   * set `local` then and what it holds moves over), or `none` (memory only). Nothing is
   * written to localStorage unless this is `local`. Everything is kept per customer.
   */
  storage: StorageMode = 'local';
  /** A custom backend (replaces the default partykit transport). Property only. */
  transport: ChatTransport | null = null;
  /** A ready `ChatClient` to render (headless setups). Property only. */
  client: ChatClient | null = null;

  protected unreadCount = 0;
  // Most fields below start unset (undefined, not written in the constructor: bytes of the first load).
  /**
   * The translation in use; undefined for English (or until another language has loaded):
   * the launcher then shows `enLauncher` and the panel its chunk's `en`. @internal
   */
  declare t?: Translation;
  /** The loaded chat (tests reach its client here); set by the frame, which paints it from then on. @internal */
  panelInstance: ChatPanel | null = null;
  /** The panel's frame, once its code is in: everything the element does for an open chat. @internal */
  declare shell?: PanelFrame;
  /** What `setContext` was given, for the chat's client when it loads. @internal */
  declare pageContext?: TicketContext;
  /** Stops the launcher's live watch of the shop's config (R2) before the chat loads. */
  private declare stopGateWatch?: (() => void) | null;
  private declare readyFired?: boolean;
  /**
   * Whether the launcher may show: its gate (R2) is known to let this visitor in, or cannot
   * be known. Until then its button is drawn but transparent, so a visitor the gate hides
   * never sees it flash before the answer.
   */
  private declare gateKnown?: boolean;
  /** The chat was asked to load: the launcher's own look at the gate stops. */
  private declare panelWanted?: boolean;
  private declare shellModule?: Promise<PanelFrame> | null;
  /** The launcher button and the lazy code's box beside it, while shown. */
  private declare button?: HTMLButtonElement | null;
  private declare box?: HTMLElement;
  /**
   * The panel's controllers plug in here as into a LitElement. Only the panel has any, and
   * it comes after its frame: the frame keeps them and sets these two when it is made, so
   * the first load carries neither. @internal
   */
  declare addController: (controller: ReactiveController) => void;
  /** @internal */
  declare removeController: (controller: ReactiveController) => void;

  constructor() {
    super(customerHubChatSheet());
  }

  /**
   * Opens the panel. `message` waits in the composer, focused and unsent, as the draft
   * (Intercom's `showNewMessage`): e.g. "Question about order #1001" from an order page.
   */
  show(options?: { message?: string }): void {
    this.open = true;
    const message = options?.message;
    if (message != null) void this.whenReady().then((p) => p.prefill(message));
  }

  /** Closes the panel; focus goes back to the launcher. */
  hide(): void {
    this.open = false;
  }

  toggle(): void {
    this.open = !this.open;
  }

  /**
   * The page's context for the team (README "Context on the ticket"): kept here until the
   * chat loads, so calling it never loads the chat.
   */
  setContext(context: TicketContext): void {
    this.pageContext = context;
    this.panelInstance?.client.setContext(context);
  }

  /** Sends a message as the shopper (loads the chat first if needed). */
  async send(text: string): Promise<void> {
    (await this.whenReady()).client.send(text);
  }

  /** Ends the current chat (R8). */
  async endChat(): Promise<void> {
    (await this.whenReady()).client.endChat();
  }

  /** Leaves an ended chat for a new one. */
  async startNewChat(): Promise<void> {
    (await this.whenReady()).client.startNewChat();
  }

  /**
   * The shopper logged out (Intercom's `shutdown`): the chat closes and everything this
   * widget stored on this browser is forgotten (unsent messages, draft, hints), so the
   * next customer sees none of it. An open or inline chat starts again with a new session.
   */
  async logout(): Promise<void> {
    // Through the frame's code: logout is rare, and the first load stays small.
    await (await this.loadShell()).logout();
    this.unreadCount = 0;
  }

  /**
   * Whether this tab leads among the shopper's open tabs (read-only): of several tabs
   * showing one chat, only the leader should play a sound for `customer-hub-message`.
   */
  get leader(): boolean {
    return this.panelInstance?.client.$leader.get() ?? false;
  }

  /** The storage namespace of this shop's chat (outbox, draft, active-chat hint). */
  get storageKey(): string {
    return `${STORAGE_PREFIX}${this.shop || 'default'}`;
  }

  /** Where the launcher's hints live, as the `storage` attribute allows (none: memory, so no hints). @internal */
  get hintArea(): Storage | null {
    return browserArea(this.storage);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.shell?.hostConnected();
    // The link of a "you have a reply" e-mail (issue 17) opens the chat on load.
    if (location.search.includes('chc=open')) this.open = true;
    void this.applyLang();
    const key = this.storageKey;
    const gated = readGate(this.hintArea, key);
    // An earlier page's "not gated" shows the launcher at its first draw (checked again below).
    if (gated === false) this.gateKnown = true;
    // Load at once when there is something to show: inline mode, a given client,
    // or an open chat from an earlier page (its replies must reach the badge); and for a gated shop.
    if (this.mode === 'inline' || this.client || gated || hasActiveHint(this.hintArea, key)) this.loadPanel();
    else void this.askGate(key);
  }

  /**
   * R2: where only logged-in customers may chat (or chat is off), the launcher must
   * not be offered to others. The public config tells; the chat then decides who is in.
   * An earlier page's answer (kept a few minutes) is applied at once, so the launcher
   * does not flicker, and is checked again in the background: a switch the merchant made
   * meanwhile still reaches a returning visitor. An unopened launcher asks again when its
   * tab is shown and every few minutes while it is: the public config is one cheap GET,
   * with no session and no socket for every visitor on every page (R12, live enough for
   * a setting a merchant rarely changes; an open chat follows the shop's feed itself).
   */
  private async askGate(key: string): Promise<void> {
    try {
      const config = this.transport ? await this.transport.getConfig() : await fetchGateConfig(this.host || location.host, encodeURIComponent(this.shop));
      const gated = isGated(config);
      writeGate(this.hintArea, key, gated);
      // The chat, once loaded, watches the config itself and decides who is in.
      if (gated) return this.loadPanel();
      this.markReady();
    } catch {
      // An unreachable server (or blocked storage) must never block the page.
    }
    this.showLauncher();
    if (!this.panelWanted && this.isConnected && !this.stopGateWatch) this.watchGate(key);
  }

  /** Asks again when the tab is shown, and every few minutes while it is visible. */
  private watchGate(key: string): void {
    const again = (): void => {
      if (document.visibilityState === 'visible' && !this.panelWanted) void this.askGate(key);
    };
    const timer = setInterval(again, GATE_RECHECK_MS);
    document.addEventListener('visibilitychange', again);
    this.stopGateWatch = () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', again);
    };
  }

  disconnectedCallback(): void {
    this.shell?.hostDisconnected();
    this.stopGateWatch?.();
    this.stopGateWatch = null;
  }

  /** An open or inline chat needs its frame: the update waits for its code the first time (so does `updateComplete`). @internal */
  protected override beforeUpdate(): unknown {
    // A frame that failed to load (the network): the launcher stays closed, as it is drawn, and the next click tries again (review r1 #4).
    return (this.open || this.mode === 'inline') && !this.shell && this.loadShell().catch(() => this.hide());
  }

  protected willUpdate(changed: Changed): void {
    if (changed.has('lang')) void this.applyLang();
    this.shell?.willUpdate(changed);
  }

  /**
   * Draws the closed launcher of a chat nobody opened; once its code is in, the frame draws
   * the rest: the launcher open, its unread badge, the panel.
   */
  protected update(): void {
    let b = this.button;
    if (this.mode === 'inline' || this.launcher === 'none') {
      b?.remove();
      b = this.button = null;
    } else {
      b ??= this.button = this.makeButton();
      // Transparent, not hidden: it keeps its box and stays focusable (a page may focus it at once).
      b.style.opacity = this.gateKnown ? '' : '0';
      b.ariaLabel = (this.t ?? enLauncher).launcherOpen;
    }
    this.shell?.update(b);
  }

  protected updated(changed: Changed): void {
    this.shell?.updated(changed);
  }

  /** The launcher comes first in the DOM, so Tab from it enters the open panel. */
  private makeButton(): HTMLButtonElement {
    const b = document.createElement('button');
    b.className = b.part.value = 'launcher';
    b.ariaExpanded = 'false';
    // Constant markup: the icon (the frame swaps it for Close while the chat is open).
    b.innerHTML = `<svg viewBox="0 0 24 24" aria-hidden="true"><path d="${CHAT_ICON}"/></svg>`;
    b.onclick = () => this.toggle();
    b.onkeydown = (e) => this.shell?.onKeydown(e);
    // The chat's code comes while the pointer or the focus is on its way to a click.
    b.onpointerenter = b.onfocus = () => void this.loadShell().then((s) => s.prefetch(), noop);
    this.renderRoot.insertBefore(b, this.renderRoot.querySelector('.panel'));
    return b;
  }

  /**
   * A box at the start of the shadow root, beside the launcher, made on the first call and
   * kept (a live region must be there before its news): where the lazy chunk renders what
   * it shows with the panel closed, e.g. the reply preview (issue 17). @internal
   */
  launcherBox(): HTMLElement {
    if (!this.box) {
      this.box = document.createElement('div');
      this.box.ariaLive = 'polite';
      this.renderRoot.prepend(this.box);
    }
    return this.box;
  }

  /** The gate is known, or cannot be: the launcher shows (while the element is not hidden, R2). */
  private showLauncher(): void {
    this.gateKnown = true;
    this.requestUpdate();
  }

  /** Fires `customer-hub-ready`, once per element. @internal */
  markReady(): void {
    // Dispatched through a variable: the manifest's analyzer would list a nameless event
    // beside the documented `@fires` for a `dispatchEvent(new …)` written out here.
    const ready = new CustomerHubReadyEvent();
    if (!this.readyFired) this.dispatchEvent(ready);
    this.readyFired = true;
  }

  /** Called by the panel when its stores change what the shell shows: the launcher's badge. @internal */
  setUnread(count: number): void {
    this.unreadCount = count;
  }

  /** The frame's code, once per element (again after a failed load: the network may be back). @internal */
  loadShell(): Promise<PanelFrame> {
    return (this.shellModule ??= import('./panel-frame.js').then(
      ({ PanelFrame }) => (this.shell ??= new PanelFrame(this)),
      (e: unknown) => {
        this.shellModule = null;
        throw e;
      },
    ));
  }

  /** Loads the chat (its frame first). @internal */
  loadPanel(): void {
    this.stopGateWatch?.();
    this.stopGateWatch = null;
    this.panelWanted = true;
    // The launcher shows once the chat knows the gate (R2; it hides the element from a visitor
    // the gate keeps out), or once its code failed to load: a failed chunk is the frame's to
    // show ("Try again"), not an unhandled rejection.
    void this.whenReady()
      .finally(() => this.showLauncher())
      .catch(noop);
  }

  /** The loaded panel once its client has its config and session (the methods wait for it). */
  private async whenReady(): Promise<ChatPanel> {
    return (await this.loadShell()).whenReady();
  }

  private async applyLang(): Promise<void> {
    const locale = localeOf(this.lang);
    const t = locale === 'en' ? undefined : (translation(locale) ?? (await loadTranslation(locale)));
    // The latest `lang` wins: a language that arrives after a later switch is not applied.
    if (localeOf(this.lang) !== locale) return;
    this.t = t;
    // Not a declared property (the manifest would list it): the element re-renders by hand.
    this.requestUpdate();
  }
}

// The accessors are on the class at once, as they were with Lit: a copy that never defines
// the tag still has the properties React's wrapper looks for (test/browser/widget-properties).
CustomerHubChat.finalize();

const noop = (): void => undefined;

/** The launcher's chat icon (the frame swaps it for Close while the chat is open). @internal */
export const CHAT_ICON = 'M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1L4.5 21l3.9-2c1.1.3 2.3.5 3.6.5 5.5 0 10-3.8 10-8.5S17.5 3 12 3z';

/** How often an unopened launcher on a visible tab asks again. */
const GATE_RECHECK_MS = 5 * 60_000;

declare global {
  interface HTMLElementTagNameMap {
    'customer-hub-chat': CustomerHubChat;
  }
}
