/**
 * Everything behind the launcher, loaded on first open (or at once when a chat is
 * active): the ChatClient, its stores, and the views of R2–R9. The element stays a
 * thin shell; this controller reads stores, calls actions and renders.
 */
import { adoptStyles, html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { ChatClient, type ChatMessage } from '../client/chat-client.js';
import { MAX_BODY_CHARS, type Attachment, type Faq } from '../protocol/index.js';
import { ConsentStorage } from './consent-storage.js';
import { STORAGE_PREFIX, type CustomerHubChat } from './customer-hub-chat.js';
import { defaultTransport } from './default-transport.js';
import {
  CustomerHubAvailabilityChangeEvent,
  CustomerHubChatEndedEvent,
  CustomerHubConnectionChangeEvent,
  CustomerHubErrorEvent,
  CustomerHubMessageEvent,
  CustomerHubTicketCreatedEvent,
  CustomerHubUnreadChangeEvent,
} from './events.js';
import { panelStyles } from './panel-styles.js';
import { searchFaqs } from './faq-search.js';
import { backWhen } from './when.js';
import { StoreController } from '../controllers/store-controller.js';
import { maybe, richText, safeHttpUrl } from './text.js';

/** For the element's `logout()`, which clears storage without a panel of its own. */
export { ConsentStorage };

/** The DOM holds at most this many messages, however long the thread (older ones on demand). */
const WINDOW = 150;
const WINDOW_STEP = 50;

export class ChatPanel implements ReactiveController {
  readonly client: ChatClient;
  /** Where this chat's keys live, as the element's `storage` attribute allows (issue 13 #3). */
  readonly storage: ConsentStorage;
  private readonly ownsClient: boolean;
  private faqQuery = '';
  private faqOpen: Faq | null = null;
  private faqAnswered = false;
  /** The shopper left the FAQ for a live chat (R4). */
  private wantsChat = false;
  private confirmingEnd = false;
  /** The panel was opened and its first control has not had focus yet. */
  private focusPending = false;
  /** The shopper confirmed End chat; focus moves on when the chat has ended. */
  private endRequested = false;
  private window = WINDOW;
  private atBottom = true;
  private unseenBelow = false;
  private zoomed: string | null = null;
  private lastCount = 0;
  private started = false;
  /** Settles when the client has loaded its config and session (the element's methods wait for it). */
  ready: Promise<void> = Promise.resolve();
  private unsubscribers: Array<() => void> = [];
  private viewportCleanup: (() => void) | null = null;
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
  /** What the composer holds (read from storage once, then kept as the shopper types). */
  private draft: string | null = null;

  constructor(private readonly host: CustomerHubChat) {
    this.ownsClient = !host.client;
    this.storage = new ConsentStorage(host.storage, STORAGE_PREFIX);
    this.wants();
    this.client = host.client ?? new ChatClient({ transport: host.transport ?? defaultTransport(host), storage: this.storage, storageKey: host.storageKey });
    const c = this.client;
    this.stores = new StoreController(host, [c.$view, c.$messages, c.$config, c.$connection, c.$typing, c.$ticket, c.$hasOlder, c.$error, c.$online]);
    host.addController(this);
    adoptStyles(host.renderRoot as ShadowRoot, [...(host.constructor as typeof CustomerHubChat).elementStyles, panelStyles]);
    if (host.isConnected) this.hostConnected();
  }

  /** True once the element left the page for good and this panel let go of everything. */
  dead = false;
  private readonly stores: StoreController;

  hostConnected(): void {
    if (this.unsubscribers.length) return;
    const { client: c, host } = this;
    this.unsubscribers = [
      c.on('message', (m) => host.dispatchEvent(new CustomerHubMessageEvent(m))),
      c.on('ticket-created', (t) => host.dispatchEvent(new CustomerHubTicketCreatedEvent(t))),
      c.on('chat-ended', (t) => host.dispatchEvent(new CustomerHubChatEndedEvent(t))),
      c.on('error', (e) => host.dispatchEvent(new CustomerHubErrorEvent(e))),
      c.$unread.listen((n) => {
        host.setUnread(n);
        host.dispatchEvent(new CustomerHubUnreadChangeEvent(n));
      }),
      c.$connection.listen((s) => host.dispatchEvent(new CustomerHubConnectionChangeEvent(s))),
      c.$ticket.listen((t) => this.rememberActive(t !== null && t.status !== 'closed')),
      // The launcher's gate hint (R2) follows the config the chat now knows, live ones included.
      c.$config.listen((config) => config && this.rememberGate(!config.enabled || config.loginStatus === 'logged-in')),
      c.$view.listen((v) => {
        const hidden = v === 'hidden';
        if (host.hidden !== hidden) {
          host.hidden = hidden;
          // A host drawer hides or shows its Chat tab on this (R2).
          host.dispatchEvent(new CustomerHubAvailabilityChangeEvent(!hidden));
        }
        if (hidden) host.open = false;
        if (v === 'ended' && this.endRequested) {
          this.endRequested = false;
          this.focusAfterUpdate('.ended .primary');
        }
      }),
    ];
    if (!this.started) {
      this.started = true;
      this.ready = c.$view.get() === 'loading' ? c.start() : Promise.resolve();
    }
    this.openChanged(host.open || host.mode === 'inline');
  }

  hostDisconnected(): void {
    for (const u of this.unsubscribers) u();
    this.unsubscribers = [];
    this.viewportCleanup?.();
    this.viewportCleanup = null;
    // A framework that moves the element (remove, then append in the same task) keeps
    // the chat; an element really gone closes the client it made.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.retire();
    });
  }

  /** Lets go of everything: the element is gone, or the shopper changed. */
  retire(): void {
    if (this.dead) return;
    this.dead = true;
    for (const u of this.unsubscribers) u();
    this.unsubscribers = [];
    this.viewportCleanup?.();
    this.host.removeController(this);
    this.host.removeController(this.stores);
    clearTimeout(this.draftTimer);
    if (this.ownsClient) this.client.destroy();
  }

  openChanged(open: boolean): void {
    this.viewportCleanup?.();
    this.viewportCleanup = open && this.host.mode === 'launcher' ? trackViewport(this.host) : null;
    // The opened dialog's first control takes focus once it is rendered (after loading, if need be).
    this.focusPending = open && this.host.mode === 'launcher';
    this.focusIfPending();
  }

  private focusIfPending(): void {
    if (this.focusPending && this.client.$view.get() !== 'loading') {
      this.focusPending = false;
      this.focusComposer();
    }
  }

  /** Keeps Tab within the open panel, as in a modal dialog: past the last control back to the first, and the reverse. */
  trapTab(e: KeyboardEvent): void {
    const panel = this.host.renderRoot.querySelector<HTMLElement>('.panel');
    const active = (this.host.renderRoot as ShadowRoot).activeElement;
    if (!panel || !active || !panel.contains(active)) return;
    const all = [...panel.querySelectorAll<HTMLElement>('button, a[href], input, textarea, [tabindex="0"]')].filter((x) => !x.matches(':disabled'));
    const first = all[0];
    const last = all[all.length - 1];
    const wrapTo = e.shiftKey ? (active === first || active === panel ? last : null) : active === last ? first : null;
    if (wrapTo) {
      e.preventDefault();
      wrapTo.focus();
    }
  }

  hostUpdated(): void {
    this.focusIfPending();
    const thread = this.host.renderRoot.querySelector<HTMLElement>('.thread');
    const count = this.client.$messages.get().length;
    if (thread && count !== this.lastCount) {
      if (this.atBottom) thread.scrollTop = thread.scrollHeight;
      else if (count > this.lastCount) this.unseenBelow = true;
      this.lastCount = count;
    }
    if ((this.host.open || this.host.mode === 'inline') && document.visibilityState === 'visible' && this.atBottom) this.client.markRead();
  }

  render(): TemplateResult {
    const c = this.client;
    const view = c.$view.get();
    const t = this.host.t;
    // R2 "all": anyone browses the FAQ; starting a chat needs a logged-in customer.
    const anonymous = !c.$session.get()?.customer;
    return html`${this.renderHeader()}
      ${view === 'loading' ? this.renderLoading() : nothing}
      ${view === 'error' ? this.renderError() : nothing}
      ${view === 'login' || (view === 'faq' && this.wantsChat && anonymous) ? this.renderLogin(view === 'faq') : nothing}
      ${view === 'faq' && !this.wantsChat ? this.renderFaq(anonymous) : nothing}
      ${(view === 'faq' && this.wantsChat && !anonymous) || view === 'welcome' || view === 'thread' || view === 'ended' ? this.renderConversation(view) : nothing}
      ${maybe(this.zoomed, (src) => html`<div class="zoom" role="dialog" aria-label=${t.viewImage} @keydown=${this.onZoomKey}>
        <img src=${src} alt=${t.imageAlt} />
        <button class="zoom-close" aria-label=${t.closeImage} @click=${() => this.setZoom(null)}>✕</button>
      </div>`)}`;
  }

  // ---- header ----

  private renderHeader(): TemplateResult {
    const t = this.host.t;
    const config = this.client.$config.get();
    const ticket = this.client.$ticket.get();
    const hours = config?.officeHours;
    const canEnd = ticket && ticket.status !== 'closed' && this.client.$view.get() === 'thread';
    return html`<header class="header" part="header">
        <div class="titles">
          <h2 class="title">${t.panelTitle}</h2>
          <p class="subtitle">${hours && !hours.isOpen ? t.away(this.formatWhen(hours.nextOpenAt)) : t.replyTime}</p>
        </div>
        ${canEnd
          ? html`<button class="text-button" part="end-chat-button" @click=${() => this.setConfirm(true)}>${t.endChat}</button>`
          : nothing}
        ${this.host.mode === 'launcher'
          ? html`<button class="icon-button" aria-label=${t.close} @click=${() => this.host.hide()}>✕</button>`
          : nothing}
      </header>
      ${this.confirmingEnd
        ? html`<div class="confirm" role="alertdialog" aria-label=${t.endChat} aria-describedby="end-confirm" part="notice" @keydown=${this.onConfirmKey}>
            <p id="end-confirm">${t.endConfirm}</p>
            <div class="row">
              <button class="secondary" @click=${() => this.setConfirm(false)}>${t.cancel}</button>
              <button class="primary danger" @click=${this.confirmEnd}>${t.endConfirmYes}</button>
            </div>
          </div>`
        : nothing}
`;
  }

  private renderLoading(): TemplateResult {
    return html`<div class="skeleton body" aria-busy="true">
      <span class="visually-hidden">${this.host.t.loading}</span><span></span><span class="short"></span><span class="mid"></span>
    </div>`;
  }

  private renderError(): TemplateResult {
    const t = this.host.t;
    return html`<div class="center body" role="alert">
      <p>${t.loadError}</p>
      <button class="primary" @click=${() => void this.client.start()}>${t.tryAgain}</button>
    </div>`;
  }

  // ---- R2: anonymous visitors ----

  private renderLogin(fromFaq: boolean): TemplateResult {
    const t = this.host.t;
    return html`<div class="center body login">
      ${fromFaq ? html`<button class="link-button" @click=${this.backToFaq}>← ${t.faqBack}</button>` : nothing}
      <h3>${t.loginTitle}</h3>
      <p>${t.loginText}</p>
      <a class="primary" href=${this.loginHref()}>${t.loginButton}</a>
    </div>`;
  }

  private loginHref(): string {
    const base = safeLoginUrl(this.host.loginUrl);
    const back = `${location.pathname}${location.search}`;
    return `${base}${base.includes('?') ? '&' : '?'}return_url=${encodeURIComponent(back)}`;
  }

  // ---- R3: FAQ first ----

  private renderFaq(anonymous: boolean): TemplateResult {
    const t = this.host.t;
    const faqs = this.client.$config.get()?.faqs ?? [];
    const shown = searchFaqs(faqs, this.faqQuery);
    const open = this.faqOpen;
    if (open) {
      return html`<div class="thread body" part="thread" role="log" aria-label=${t.conversation} tabindex="0">
          <button class="link-button" @click=${() => this.pickFaq(null)}>← ${t.faqBack}</button>
          <div class="bubble shopper" part="message"><span class="text">${open.question}</span></div>
          <div class="bubble team" part="message"><span class="text">${richText(open.answer)}</span></div>
          ${this.faqAnswered
            ? html`<p class="quiet">${t.faqThanks}</p>`
            : html`<p class="quiet">${t.faqHelpful}</p>
                <div class="row">
                  <button class="secondary" @click=${() => this.setAnswered()}>${t.faqYes}</button>
                  <button class="primary" @click=${this.startLiveChat}>${t.faqNo}</button>
                </div>`}
        </div>`;
    }
    return html`<div class="body faq">
      <h3 class="section-title">${t.faqTitle}</h3>
      <input class="search" type="search" aria-label=${t.faqSearch} placeholder=${t.faqSearch} .value=${this.faqQuery} @input=${this.onFaqSearch} />
      <ul class="faq-list" part="faq-list">
        ${shown.map((f) => html`<li><button class="faq-item" part="faq-item" @click=${() => this.pickFaq(f)}>${f.question}</button></li>`)}
      </ul>
      ${shown.length ? nothing : html`<p class="quiet">${t.faqNoMatch}</p>`}
      ${anonymous
        ? html`<a class="primary wide" href=${this.loginHref()}>${t.loginTitle}</a>`
        : html`<button class="primary wide" @click=${this.startLiveChat}>${t.chatWithUs}</button>`}
    </div>`;
  }

  // ---- R4, R5, R7, R8: welcome, policy links, the thread, the end ----

  /**
   * One template for the welcome, the live thread and the ended chat: the first message
   * turns the welcome into the thread without re-creating the thread or the composer,
   * so focus and anything typed meanwhile stay where they are.
   */
  private renderConversation(view: string): TemplateResult {
    const t = this.host.t;
    const c = this.client;
    const live = view === 'thread' || view === 'ended';
    const ended = view === 'ended';
    const all = c.$messages.get();
    const shown = all.slice(-this.window);
    const typing = c.$typing.get();
    const connection = c.$connection.get();
    const moreBefore = all.length > shown.length || c.$hasOlder.get();
    const welcome = c.$config.get()?.welcomeMessage;
    return html`${ended ? nothing : this.renderReconnecting()}
      ${live && connection === 'unauthorized'
        ? html`<p class="notice error" part="notice" role="alert">${c.$error.get()?.code === 'forbidden' ? t.chatForbidden : t.sessionExpired}</p>`
        : nothing}
      <div class="thread body" part="thread" role="log" aria-live="polite" aria-relevant="additions" aria-label=${t.conversation} tabindex="0" @scroll=${this.onScroll}>
        ${moreBefore ? html`<button class="link-button older" @click=${this.showOlder}>${t.loadOlder}</button>` : nothing}
        ${welcome && !moreBefore
          ? // The merchant's welcome (R4) leads the thread from config, never stored: it stays first after the first message and a reload.
            html`<div class="bubble team" part="welcome message"><span class="text">${richText(welcome)}</span></div>`
          : nothing}
        ${this.renderMessages(shown)}
        ${typing ? html`<div class="bubble team typing" aria-label=${t.typing(typing.name ?? t.someone)}><span></span><span></span><span></span></div>` : nothing}
      </div>
      ${this.unseenBelow ? html`<button class="pill" @click=${this.scrollToEnd}>${t.newMessages} ↓</button>` : nothing}
      ${live ? nothing : this.renderPolicy()}
      ${ended
        ? html`<div class="ended" part="notice">
            <p>${t.ended}</p>
            <button class="primary" @click=${this.newChat}>${t.startNew}</button>
          </div>`
        : this.renderComposer()}`;
  }

  private renderPolicy(): TemplateResult | typeof nothing {
    const t = this.host.t;
    const policy = this.client.$config.get()?.policy;
    const terms = safeHttpUrl(policy?.termsUrl);
    const privacy = safeHttpUrl(policy?.privacyUrl);
    if (!terms && !privacy) return nothing;
    const link = (href: string, label: string) => html`<a href=${href} target="_blank" rel="noopener noreferrer nofollow">${label}</a>`;
    return html`<p class="policy" part="policy-links">
      ${t.policy} ${terms ? link(terms, t.terms) : nothing}${terms && privacy ? html` ${t.and} ` : nothing}${privacy ? link(privacy, t.privacy) : nothing}.
    </p>`;
  }

  /** Offline, or the server out of reach (also for a first message still creating its chat: issue 13 #7). */
  private renderReconnecting(): TemplateResult | typeof nothing {
    const c = this.client;
    const away = c.$connection.get() === 'connecting' || !c.$online.get();
    return away ? html`<p class="notice" part="notice" role="status">${this.host.t.reconnecting}</p>` : nothing;
  }

  private renderMessages(list: ChatMessage[] = this.client.$messages.get()): unknown[] {
    const t = this.host.t;
    const out: unknown[] = [];
    const lastOwn = [...list].reverse().find((m) => m.author.role === 'shopper');
    let prevDay = '';
    list.forEach((m, i) => {
      const prev = list[i - 1];
      const next = list[i + 1];
      const day = new Date(m.createdAt).toDateString();
      if (day !== prevDay) {
        out.push(html`<p class="day" role="separator">${this.formatDay(m.createdAt)}</p>`);
        prevDay = day;
      }
      const kind = m.author.role === 'shopper' ? 'shopper' : m.author.role === 'system' ? 'system' : 'team';
      const startsGroup = !prev || prev.author.role !== m.author.role || prev.author.id !== m.author.id || new Date(prev.createdAt).toDateString() !== day;
      const endsGroup = !next || next.author.role !== m.author.role || next.author.id !== m.author.id;
      const who = m.author.role === 'ai' ? t.ai : m.author.role === 'agent' ? m.author.name || t.team : m.author.role === 'shopper' ? t.you : '';
      if (kind === 'system') {
        // The away state is said once, in the header (with when the team is back); the
        // automatic away reply (R9) is the merchant's own message. A handoff to the team (R11) is announced in the shopper's language.
        const body = m.author.name === 'handoff' ? t.handoff : m.author.name === 'handoff-external' ? t.handoffEmail : m.body;
        out.push(html`<p class="system" part="message"><span dir="auto">${body}</span></p>`);
        return;
      }
      out.push(html`<div class="msg ${kind}" data-key=${m.key}>
        ${startsGroup && kind === 'team' ? html`<p class="author"><span class="avatar" aria-hidden="true">${initial(who)}</span>${who}</p>` : nothing}
        <div class="bubble ${kind} ${m.state === 'failed' ? 'failed' : ''}" part="message">${kind === 'team' && !startsGroup ? html`<span class="visually-hidden">${who}: </span>` : nothing}<span class="text" dir="auto">${richText(m.body)}</span>${m.attachments.map((a) => this.renderImage(a))}</div>
        ${endsGroup ? html`<p class="meta">${this.formatTime(m.createdAt)}</p>` : nothing}
        ${m.state === 'failed'
          ? html`<p class="status failed" role="alert">${t.failed} <button class="link-button" @click=${() => m.clientId && this.client.retry(m.clientId)}>${t.retry}</button></p>`
          : m === lastOwn && m.state
            ? html`<p class="status">${m.state === 'sending' ? t.sending : m.state === 'seen' ? t.seen : t.sent}</p>`
            : nothing}
      </div>`);
    });
    return out;
  }

  private renderImage(a: Attachment): TemplateResult | typeof nothing {
    const t = this.host.t;
    const src = safeHttpUrl(a.url);
    if (!src) return nothing;
    return html`<button class="image" aria-label=${`${t.viewImage}: ${a.alt || t.imageAlt}`} @click=${() => this.setZoom(src)}>
      <img src=${src} alt=${a.alt || t.imageAlt} width=${a.width ?? nothing} height=${a.height ?? nothing} loading="lazy" />
    </button>`;
  }

  private renderComposer(): TemplateResult {
    const t = this.host.t;
    // Read once: the stored draft lags the field by the save delay, and binding it again would undo the latest keystrokes.
    this.draft ??= this.client.getDraft();
    return html`<form class="composer" part="composer" @submit=${this.onSubmit}>
      <textarea
        part="input"
        rows="1"
        maxlength=${MAX_BODY_CHARS}
        aria-label=${t.inputLabel}
        placeholder=${t.inputPlaceholder}
        .value=${this.draft}
        @keydown=${this.onComposerKey}
        @input=${this.onInput}
        @blur=${() => this.client.setTyping(false)}
      ></textarea>
      <button class="send" part="send-button" type="submit" aria-label=${t.send}>
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z" /></svg>
      </button>
    </form>`;
  }

  // ---- handlers ----

  private onFaqSearch = (e: Event): void => {
    this.faqQuery = (e.target as HTMLInputElement).value;
    this.host.requestUpdate();
  };

  private pickFaq(faq: Faq | null): void {
    this.faqOpen = faq;
    this.faqAnswered = false;
    this.host.requestUpdate();
  }

  private setAnswered(): void {
    this.faqAnswered = true;
    this.host.requestUpdate();
  }

  private startLiveChat = (): void => {
    this.wants(true);
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.focusComposer());
  };

  private backToFaq = (): void => {
    this.wants(false);
    this.faqOpen = null;
    this.host.requestUpdate();
  };

  /** Opens or cancels the End chat confirmation; focus goes to its safe choice, then back to End chat. */
  private setConfirm(on: boolean): void {
    this.confirmingEnd = on;
    this.host.requestUpdate();
    this.focusAfterUpdate(on ? '.confirm .secondary' : '[part="end-chat-button"]');
  }

  private onConfirmKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      // Cancel the confirmation, not the panel.
      e.preventDefault();
      this.setConfirm(false);
    }
  };

  private confirmEnd = (): void => {
    this.confirmingEnd = false;
    this.client.endChat();
    this.host.requestUpdate();
    // The End chat button goes away with the chat: focus waits for "Start a new chat".
    this.endRequested = true;
  };

  private focusAfterUpdate(selector: string): void {
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  private newChat = (): void => {
    this.client.startNewChat();
    this.wants(true);
    this.faqOpen = null;
    void this.host.updateComplete.then(() => this.focusComposer());
  };

  private onSubmit = (e: Event): void => {
    e.preventDefault();
    const field = this.host.renderRoot.querySelector<HTMLTextAreaElement>('textarea');
    if (!field) return;
    if (field.value.trim().length > MAX_BODY_CHARS) {
      this.host.dispatchEvent(new CustomerHubErrorEvent({ code: 'too_large', message: this.host.t.tooLong(MAX_BODY_CHARS) }));
      return;
    }
    const id = this.client.send(field.value);
    if (!id) return;
    field.value = '';
    this.draft = '';
    clearTimeout(this.draftTimer);
    this.client.setDraft('');
    this.client.setTyping(false);
    this.atBottom = true;
  };

  private onComposerKey = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.onSubmit(e);
    }
  };

  private onInput = (e: Event): void => {
    const value = (e.target as HTMLTextAreaElement).value;
    this.draft = value;
    this.client.setTyping(value.length > 0);
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => this.client.setDraft(value), 250);
  };

  private onScroll = (e: Event): void => {
    const el = e.target as HTMLElement;
    this.atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    if (this.atBottom && this.unseenBelow) {
      this.unseenBelow = false;
      this.host.requestUpdate();
    }
  };

  private scrollToEnd = (): void => {
    const thread = this.host.renderRoot.querySelector<HTMLElement>('.thread');
    if (thread) thread.scrollTop = thread.scrollHeight;
    this.atBottom = true;
    this.unseenBelow = false;
    this.host.requestUpdate();
  };

  private showOlder = (): void => {
    const total = this.client.$messages.get().length;
    if (total > this.window) this.window = Math.min(total, this.window + WINDOW_STEP);
    else this.client.loadOlder();
    this.host.requestUpdate();
  };

  private setZoom(src: string | null): void {
    this.zoomed = src;
    this.host.requestUpdate();
    if (src) void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>('.zoom-close')?.focus());
  }

  private onZoomKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      // Close the image, not the panel.
      e.preventDefault();
      e.stopPropagation();
      this.setZoom(null);
    }
  };

  private focusComposer(): void {
    const target = this.host.renderRoot.querySelector<HTMLElement>('textarea, .search, .faq-item, .primary');
    target?.focus({ preventScroll: true });
  }

  private rememberGate(gated: boolean): void {
    try {
      this.storage.setItem(`${this.host.storageKey}:gate`, JSON.stringify({ gated, at: Date.now() }));
    } catch {
      // storage blocked: the launcher asks again on the next page
    }
  }

  /**
   * Whether the shopper chose to chat: kept for this tab's session (never in
   * localStorage, nowhere with storage="none"), so a reload during the welcome step
   * returns to it and its draft (issue 13 #5). Sets it when given a value.
   */
  private wants(on?: boolean): void {
    try {
      const session = this.storage.mode === 'none' ? null : sessionStorage;
      const key = `${this.host.storageKey}:wants`;
      if (on === undefined) on = !!session?.getItem(key);
      else session?.setItem(key, on ? '1' : '');
    } catch {
      // storage blocked: the choice lasts as long as the page
    }
    this.wantsChat = !!on;
  }

  private rememberActive(active: boolean): void {
    try {
      if (active) this.storage.setItem(`${this.host.storageKey}:active`, '1');
      else this.storage.removeItem(`${this.host.storageKey}:active`);
    } catch {
      // storage blocked: the widget then loads on first open
    }
  }

  private formatTime(iso: string): string {
    return new Intl.DateTimeFormat(this.locale(), { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
  }

  private formatDay(iso: string): string {
    const d = new Date(iso);
    const today = new Date();
    const yesterday = new Date(today.getTime() - 86_400_000);
    if (d.toDateString() === today.toDateString()) return this.host.t.today;
    if (d.toDateString() === yesterday.toDateString()) return this.host.t.yesterday;
    return new Intl.DateTimeFormat(this.locale(), { weekday: 'long', day: 'numeric', month: 'long' }).format(d);
  }

  private formatWhen(iso: string | null): string | null {
    return iso ? backWhen(this.host.t, this.locale(), new Date(iso)) : null;
  }

  private locale(): string {
    return this.host.lang || document.documentElement.lang || 'en';
  }
}

const initial = (name: string): string => (name.trim()[0] ?? '?').toUpperCase();

function safeLoginUrl(raw: string): string {
  // Only same-site paths or http(s) URLs: never `javascript:`.
  if (raw.startsWith('/') && !raw.startsWith('//')) return raw;
  return safeHttpUrl(raw) ?? '/account/login';
}

/**
 * Full-screen on phones: size the panel to the visual viewport so the composer stays
 * above the on-screen keyboard, and keep the page behind from scrolling.
 */
function trackViewport(host: HTMLElement): () => void {
  if (!matchMedia('(max-width: 480px)').matches) return () => {};
  const vv = window.visualViewport;
  const apply = () => host.style.setProperty('--_vvh', `${vv?.height ?? innerHeight}px`);
  apply();
  vv?.addEventListener('resize', apply);
  const root = document.documentElement;
  const before = root.style.overflow;
  root.style.overflow = 'hidden';
  return () => {
    vv?.removeEventListener('resize', apply);
    root.style.overflow = before;
    host.style.removeProperty('--_vvh');
  };
}
