/**
 * Everything behind the launcher, in the lazy chunk (panel-host.ts; at once when a chat is
 * active): the ChatClient, its stores, and the views of R2–R9 (in `views/`). The
 * element stays a thin shell; this controller holds the panel's state, reads stores,
 * calls actions and composes the views.
 */
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { ChatClient } from '../client/chat-client.js';
import { en } from '../i18n/en.js';
import type { Translation } from '../i18n/index.js';
import { timeLocale } from '../i18n/time.js';
import type { ChatTransport } from '../transports/types.js';
import { isGated } from '../transports/gate-config.js';
import { ConsentStorage } from './consent-storage.js';
import type { CustomerHubChat } from './customer-hub-chat.js';
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
import { STORAGE_PREFIX, writeActive, writeGate } from './storage-hints.js';
import { StoreController } from '../controllers/store-controller.js';
import { trackViewport } from './viewport.js';
import { faqView, type FaqHost, type FaqPick } from './views/faq.js';
import { headerView, replyLine, type HeaderHost } from './views/header.js';
import type { RatingDraft } from './views/ended.js';
import { errorText } from './views/error-text.js';
import { loginHref, loginView } from './views/login.js';
import { threadView, type ThreadHost } from './views/thread.js';
import { zoomView, type ZoomHost } from './views/zoom.js';
import { replyPreview } from './reply-preview.js';
import type { TranscriptSent } from '../protocol/index.js';
import type { TranscriptState } from './views/transcript.js';
import { panelTexts, type PanelTexts } from '../i18n/panel-texts.js';
import { listenForImages } from './views/attachments.js';
import { ShopperUploads } from './shopper-uploads.js';

/** The DOM holds at most this many messages, however long the thread (older ones on demand). */
const WINDOW = 150;
const WINDOW_STEP = 50;

export class ChatPanel implements ReactiveController, HeaderHost, FaqHost, ThreadHost, ZoomHost {
  readonly client: ChatClient;
  /** Where this chat's keys live, as the element's `storage` attribute allows (issue 13 #3). */
  readonly storage: ConsentStorage;
  private readonly ownsClient: boolean;
  /** Settles when the client has loaded its config and session (the element's methods wait for it). */
  ready: Promise<void> = Promise.resolve();

  // The state the views read (through their `*Host` interfaces), kept here so it survives re-renders.
  faqQuery = '';
  faqOpen: FaqPick | null = null;
  faqAnswered = false;
  confirmingEnd = false;
  /** How many of the latest messages the DOM holds. */
  window = WINDOW;
  unseenBelow = false;
  /** What the composer holds (read from storage once, then kept as the shopper types). */
  draft: string | null = null;
  /** The ended chat's rating form (issue 17). */
  rating: RatingDraft | null = null;

  readonly trackOrders: (() => void) | undefined;
  /** The composer's pending images (issue 17 B1). */
  readonly uploads: ShopperUploads;
  /** The launcher's box the reply preview draws into (issue 17 B2). */
  private previewBox: HTMLElement | undefined;
  /** The ended view's "E-mail me this conversation" (issue 17): the transport's ask, and its state. */
  readonly emailTranscript: ((ticketId: string) => Promise<TranscriptSent>) | undefined;
  transcript: TranscriptState = {};

  /** The shopper left the FAQ for a live chat (R4). */
  private wantsChat = false;
  /** The panel was opened and its first control has not had focus yet. */
  private focusPending = false;
  /** The shopper confirmed End chat; focus moves on when the chat has ended. */
  private endRequested = false;
  private atBottom = true;
  private zoomed: string | null = null;
  private lastCount = 0;
  private started = false;
  private unsubscribers: Array<() => void> = [];
  private viewportCleanup: (() => void) | null = null;
  private draftTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: CustomerHubChat) {
    this.ownsClient = !host.client;
    this.storage = new ConsentStorage(host.storage, STORAGE_PREFIX);
    const transport: ChatTransport | undefined = host.client ? undefined : (host.transport ?? defaultTransport(host));
    this.client = host.client ?? new ChatClient({ transport: transport!, storage: this.storage, storageKey: host.storageKey });
    if (host.pageContext) this.client.setContext(host.pageContext);
    const orders = transport?.orders?.bind(transport);
    // Issue 18: the FAQ home's "Track my order"; an anonymous visitor is asked to log in.
    this.trackOrders = orders && (async () => {
      if (!this.client.$session.get()?.customer) return this.startLiveChat();
      const r = await orders(this.locale).catch(() => null);
      this.pickFaq({ id: '', question: this.t.trackOrder, answer: r?.text ?? this.t.errorGeneric, ...(r && r.orders.length > 1 ? { choices: r.orders.map((o) => ({ id: o.id, question: o.label, answer: o.text })) } : {}) });
    });
    this.emailTranscript = transport?.emailTranscript?.bind(transport);
    const c = this.client;
    this.uploads = new ShopperUploads(host, c);
    this.stores = new StoreController(host, [c.$view, c.$messages, c.$config, c.$connection, c.$typing, c.$ticket, c.$hasOlder, c.$error, c.$online]);
    host.addController(this);
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
      c.on('error', (e) => host.dispatchEvent(new CustomerHubErrorEvent({ code: e.code, message: errorText(this.t, e) }))),
      c.$unread.listen((n) => {
        host.setUnread(n);
        host.dispatchEvent(new CustomerHubUnreadChangeEvent(n));
      }),
      c.$connection.listen((s) => host.dispatchEvent(new CustomerHubConnectionChangeEvent(s))),
      listenForImages(host.renderRoot, this),
      c.$ticket.listen((t) => writeActive(this.storage, host.storageKey, t !== null && t.status !== 'closed')),
      // The launcher's gate hint (R2) follows the config the chat now knows, live ones included.
      c.$config.listen((config) => config && writeGate(this.storage, host.storageKey, isGated(config))),
      c.$view.listen((v) => {
        const hidden = v === 'hidden';
        if (host.hidden !== hidden) {
          host.hidden = hidden;
          // A host drawer hides or shows its Chat tab on this (R2).
          host.dispatchEvent(new CustomerHubAvailabilityChangeEvent(!hidden));
        }
        if (hidden) host.open = false;
        // It can open now: also when it hid itself at first and the shop let this visitor in later (R2).
        else if (v !== 'loading' && v !== 'error') host.markReady();
        // Focus follows the end: the shopper's own End chat, or the team's close while the
        // shopper was in the composer (it goes away; focus must not fall out of the dialog).
        if (v === 'ended' && (this.endRequested || (host.renderRoot as ShadowRoot).activeElement)) {
          this.endRequested = false;
          this.focusAfterUpdate('.ended .new');
        }
      }),
    ];
    if (!this.started) {
      this.started = true;
      this.ready = c.$view.get() === 'loading' ? c.start() : Promise.resolve();
      // The config is in: the chat can open, unless it hides itself from this visitor (R2) or failed to load.
      void this.ready.then(() => {
        if (!['hidden', 'error'].includes(c.$view.get())) host.markReady();
        // No chat for this customer (logged out, another one): the next page need not load it (finding 4).
        if (!c.$ticket.get() && !c.$error.get()) writeActive(this.storage, host.storageKey, false);
      });
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
    this.previewBox?.remove();
    this.uploads.remove();
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

  hostUpdated(): void {
    this.focusIfPending();
    this.previewBox = replyPreview(this.host, this.client, this.storage, this.previewBox);
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
    // R2 "all": anyone browses the FAQ; starting a chat needs a logged-in customer.
    const anonymous = !c.$session.get()?.customer;
    return html`${this.renderHeader()}
      ${view === 'login' || (view === 'faq' && this.wantsChat && anonymous) ? loginView(this.t, this.loginHref(), view === 'faq' ? this.backToFaq : null) : nothing}
      ${view === 'faq' && !this.wantsChat ? faqView(this, c.$config.get()?.faqs ?? [], anonymous) : nothing}
      ${(view === 'faq' && this.wantsChat && !anonymous) || view === 'welcome' || view === 'thread' || view === 'ended' ? threadView(this, view) : nothing}
      ${this.zoomed ? zoomView(this, this.zoomed) : nothing}`;
  }

  /** The element's translation in use. */
  get t(): Translation {
    return this.host.t ?? en;
  }

  /** The texts of the panel's own chunk (issue 17 B). */
  get x(): PanelTexts { return panelTexts(this.t); }

  /** The shopper's language tag, with their region, for times and days (issue 17). */
  get locale(): string {
    return timeLocale(this.host.lang);
  }

  private renderHeader(): TemplateResult {
    const ticket = this.client.$ticket.get();
    const canEnd = !!ticket && ticket.status !== 'closed' && this.client.$view.get() === 'thread';
    const config = this.client.$config.get();
    return headerView(this, config, replyLine(this.t, this.locale, config), canEnd, this.host.mode === 'launcher' ? () => this.host.hide() : null);
  }

  loginHref(): string {
    return loginHref(this.host.loginUrl);
  }

  // ---- handlers ----

  onFaqSearch = (e: Event): void => {
    this.faqQuery = (e.target as HTMLInputElement).value;
    this.host.requestUpdate();
  };

  pickFaq(faq: FaqPick | null): void {
    this.faqOpen = faq;
    this.faqAnswered = false;
    this.host.requestUpdate();
    // The button pressed is gone: focus goes to the answer, or back to the search (keyboard, screen readers).
    this.focusAfterUpdate(faq ? '[part=thread]' : '.search');
  }

  setAnswered(): void {
    this.faqAnswered = true;
    this.host.requestUpdate();
  }

  startLiveChat = (): void => {
    this.wantsChat = true;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.focusComposer());
  };

  /** `show({ message })`: the live chat's composer holds the text (kept as the draft), focused, nothing sent. */
  prefill(text: string): void {
    this.draft = text;
    clearTimeout(this.draftTimer);
    this.client.setDraft(text);
    this.wantsChat = true;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const field = this.host.renderRoot.querySelector('textarea');
      if (!field) return;
      // Also when the field's binding already held this text (the shopper has typed since).
      field.value = text;
      field.focus({ preventScroll: true });
      field.setSelectionRange(text.length, text.length);
    });
  }

  backToFaq = (): void => {
    this.wantsChat = false;
    this.faqOpen = null;
    this.host.requestUpdate();
  };

  /** Opens or cancels the End chat confirmation; focus goes to its safe choice, then back to End chat. */
  setConfirm(on: boolean): void {
    this.confirmingEnd = on;
    this.host.requestUpdate();
    this.focusAfterUpdate(on ? '.confirm .secondary' : '[part="end-chat-button"]');
  }

  onConfirmKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      // Cancel the confirmation, not the panel.
      e.preventDefault();
      this.setConfirm(false);
    }
  };

  confirmEnd = (): void => {
    this.confirmingEnd = false;
    this.client.endChat();
    this.host.requestUpdate();
    // The End chat button goes away with the chat: focus waits for "Start a new chat".
    this.endRequested = true;
  };

  rerender(focus?: string): void {
    this.host.requestUpdate();
    if (focus) this.focusAfterUpdate(focus);
  }

  private focusAfterUpdate(selector: string): void {
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  newChat = (): void => {
    this.client.startNewChat();
    // Images staged in the ended chat are of that chat (a message that waited for them stays in the new composer's field, as its draft).
    this.uploads.remove();
    this.wantsChat = true;
    this.faqOpen = null;
    void this.host.updateComplete.then(() => this.focusComposer());
  };

  onSubmit = (e: Event): void => {
    e.preventDefault();
    this.submit(this.host.renderRoot.querySelector('textarea')!.value);
  };

  /**
   * Sends the text taken at Enter. While an image is on its way up the message waits, its
   * field read-only, and goes by itself once they are up, even with the panel closed; an
   * image refused meanwhile holds it, the reason on its chip (chips refused before Enter
   * do not: the message goes without them, issue 17 B1).
   */
  private submit(text: string, refusedAtEnter = Infinity): void {
    const u = this.uploads;
    const field = this.host.renderRoot.querySelector('textarea');
    const refused = u.images.filter((i) => i.error).length;
    if (field) field.readOnly = u.busy;
    if (u.busy) return void (u.queued = () => this.submit(text, refused));
    if (refused > refusedAtEnter || !this.client.send(text, u.attachments)) return;
    u.remove();
    if (field) field.value = '';
    this.draft = '';
    clearTimeout(this.draftTimer);
    this.client.setDraft('');
    this.client.setTyping(false);
    this.atBottom = true;
  }

  onComposerKey = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.onSubmit(e);
    }
  };

  onInput = (e: Event): void => {
    const value = (e.target as HTMLTextAreaElement).value;
    this.draft = value;
    this.client.setTyping(value.length > 0);
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => this.client.setDraft(value), 250);
  };

  onScroll = (e: Event): void => {
    const el = e.target as HTMLElement;
    this.atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    if (this.atBottom && this.unseenBelow) {
      this.unseenBelow = false;
      this.host.requestUpdate();
    }
  };

  scrollToEnd = (): void => {
    const thread = this.host.renderRoot.querySelector<HTMLElement>('.thread');
    if (thread) thread.scrollTop = thread.scrollHeight;
    this.atBottom = true;
    this.unseenBelow = false;
    this.host.requestUpdate();
  };

  showOlder = (): void => {
    const total = this.client.$messages.get().length;
    if (total > this.window) this.window = Math.min(total, this.window + WINDOW_STEP);
    else this.client.loadOlder();
    this.host.requestUpdate();
  };

  setZoom(src: string | null): void {
    this.zoomed = src;
    this.host.requestUpdate();
    if (src) void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLDialogElement>('.zoom')?.showModal());
  }

  onZoomKey = (e: KeyboardEvent): void => {
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
}
