/**
 * The thread's messages (R5, R7): grouped by author, a separator for each day, the
 * author and the time once a group, images, and the delivery state of the shopper's
 * last message (or a way to retry a failed one).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ChatClient, ChatMessage } from '../../client/chat-client.js';
import { deliveryWord, newest, sameAuthor } from '../../client/message-marks.js';
import type { Translation } from '../../i18n/index.js';
import type { Attachment } from '../../protocol/index.js';
import { richText, safeHttpUrl } from '../text.js';
import { formatTime } from '../../i18n/time.js';
import { daysBetween } from '../when.js';

/** What the messages read and call. */
export interface MessageHost {
  readonly t: Translation;
  /** The shopper's language, for times and days. */
  readonly locale: string;
  readonly client: Pick<ChatClient, 'retry' | 'send'>;
  setZoom(src: string | null): void;
}

/** `lead`: what opens the day of the first message (the welcome), under its day separator (issue 17). */
export function messagesView(p: MessageHost, list: ChatMessage[], lead: unknown = nothing): unknown[] {
  const t = p.t;
  const out: unknown[] = list.length ? [] : [lead];
  const lastOwn = newest(list, (m) => m.author.role === 'shopper');
  let prevDay = '';
  list.forEach((m, i) => {
    const prev = list[i - 1];
    const next = list[i + 1];
    const day = new Date(m.createdAt).toDateString();
    if (day !== prevDay) {
      out.push(html`<p class="day" role="separator">${formatDay(t, p.locale, m.createdAt)}</p>`, i ? nothing : lead);
      prevDay = day;
    }
    const kind = m.author.role === 'shopper' ? 'shopper' : m.author.role === 'system' ? 'system' : 'team';
    const startsGroup = !sameAuthor(prev, m) || new Date(prev!.createdAt).toDateString() !== day;
    const endsGroup = !sameAuthor(m, next);
    const who = m.author.role === 'ai' ? t.ai : m.author.role === 'agent' ? m.author.name || t.team : m.author.role === 'shopper' ? t.you : '';
    if (kind === 'system') {
      // The away state is said once, in the header (with when the team is back); the
      // automatic away reply (R9) is the merchant's own message. A handoff to the team (R11) is announced in the shopper's language.
      const body = m.author.name === 'handoff' ? t.handoff : m.author.name === 'handoff-external' ? t.handoffEmail : m.body;
      out.push(html`<p class="system" part="message"><span dir="auto">${body}</span></p>`);
      return;
    }
    // The delivery state stands on the time's line (issue 17); a failure has its own, as an alert.
    const state = m === lastOwn && m.state && m.state !== 'failed' ? deliveryWord(m.state, t) : '';
    out.push(html`<div class="msg ${kind}" data-key=${m.key}>
      ${startsGroup && kind === 'team' ? html`<p class="author">${m.author.role === 'ai' ? aiMark(t) : html`<span class="avatar" aria-hidden="true">${initial(who)}</span>`}${who}</p>` : nothing}
      <div class="bubble ${kind} ${m.state === 'failed' ? 'failed' : ''}" part="message">${kind === 'team' && !startsGroup ? html`<span class="visually-hidden">${who}: </span>` : nothing}<span class="text" dir="auto">${richText(m.body)}</span>${m.attachments.map((a) => imageView(p, a))}</div>
      ${m.choices && !next ? html`<div class="row">${m.choices.map((c) => html`<button class="secondary" @click=${() => p.client.send(c.reply)}>${c.label}</button>`)}</div>` : nothing}
      ${endsGroup ? html`<p class="meta">${formatTime(p.locale, m.createdAt)}${state ? html` · <span class="status">${state}</span>` : nothing}</p>` : nothing}
      ${m.state === 'failed'
        ? html`<p class="status failed" role="alert">${t.failed} <button class="link-button" @click=${() => m.clientId && p.client.retry(m.clientId)}>${t.retry}</button></p>`
        : nothing}
    </div>`);
  });
  return out;
}

/** An http(s) image only (a `file` or odd answer is never drawn as one, as in the inbox); a click shows it at full size. */
function imageView(p: MessageHost, a: Attachment): TemplateResult | typeof nothing {
  const t = p.t;
  const src = safeHttpUrl(a.url);
  if (!src || a.type !== 'image') return nothing;
  return html`<button class="image" aria-label=${`${t.viewImage}: ${a.alt || t.imageAlt}`} @click=${() => p.setZoom(src)}>
    <img src=${src} alt=${a.alt || t.imageAlt} width=${a.width ?? nothing} height=${a.height ?? nothing} loading="lazy" />
  </button>`;
}

export const initial = (name: string): string => (name.trim()[0] ?? '?').toUpperCase();

/** The AI agent's own mark (issue 17): a spark, never an initial an agent called Alex would share. */
const aiMark = (t: Translation): TemplateResult =>
  html`<svg class="avatar ai" role="img" aria-label=${t.ai} viewBox="0 0 24 24"><path d="M12 2l3 7 7 3-7 3-3 7-3-7-7-3 7-3z" /></svg>`;

/** "Today", "Yesterday" (the shopper's calendar days, as `backWhen`'s), else the weekday and date. */
function formatDay(t: Translation, locale: string, iso: string): string {
  const d = new Date(iso);
  const days = daysBetween(new Date(), d);
  return days === 0 ? t.today : days === -1 ? t.yesterday : new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long' }).format(d);
}
