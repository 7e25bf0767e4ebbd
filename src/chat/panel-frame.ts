/**
 * The panel's frame, the widget's second step (issue 19): loaded when the chat opens or
 * on the first hover or focus of the launcher, and small, so its skeleton shows while
 * Lit and the chat itself (panel-host.ts) still load, and until the chat's config is in. It
 * draws the dialog (or the inline region) with a way out while the chat loads and "Try
 * again" when its code or its config failed to,
 * moves the focus in and out, fires the open and close events, handles Escape and Tab
 * (kept inside the dialog), and starts the chat over for another shopper or after a logout.
 * It draws the launcher open or with news (launcher-face.ts) and keeps the element's
 * reactive controllers (the panel's), which the first load does not carry.
 */
import type { ReactiveController } from 'lit';
import { enFrame } from '../i18n/en-frame.js';
import { ConsentStorage } from './consent-storage.js';
import type { CustomerHubChat } from './customer-hub-chat.js';
import { customerHubChatSheet } from './customer-hub-chat-styles.js';
import { CustomerHubCloseEvent, CustomerHubErrorEvent, CustomerHubOpenEvent } from './events.js';
import { drawLauncher, launcherFaceSheet } from './launcher-face.js';
import type { ChatPanel } from './panel.js';
import { panelFrameSheet } from './panel-frame-styles.js';
import { panelSheet } from './panel-styles.js';
import type { Changed } from './plain-element.js';
import { STORAGE_PREFIX, hasActiveHint } from './storage-hints.js';
import { labelLoading, loadFailed, loadingHeader, loadingSkeleton } from './views/loading.js';

type Chat = typeof import('./panel-host.js');

/**
 * The element's stylesheets once its frame is in, the panel's views' among them: their CSS
 * shares the frame's words, and compressed in one file with it weighs less (issue 19).
 */
const frameSheets = (): CSSStyleSheet[] => [customerHubChatSheet(), launcherFaceSheet(), panelFrameSheet(), panelSheet()];

let chat: Promise<Chat> | null = null;
/** Lit and the chat, once per page (again after a failed load: the network may be back). */
const loadChat = (): Promise<Chat> =>
  (chat ??= import('./panel-host.js').catch((e: unknown) => {
    chat = null;
    throw e;
  }));

/** Changing one of these is another shopper or another backend: the chat starts over. */
const IDENTITY = ['identity', 'sessionUrl', 'host', 'shop', 'transport', 'client'];

export class PanelFrame {
  private readonly controllers = new Set<ReactiveController>();
  private frame: HTMLElement | null = null;
  /** The frame Lit paints into (the skeleton is cleared from it first). */
  private painted: HTMLElement | null = null;
  /** What had focus when the panel opened, for `launcher="none"`. */
  private opener: HTMLElement | null = null;
  private panel: Promise<ChatPanel> | null = null;
  private chat: Chat | null = null;
  /** The chat's code failed to load (the network, a deploy that removed the chunk): the frame says so. */
  private failed = false;

  constructor(private readonly el: CustomerHubChat) {
    el.renderRoot.adoptedStyleSheets = frameSheets();
    // The element's controller methods are the frame's: none exists before it (the panel's
    // come after), so the first load carries neither.
    el.addController = (c) => {
      this.controllers.add(c);
      if (el.isConnected) c.hostConnected?.();
    };
    el.removeController = (c) => this.controllers.delete(c);
  }

  hostConnected(): void {
    // Back on the page after a real removal: start afresh.
    if (this.el.panelInstance?.dead) this.dropPanel();
    for (const c of this.controllers) c.hostConnected?.();
  }

  hostDisconnected(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
  }

  /** The launcher is hovered or focused: the chat's code comes before the click. */
  prefetch(): void {
    void loadChat().catch(() => undefined);
  }

  willUpdate(changed: Changed): void {
    const el = this.el;
    if (el.panelInstance && IDENTITY.some((k) => changed.has(k) && changed.get(k) !== undefined)) this.restartPanel();
    if (changed.has('storage')) el.panelInstance?.storage.setMode(el.storage);
    if (changed.has('open') && el.open) el.loadPanel();
    for (const c of this.controllers) c.hostUpdate?.();
  }

  /** Draws the launcher (the element's `button`, if shown) and, while the chat is open (always inline), the frame; the loaded panel paints inside. */
  update(button: HTMLButtonElement | null): void {
    const el = this.el;
    const t = el.t ?? enFrame;
    // The element's unread count, a reactive state of its own (protected there: not part of its API).
    if (button) drawLauncher(button, el.open, (el as unknown as { unreadCount: number }).unreadCount, t);
    const inline = el.mode === 'inline';
    if (!inline && !el.open) return this.dropFrame();
    const panel = el.panelInstance;
    const view = panel?.client.$view.get() ?? 'loading';
    // The frame's skeleton stays until the config is in, and its load error says a config's failure too: the panel has neither.
    const waiting = view === 'loading' || view === 'error';
    // Lit's parts are in a painted frame: a chat that starts over (another config) gets a fresh one.
    if (waiting && this.painted === this.frame) this.dropFrame();
    let f = this.frame;
    if (!f) {
      f = this.frame = document.createElement('section');
      f.className = f.part.value = 'panel';
      f.tabIndex = -1;
      f.onkeydown = (e) => this.onKeydown(e);
      f.append(loadingHeader(inline ? null : () => el.hide()), this.skeleton());
      el.renderRoot.append(f);
    }
    f.setAttribute('role', inline ? 'region' : 'dialog');
    f.ariaModal = inline ? null : 'true';
    f.ariaLabel = t.panelTitle;
    if (!waiting) {
      if (this.painted !== f) f.replaceChildren();
      this.painted = f;
      this.chat!.paint(el, panel!, f);
    } else {
      const failed = this.failed || view === 'error';
      if (failed !== !!f.querySelector('[role="alert"]')) f.lastElementChild!.replaceWith(failed ? loadFailed(() => this.retry()) : this.skeleton());
      labelLoading(f, t);
    }
  }

  /** Shaped like what comes: the thread when an earlier page left a chat going, else the FAQ home. */
  private skeleton(): HTMLElement {
    return loadingSkeleton(hasActiveHint(this.el.hintArea, this.el.storageKey));
  }

  /** "Try again": the chat's code, or its config, is fetched again, under the skeleton. */
  private retry(): void {
    this.el.loadPanel();
    void this.el.panelInstance?.client.start();
    this.el.requestUpdate();
    // The button is replaced: the focus stays in the dialog.
    void this.el.updateComplete.then(() => this.frame?.focus());
  }

  updated(changed: Changed): void {
    for (const c of this.controllers) c.hostUpdated?.();
    const el = this.el;
    // The first update opens too when `open` was set before it (show() in the same task as the
    // element's upgrade: a store's link clicked while the script loaded, finding 6; ?chc=open).
    if (!changed.has('open') || (changed.get('open') === undefined && !el.open)) return;
    el.dispatchEvent(el.open ? new CustomerHubOpenEvent() : new CustomerHubCloseEvent());
    // A dialog takes focus when it opens (the panel itself while it loads; the panel then
    // moves it to its first control) and gives it back to the launcher when it closes.
    // Without a launcher of ours, back to whatever had focus when it opened (the page's own button).
    if (el.mode === 'launcher') {
      if (el.open) this.opener = document.activeElement as HTMLElement | null;
      const back = el.launcher === 'none' ? this.opener : el.renderRoot.querySelector<HTMLElement>('.launcher');
      (el.open ? this.frame : back)?.focus();
    }
    el.panelInstance?.openChanged(el.open);
  }

  onKeydown(event: KeyboardEvent): void {
    const el = this.el;
    if (el.mode !== 'launcher' || event.defaultPrevented || !el.open) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      el.hide();
    } else if (event.key === 'Tab') this.trapTab(event);
  }

  /** Tab stays inside the dialog (aria-modal), the skeleton's as the loaded panel's: past either end it wraps. */
  private trapTab(e: KeyboardEvent): void {
    const panel = this.frame;
    const active = this.el.renderRoot.activeElement;
    if (!panel || !active || !panel.contains(active)) return;
    const all = [...panel.querySelectorAll<HTMLElement>('button, a[href], input, textarea, [tabindex="0"]')].filter((x) => !x.matches(':disabled'));
    const first = all[0];
    const last = all.at(-1);
    const wrapTo = e.shiftKey ? (active === first || active === panel ? last : null) : active === last ? first : null;
    if (wrapTo) {
      e.preventDefault();
      wrapTo.focus();
    }
  }

  /** The chat, loaded once (again after a restart or a failed load). */
  loadPanel(): Promise<ChatPanel> {
    if (!this.panel) this.failed = false;
    return (this.panel ??= loadChat().then(
      (chat) => {
        this.chat = chat;
        // The element paints the panel from now on.
        const panel = (this.el.panelInstance = chat.mountPanel(this.el));
        this.el.requestUpdate();
        return panel;
      },
      (e: unknown) => {
        this.panel = null;
        this.failed = true;
        const el = this.el;
        el.requestUpdate();
        el.dispatchEvent(new CustomerHubErrorEvent({ code: 'network', message: (el.t ?? enFrame).loadError }));
        throw e;
      },
    ));
  }

  /** The loaded panel once its client has its config and session. */
  async whenReady(): Promise<ChatPanel> {
    const panel = await this.loadPanel();
    await panel.ready;
    return panel;
  }

  async logout(): Promise<void> {
    const panel = this.el.panelInstance;
    if (panel) {
      panel.client.logout();
      panel.storage.clear();
      this.restartPanel();
    }
    // Also what an earlier page stored, with or without a chat loaded on this one.
    new ConsentStorage(this.el.storage, STORAGE_PREFIX).clear();
  }

  private restartPanel(): void {
    this.el.panelInstance?.retire();
    this.dropPanel();
    if (this.el.open || this.el.mode === 'inline') this.el.loadPanel();
  }

  /** Forgets the panel; its frame goes too, so the next one starts from the skeleton. */
  private dropPanel(): void {
    this.el.panelInstance = this.panel = null;
    this.dropFrame();
    this.el.requestUpdate();
  }

  private dropFrame(): void {
    this.frame?.remove();
    this.frame = null;
  }
}
