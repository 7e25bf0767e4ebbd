import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatClient, ChatMessage } from '../client/chat-client.js';
import { safeHttpUrl, richText } from '../chat/text.js';
import { inboxEn, type InboxTranslation } from '../i18n/inbox.js';
import type { Attachment, Ticket } from '../protocol/index.js';
import { MAX_BODY_CHARS, effectiveStatus } from '../protocol/index.js';
import { customerName, date, dateTime, snoozePresets, systemText, time, initial } from './format.js';
import { focusFirst, trapTab } from './focus.js';
import { icons } from './icons.js';
import type { InboxClient, ProfileState } from './inbox-client.js';
import { tokens } from './styles.js';

/** What the uploader accepts (the server checks the bytes again). */
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const EMOJI: Array<[string, string]> = [
  ['😀', 'grinning'], ['😊', 'smile'], ['🙂', 'slight smile'], ['😉', 'wink'], ['😍', 'heart eyes'], ['🤗', 'hug'],
  ['🤔', 'thinking'], ['😅', 'sweat smile'], ['😂', 'joy'], ['😢', 'sad'], ['😮', 'surprised'], ['🙏', 'thank you'],
  ['👍', 'thumbs up'], ['👌', 'ok'], ['👏', 'clap'], ['🙌', 'hooray'], ['💪', 'strong'], ['👋', 'wave'],
  ['❤️', 'heart'], ['💙', 'blue heart'], ['✨', 'sparkles'], ['🎉', 'party'], ['🎁', 'gift'], ['🔥', 'fire'],
  ['✅', 'check'], ['❌', 'cross'], ['⚠️', 'warning'], ['📦', 'package'], ['🚚', 'delivery'], ['🛒', 'cart'],
  ['💳', 'card'], ['📧', 'e-mail'], ['📞', 'phone'], ['⏰', 'alarm'], ['📅', 'calendar'], ['🔄', 'exchange'],
];

interface PendingImage {
  key: string;
  name: string;
  preview: string;
  progress: number;
  attachment?: Attachment;
  error?: string;
}

type Menu = 'none' | 'emoji' | 'macros' | 'snooze' | 'close';
type Popup = Exclude<Menu, 'none'>;

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
  static override styles = [
    tokens,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(0, 1fr) var(--_profile-width, 300px);
        height: 100%;
        min-height: 0;
        background: var(--_bg);
      }
      .conversation {
        display: grid;
        grid-template-rows: auto minmax(0, 1fr) auto;
        min-height: 0;
        position: relative;
        border-right: 1px solid var(--_line);
      }
      .head {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 10px 16px;
        border-bottom: 1px solid var(--_line);
        flex-wrap: wrap;
      }
      .head h2 {
        font-size: 16px;
        margin: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .head .meta {
        flex: 1 1 160px;
        min-width: 0;
      }
      .head .sub {
        font-size: 12px;
        color: var(--_muted);
      }
      .actions {
        display: flex;
        gap: 6px;
        position: relative;
      }
      .popover {
        z-index: 5;
        padding: 8px;
      }
      .actions .popover {
        right: 0;
        top: 40px;
        width: 260px;
        display: grid;
        gap: 6px;
      }
      .popover .option {
        display: block;
        width: 100%;
        min-width: 0;
        overflow: hidden;
        text-align: left;
        border: 0;
        background: transparent;
        padding: 8px;
        border-radius: 6px;
      }
      .popover [aria-disabled='true'] {
        opacity: 0.6;
        cursor: not-allowed;
      }
      .popover .option:hover,
      .popover .option[aria-selected='true'] {
        background: var(--_surface);
      }
      .confirm {
        grid-column: 1 / -1;
        display: flex;
        gap: 8px;
        align-items: center;
        flex-wrap: wrap;
        background: var(--_late-bg);
        color: var(--_late-fg);
        border-radius: 8px;
        padding: 8px 10px;
        width: 100%;
      }
      .confirm p {
        margin: 0;
        flex: 1 1 240px;
      }
      .thread {
        overflow-y: auto;
        padding: 16px;
        display: flex;
        flex-direction: column;
        gap: 4px;
      }
      .msg {
        max-width: min(72%, 560px);
        display: grid;
        gap: 2px;
      }
      .msg.shopper {
        align-self: flex-start;
      }
      .msg.team {
        align-self: flex-end;
        justify-items: end;
      }
      .msg.system {
        align-self: center;
        text-align: center;
        color: var(--_muted);
        font-size: 12px;
        max-width: 90%;
      }
      .bubble {
        padding: 8px 12px;
        border-radius: 14px;
        background: var(--_surface);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .team .bubble {
        background: var(--_accent);
        color: var(--_on-accent);
      }
      /* The browser's link blue is unreadable on the dark theme's bubbles. */
      .bubble a {
        color: var(--_accent);
      }
      .team .bubble a {
        color: inherit;
      }
      .ai .bubble {
        background: var(--_selected);
        color: var(--_fg);
      }
      .system .bubble {
        background: transparent;
        padding: 2px 8px;
      }
      .author {
        font-size: 12px;
        color: var(--_muted);
        margin-top: 8px;
      }
      .state {
        font-size: 12px;
        color: var(--_muted);
      }
      .state.failed {
        color: var(--_danger);
      }
      .link-btn {
        border: 0;
        background: none;
        color: var(--_accent);
        text-decoration: underline;
        padding: 0;
      }
      .images {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
      }
      .images img {
        max-width: 220px;
        max-height: 220px;
        /* The width and height attributes reserve the space; auto keeps the proportions under the max sizes. */
        width: auto;
        height: auto;
        border-radius: 10px;
        display: block;
      }
      .padded {
        padding: 16px;
      }
      .typing,
      .notice {
        font-size: 12px;
        color: var(--_muted);
        padding: 4px 0;
      }
      .older {
        align-self: center;
      }
      .composer {
        border-top: 1px solid var(--_line);
        padding: 10px 16px 14px;
        display: grid;
        gap: 8px;
        position: relative;
      }
      .composer textarea {
        width: 100%;
        resize: none;
        min-height: 64px;
        max-height: 160px;
        font-size: 15px;
      }
      .tools {
        display: flex;
        gap: 4px;
        align-items: center;
      }
      .tools .spacer {
        flex: 1;
      }
      .composer .popover {
        bottom: calc(100% - 6px);
        left: 16px;
        max-height: 260px;
        overflow: auto;
        width: min(360px, calc(100% - 32px));
      }
      .emoji-grid {
        display: grid;
        grid-template-columns: repeat(6, 1fr);
        gap: 2px;
      }
      .emoji-grid button {
        font-size: 20px;
        border: 0;
        background: none;
        border-radius: 6px;
        padding: 4px;
      }
      .emoji-grid button:hover {
        background: var(--_surface);
      }
      .macro-name {
        font-weight: 600;
        display: block;
      }
      .macro-body {
        font-size: 12px;
        color: var(--_muted);
        display: block;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .pending {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
      }
      .pending figure {
        margin: 0;
        position: relative;
        width: 72px;
      }
      .pending img {
        width: 72px;
        height: 72px;
        object-fit: cover;
        border-radius: 8px;
        display: block;
      }
      .pending progress {
        width: 100%;
        height: 4px;
      }
      .pending .remove {
        position: absolute;
        top: -8px;
        right: -8px;
        background: var(--_raised);
        border: 1px solid var(--_line);
        border-radius: 50%;
        width: 24px;
        height: 24px;
      }
      .pending figcaption {
        font-size: 11px;
        color: var(--_danger);
      }
      .drop {
        position: absolute;
        inset: 0;
        display: grid;
        place-items: center;
        background: color-mix(in srgb, var(--_accent) 14%, transparent);
        border: 2px dashed var(--_accent);
        font-weight: 600;
        pointer-events: none;
        z-index: 4;
      }
      .closed-note {
        padding: 14px 16px;
        border-top: 1px solid var(--_line);
        color: var(--_muted);
      }
      .error {
        color: var(--_danger);
        font-size: 12px;
      }
      aside {
        overflow-y: auto;
        padding: 16px;
        background: var(--_bg);
      }
      aside h3 {
        font-size: 15px;
        margin: 0 0 8px;
      }
      aside h4 {
        font-size: 13px;
        margin: 16px 0 6px;
      }
      aside dl {
        display: grid;
        /* Labels may wrap: the values (an e-mail, a date) keep the width (walker #8). */
        grid-template-columns: fit-content(96px) minmax(0, 1fr);
        gap: 4px 12px;
        margin: 0;
      }
      aside dt {
        color: var(--_muted);
      }
      aside dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      aside ol {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: 8px;
      }
      aside li {
        border-left: 2px solid var(--_line);
        padding-left: 8px;
      }
      aside time {
        display: block;
        font-size: 12px;
        color: var(--_muted);
      }
      .avatar {
        display: inline-grid;
        place-items: center;
        width: 40px;
        height: 40px;
        border-radius: 50%;
        background: var(--_selected);
        font-weight: 700;
        margin-bottom: 8px;
      }
      .profile-toggle {
        display: none;
      }
      @media (max-width: 1099px) {
        :host {
          grid-template-columns: minmax(0, 1fr);
        }
        .profile-toggle {
          display: inline-grid;
        }
        aside {
          display: none;
          position: absolute;
          right: 0;
          top: 0;
          bottom: 0;
          width: min(320px, 90%);
          border-left: 1px solid var(--_line);
          box-shadow: -8px 0 24px rgb(0 0 0 / 0.12);
          z-index: 6;
        }
        :host([profile-open]) aside {
          display: block;
        }
      }
    `,
  ];

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
  @state() private images: PendingImage[] = [];
  @state() private dragging = false;
  @state() private macroIndex = 0;
  @state() private snoozeAt = '';

  @query('textarea') private input?: HTMLTextAreaElement;
  @query('.thread') private threadEl?: HTMLElement;
  @query('input[type=file]') private fileInput?: HTMLInputElement;

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
    for (const img of this.images) URL.revokeObjectURL(img.preview);
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
    if (this.profileOpen) {
      this.profileOpen = false;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.profile-toggle')?.focus());
      return true;
    }
    if (!this.input || this.shadowRoot?.activeElement !== this.input) return false;
    this.threadEl?.focus();
    return true;
  }

  private follow(client: ChatClient | null): void {
    for (const u of this.threadUnsubs) u();
    this.saveDraft();
    this.thread = client;
    this.menu = 'none';
    for (const img of this.images) URL.revokeObjectURL(img.preview);
    this.images = [];
    this.atBottom = true;
    this.ticketId = client ? this.inbox.$selected.get() : null;
    this.draft = this.ticketId ? (this.storage()?.getItem(this.draftKey(this.ticketId)) ?? '') : '';
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
    return html`
      <section class="conversation" aria-label=${t.conversation(name)} @dragenter=${this.onDrag} @dragover=${this.onDrag} @dragleave=${this.onDragLeave} @drop=${this.onDrop}>
        ${this.renderHead(ticket, name)} ${this.renderThread(thread, ticket, name)}
        ${effectiveStatus(ticket) === 'closed' ? html`<p class="closed-note" role="status">${t.closedNotice}</p>` : this.renderComposer(thread)}
        ${this.dragging ? html`<div class="drop">${t.dropHere}</div>` : nothing}
      </section>
      ${this.renderProfile(ticket, name)}
    `;
  }

  private renderHead(ticket: Ticket, name: string) {
    const t = this.t;
    const status = effectiveStatus(ticket);
    const live = status !== 'closed';
    const sub = [
      ticket.channel === 'sms' ? t.sms : t.chat,
      status === 'snoozed' && ticket.snoozeUntil ? t.snoozedUntil(dateTime(ticket.snoozeUntil, this.locale)) : t.status[status],
      ticket.assignee ? t.assignedTo(ticket.assignee.name) : t.unassigned,
    ].join(' · ');
    return html`
      <div class="head">
        <div class="meta">
          <h2>${name}</h2>
          <div class="sub" data-ticket-status=${status}>${sub}</div>
        </div>
        <div class="actions">
          <button class="icon-btn profile-toggle" aria-label=${t.showProfile} aria-expanded=${this.profileOpen ? 'true' : 'false'} @click=${() => (this.profileOpen = !this.profileOpen)}>${icons.user}</button>
          ${live
            ? html`
                ${status === 'snoozed'
                  ? html`<button class="btn" @click=${() => this.inbox.setStatus('open')}>${t.reopen}</button>`
                  : html`<button class="btn" data-trigger="snooze" aria-haspopup="dialog" aria-expanded=${this.menu === 'snooze' ? 'true' : 'false'} @click=${() => this.toggleMenu('snooze')}>${t.snooze}</button>`}
                <button class="btn" data-trigger="close" aria-expanded=${this.menu === 'close' ? 'true' : 'false'} @click=${() => this.toggleMenu('close')}>${t.close}</button>
                ${this.menu === 'snooze' ? this.renderSnooze() : nothing}
              `
            : nothing}
        </div>
        ${this.menu === 'close'
          ? html`<div class="confirm" role="alertdialog" aria-label=${t.close} aria-describedby="close-confirm" @keydown=${this.onMenuKey}>
              <p id="close-confirm">${t.closeConfirm}</p>
              <button class="btn danger" data-confirm-close @click=${this.closeTicket}>${t.close}</button>
              <button class="btn" data-autofocus @click=${() => this.closeMenu()}>${t.cancel}</button>
            </div>`
          : nothing}
      </div>
    `;
  }

  private renderSnooze() {
    const t = this.t;
    const p = snoozePresets(new Date());
    const pick = (d: Date) => () => this.snooze(d);
    // A dialog, not a menu: it holds a date field and a button besides the presets (axe aria-required-children).
    // The apply button is aria-disabled, not disabled: as the last stop it lets Tab move through the date field's parts.
    return html`<div class="popover" role="dialog" aria-label=${t.snoozeFor} @keydown=${this.onMenuKey}>
      <button class="option" @click=${pick(p.hour)}>${t.snoozeHour}</button>
      <button class="option" @click=${pick(p.tomorrow)}>${t.snoozeTomorrow}</button>
      <button class="option" @click=${pick(p.week)}>${t.snoozeWeek}</button>
      <label class="muted" for="snooze-at">${t.snoozeCustom}</label>
      <input id="snooze-at" type="datetime-local" .value=${this.snoozeAt} @input=${(e: Event) => (this.snoozeAt = (e.target as HTMLInputElement).value)} />
      <button class="btn primary" aria-disabled=${this.snoozeAt ? 'false' : 'true'} @click=${() => this.snoozeAt && this.snooze(new Date(this.snoozeAt))}>${t.snoozeApply}</button>
    </div>`;
  }

  private renderThread(thread: ChatClient, ticket: Ticket, name: string) {
    const t = this.t;
    const messages = thread.$messages.get();
    const lastSeen = [...messages].reverse().find((m) => m.state === 'seen');
    const lastOwn = [...messages].reverse().find((m) => m.author.role === 'agent' && m.state);
    const typing = thread.$typing.get();
    const connection = thread.$connection.get();
    let previous: ChatMessage | undefined;
    return html`
      <div class="thread" part="thread" role="log" aria-live="polite" aria-label=${t.conversation(name)} tabindex="0">
        ${thread.$hasOlder.get() ? html`<button class="btn older" @click=${() => thread.loadOlder()}>${t.loadOlder}</button>` : nothing}
        ${thread.$view.get() === 'loading' ? html`<p class="notice">${t.loadingThread}</p>` : nothing}
        ${repeat(
          messages,
          (m) => m.key,
          (m) => {
            const grouped = previous && previous.author.role === m.author.role && previous.author.id === m.author.id;
            previous = m;
            return this.renderMessage(m, ticket, !grouped, m === lastOwn, m === lastSeen);
          },
        )}
        ${typing ? html`<p class="typing">${t.typing(typing.name ?? name)}</p>` : nothing}
        ${connection === 'connecting' ? html`<p class="notice" role="status">${t.reconnecting}</p>` : nothing}
      </div>
    `;
  }

  private renderMessage(m: ChatMessage, ticket: Ticket, first: boolean, lastOwn: boolean, lastSeen: boolean) {
    const t = this.t;
    const role = m.author.role;
    const side = role === 'shopper' ? 'shopper' : role === 'system' ? 'system' : 'team';
    const who =
      role === 'shopper'
        ? m.author.name || customerName(ticket, t)
        : role === 'ai'
          ? t.ai
          : role === 'system'
            ? ''
            : m.author.id === this.inbox.$session.get()?.agent.id
              ? t.you
              : m.author.name || t.inbox;
    const status =
      m.state === 'failed'
        ? html`<span class="state failed">${t.notSent} <button class="link-btn" @click=${() => this.thread?.retry(m.clientId!)}>${t.retry}</button></span>`
        : lastSeen
          ? html`<span class="state" data-seen>${t.seen}</span>`
          : lastOwn && m.state
            ? html`<span class="state">${m.state === 'sending' ? t.sending : m.state === 'seen' ? t.seen : t.sent}</span>`
            : nothing;
    return html`<div class="msg ${side} ${role}" part="message" data-role=${role}>
      ${first && who ? html`<span class="author">${who} · <time datetime=${m.createdAt}>${time(m.createdAt, this.locale)}</time></span>` : nothing}
      ${role === 'system'
        ? html`<div class="bubble" dir="auto">${systemText(m.author, m.body, t)}</div>`
        : m.body
          ? html`<div class="bubble" dir="auto">${richText(m.body)}</div>`
          : nothing}
      ${m.attachments.length
        ? html`<div class="images">
            ${m.attachments.map((a) => {
              const src = safeHttpUrl(a.url);
              return src
                ? html`<a href=${src} target="_blank" rel="noopener noreferrer nofollow"><img src=${src} alt=${a.alt ?? t.image} width=${a.width ?? nothing} height=${a.height ?? nothing} loading="lazy" /></a>`
                : nothing;
            })}
          </div>`
        : nothing}
      ${status}
    </div>`;
  }

  private renderComposer(thread: ChatClient) {
    const t = this.t;
    const uploading = this.images.some((i) => !i.attachment && !i.error);
    const ready = this.images.filter((i) => i.attachment);
    const canSend = !uploading && (this.draft.trim().length > 0 || ready.length > 0) && thread.$view.get() !== 'loading';
    return html`
      <form class="composer" part="composer" @submit=${this.onSubmit}>
        ${this.menu === 'emoji' ? this.renderEmoji() : nothing} ${this.menu === 'macros' ? this.renderMacros() : nothing}
        ${this.images.length
          ? html`<div class="pending">
              ${this.images.map(
                (img) => html`<figure>
                  <img src=${img.preview} alt=${img.name} />
                  ${img.attachment || img.error ? nothing : html`<progress max="1" .value=${img.progress} aria-label=${`${t.uploading} ${img.name}`}></progress>`}
                  ${img.error ? html`<figcaption>${img.error}</figcaption>` : nothing}
                  <button type="button" class="remove" aria-label=${`${t.removeImage} ${img.name}`} @click=${() => this.removeImage(img.key)}>×</button>
                </figure>`,
              )}
            </div>`
          : nothing}
        <label class="sr-only" for="reply">${t.reply}</label>
        <textarea
          id="reply"
          part="input"
          dir="auto"
          maxlength=${MAX_BODY_CHARS}
          placeholder=${t.inputPlaceholder}
          .value=${this.draft}
          aria-autocomplete="list"
          aria-controls=${this.menu === 'macros' ? 'macro-list' : nothing}
          aria-activedescendant=${this.menu === 'macros' && this.macroMatches().length ? `macro-${this.macroIndex}` : nothing}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
          @paste=${this.onPaste}
        ></textarea>
        <div class="tools">
          <button type="button" class="icon-btn" data-trigger="emoji" aria-haspopup="dialog" aria-label=${t.emoji} aria-expanded=${this.menu === 'emoji' ? 'true' : 'false'} @click=${() => this.toggleMenu('emoji')}>${icons.emoji}</button>
          <button type="button" class="icon-btn" aria-label=${t.attach} @click=${() => this.fileInput?.click()}>${icons.image}</button>
          <button type="button" class="icon-btn" data-trigger="macros" aria-haspopup="listbox" aria-label=${t.macros} aria-expanded=${this.menu === 'macros' ? 'true' : 'false'} @click=${() => this.toggleMenu('macros')}>${icons.macro}</button>
          <input type="file" accept=${IMAGE_TYPES.join(',')} multiple hidden @change=${this.onFiles} />
          <span class="spacer"></span>
          <button class="btn primary" part="send-button" type="submit" ?disabled=${!canSend}>${t.send}</button>
        </div>
      </form>
    `;
  }

  private renderEmoji() {
    return html`<div class="popover" role="dialog" aria-label=${this.t.emoji} @keydown=${this.onMenuKey}>
      <div class="emoji-grid">
        ${EMOJI.map(([e, label]) => html`<button type="button" aria-label=${label} @click=${() => this.insert(e)}>${e}</button>`)}
      </div>
    </div>`;
  }

  private macroMatches() {
    const macros = this.inbox.$settings.get()?.macros ?? [];
    const slash = /^\/(\S*)$/.exec(this.draft);
    const filter = (slash?.[1] ?? '').toLowerCase();
    return macros.filter((m) => !filter || m.name.toLowerCase().includes(filter) || m.body.toLowerCase().includes(filter));
  }

  private renderMacros() {
    const t = this.t;
    const all = this.inbox.$settings.get()?.macros ?? [];
    const matches = this.macroMatches();
    // The listbox holds options only (axe aria-required-children); an empty state is a note beside it.
    return html`<div class="popover" id="macro-list" @keydown=${this.onMenuKey}>
      ${!matches.length
        ? html`<p class="muted" role="status">${!all.length ? t.noMacros : t.noMacroMatch}</p>`
        : html`<div role="listbox" aria-label=${t.macros}>
            ${matches.map(
              (m, i) => html`<button type="button" class="option" role="option" id=${`macro-${i}`} aria-selected=${i === this.macroIndex ? 'true' : 'false'} @click=${() => this.useMacro(m.body)}>
                <span class="macro-name">${m.name}</span><span class="macro-body">${m.body}</span>
              </button>`,
            )}
          </div>`}
    </div>`;
  }

  private renderProfile(ticket: Ticket, name: string) {
    const t = this.t;
    const { state: st, profile } = this.inbox.$profile.get() as ProfileState;
    const anonymous = !ticket.customer || ticket.customer.id.startsWith('anon:');
    return html`<aside part="profile" aria-label=${t.profile}>
      <div class="avatar" aria-hidden="true">${initial(name)}</div>
      <h3>${profile?.name || name}</h3>
      ${anonymous
        ? html`<p class="muted">${t.anonymous}</p>`
        : html`<dl>
            ${ticket.customer?.email || profile?.email ? html`<dt>${t.email}</dt><dd>${profile?.email ?? ticket.customer?.email}</dd>` : nothing}
            ${profile?.customerSince ? html`<dt>${t.customerSince}</dt><dd>${date(profile.customerSince, this.locale)}</dd>` : nothing}
            ${profile ? html`<dt>${t.orders}</dt><dd>${profile.orderCount}</dd><dt>${t.totalSpent}</dt><dd>${profile.totalSpent} ${profile.currency ?? ''}</dd>` : nothing}
          </dl>`}
      ${st === 'loading' ? html`<p class="muted">${t.loadingProfile}</p>` : nothing}
      ${st === 'error' ? html`<p class="error">${t.profileError}</p>` : nothing}
      ${st === 'missing' && !anonymous ? html`<p class="muted">${t.noProfile}</p>` : nothing}
      ${profile
        ? html`<h4>${t.history}</h4>
            ${profile.events.length
              ? html`<ol>
                  ${profile.events.map((e) => html`<li><time datetime=${e.at}>${dateTime(e.at, this.locale)}</time>${e.summary}</li>`)}
                </ol>`
              : html`<p class="muted">${t.noEvents}</p>`}`
        : nothing}
    </aside>`;
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
    if (menu !== 'macros' || !/^\/\S*$/.test(this.draft)) void this.updateComplete.then(() => focusFirst(this.popup()));
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
    const typed = menu === 'macros' && /^\/\S*$/.test(this.draft);
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
    if (/^\/\S*$/.test(this.draft)) {
      if (this.menu !== 'macros') this.openMenu('macros');
      this.macroIndex = 0;
    } else if (this.menu === 'macros' && this.draft.startsWith('/') === false && this.draft.length) {
      this.menu = 'none';
    }
  };

  private onKeydown = (e: KeyboardEvent): void => {
    if (this.menu === 'macros' && /^\/\S*$/.test(this.draft)) {
      const matches = this.macroMatches();
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const n = matches.length || 1;
        this.macroIndex = (this.macroIndex + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        const pick = matches[this.macroIndex];
        if (pick) {
          e.preventDefault();
          this.useMacro(pick.body);
          return;
        }
        // "No macro matches": Enter must not send the filter text to the shopper
        // (issue 12 #1); Escape closes the list, then Enter sends a text that starts with `/`.
        if (e.key === 'Enter') {
          e.preventDefault();
          return;
        }
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        this.menu = 'none';
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.submit();
    }
  };

  private onSubmit = (e: Event): void => {
    e.preventDefault();
    this.submit();
  };

  private submit(): void {
    const thread = this.thread;
    if (!thread || this.images.some((i) => !i.attachment && !i.error)) return;
    const attachments = this.images.flatMap((i) => (i.attachment ? [i.attachment] : []));
    if (!this.draft.trim() && !attachments.length) return;
    if (thread.send(this.draft, attachments) === null) return;
    for (const img of this.images) URL.revokeObjectURL(img.preview);
    this.images = [];
    this.draft = '';
    this.menu = 'none';
    this.saveDraft();
    thread.setTyping(false);
    this.atBottom = true;
  }

  private useMacro(body: string): void {
    this.draft = /^\/\S*$/.test(this.draft) ? body : this.draft ? `${this.draft}${this.draft.endsWith(' ') ? '' : ' '}${body}` : body;
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

  // ---- images ----

  private onFiles = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    this.addFiles([...(input.files ?? [])]);
    input.value = '';
  };

  private onPaste = (e: ClipboardEvent): void => {
    const files = [...(e.clipboardData?.files ?? [])];
    if (!files.length) return;
    e.preventDefault();
    this.addFiles(files);
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
    this.addFiles([...e.dataTransfer.files]);
  };

  private addFiles(files: File[]): void {
    for (const file of files) {
      const img: PendingImage = { key: crypto.getRandomValues(new Uint32Array(2)).join('-'), name: file.name || this.t.image, preview: URL.createObjectURL(file), progress: 0 };
      if (!IMAGE_TYPES.includes(file.type) || file.size > MAX_IMAGE_BYTES) img.error = this.t.imageOnly;
      this.images = [...this.images, img];
      if (img.error) continue;
      this.inbox
        .upload(file, (p) => this.patchImage(img.key, { progress: p }))
        .then((attachment) => this.patchImage(img.key, { attachment, progress: 1 }))
        .catch((err: Error) => this.patchImage(img.key, { error: `${this.t.uploadFailed}: ${err.message}` }));
    }
  }

  private patchImage(key: string, patch: Partial<PendingImage>): void {
    this.images = this.images.map((i) => (i.key === key ? { ...i, ...patch } : i));
  }

  private removeImage(key: string): void {
    const img = this.images.find((i) => i.key === key);
    if (img) URL.revokeObjectURL(img.preview);
    this.images = this.images.filter((i) => i.key !== key);
  }

  // ---- drafts: kept per ticket, across ticket switches and reloads ----

  private storage(): Storage | null {
    try {
      return globalThis.localStorage ?? null;
    } catch {
      return null;
    }
  }

  private draftKey(ticketId: string): string {
    return `customer-hub-inbox:draft:${ticketId}`;
  }

  private saveDraft(): void {
    if (!this.ticketId) return;
    const key = this.draftKey(this.ticketId);
    if (this.draft) this.storage()?.setItem(key, this.draft);
    else this.storage()?.removeItem(key);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'customer-hub-inbox-ticket': CustomerHubInboxTicket;
  }
}
