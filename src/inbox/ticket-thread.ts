/**
 * A ticket's conversation as the agent sees it (R16, R17): messages grouped by author,
 * the delivery state under the agent's last message (under each reply on SMS tickets:
 * Twilio's, issue 16), "Seen", typing and reconnecting.
 */
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatMessage } from '../client/chat-client.js';
import type { AgentThread } from './agent-thread.js';
import { deliveryWord, newest, sameAuthor } from '../client/message-marks.js';
import { richText, safeHttpUrl } from '../chat/text.js';
import type { InboxTranslation } from '../i18n/inbox.js';
import type { Ticket } from '../protocol/index.js';
import type { DeliveryStates } from './delivery-states.js';
import { customerName, systemText, time } from './format.js';
import { eventLine, interleave, isEvent } from './event-lines.js';
import type { ThreadNote } from './agent-notes.js';
import { noteLine, placeNotes } from './thread-notes.js';

/** What the thread needs besides the thread itself. */
export interface ThreadView {
  ticket: Ticket;
  /** The shopper's name, as the header says it. */
  name: string;
  t: InboxTranslation;
  locale: string;
  /** The signed-in agent, whose messages read "You". */
  agentId: string | undefined;
  /** Twilio's delivery state of the replies, by seq (SMS tickets). */
  deliveries?: DeliveryStates;
}

export function ticketThread(thread: AgentThread, view: ThreadView) {
  const { t, name } = view;
  const messages = thread.$messages.get();
  // "Seen" goes under the newest seen message only, the delivery state under the agent's newest one.
  const lastSeen = newest(messages, (m) => m.state === 'seen');
  const lastOwn = newest(messages, (m) => m.author.role === 'agent' && !!m.state);
  const typing = thread.$typing.get();
  const connection = thread.$connection.get();
  const items = interleave(messages, thread.side.$events.get());
  // Internal notes (issue 17) sit after the message they followed.
  const notes = placeNotes(messages, thread.notes.$notes.get(), thread.$hasOlder.get());
  const noteLines = (list: readonly ThreadNote[] | undefined) => (list ?? []).map((n) => noteLine(n, t, view.locale, view.agentId));
  return html`
    <div class="thread" part="thread" role="log" aria-live="polite" aria-label=${t.conversation(name)} tabindex="0">
      ${thread.$hasOlder.get() ? html`<button class="btn older" @click=${() => thread.loadOlder()}>${t.loadOlder}</button>` : nothing}
      ${thread.$view.get() === 'loading' ? html`<p class="notice">${t.loadingThread}</p>` : nothing} ${noteLines(notes.top)}
      ${repeat(
        items,
        (item) => (isEvent(item) ? `event:${item.id}` : item.key),
        (item, i) => {
          if (isEvent(item)) return eventLine(item, t, view.locale, view.agentId);
          const before = items[i - 1];
          const own = message(thread, item, view, !before || isEvent(before) || !sameAuthor(before, item), item === lastOwn, item === lastSeen);
          return html`${own}${noteLines(item.seq === undefined ? undefined : notes.after.get(item.seq))}`;
        },
      )}
      ${noteLines(notes.end)}
      ${typing ? html`<p class="typing">${t.typing(typing.name ?? name)}</p>` : nothing}
      ${connection === 'connecting' ? html`<p class="notice" role="status">${t.reconnecting}</p>` : nothing}
    </div>
  `;
}

/** Who a message is from, as the agent reads it ('' for the system). */
function authorLabel(m: ChatMessage, { ticket, t, agentId }: ThreadView): string {
  switch (m.author.role) {
    case 'shopper':
      return m.author.name || customerName(ticket, t);
    case 'ai':
      return t.ai;
    case 'system':
      return '';
    default:
      return m.author.id === agentId ? t.you : m.author.name || t.inbox;
  }
}

function deliveryLabel(thread: AgentThread, m: ChatMessage, view: ThreadView, lastOwn: boolean, lastSeen: boolean) {
  const t = view.t;
  const sms = view.ticket.channel === 'sms' && m.author.role === 'agent' && m.seq !== undefined ? view.deliveries?.get(m.seq) : undefined;
  if (sms) {
    return html`<span class="state sms ${sms.state}" data-delivery=${sms.state}>${sms.state === 'failed' && sms.error ? t.smsFailed(sms.error) : t.smsDelivery[sms.state]}</span>`;
  }
  if (m.state === 'failed')
    return html`<span class="state failed">${t.notSent} <button class="link-btn" @click=${() => thread.retry(m.clientId!)}>${t.retry}</button></span>`;
  if (lastSeen) return html`<span class="state" data-seen>${t.seen}</span>`;
  if (lastOwn && m.state) return html`<span class="state">${deliveryWord(m.state, t)}</span>`;
  return nothing;
}

/** An image's box within 220 px, known before its bytes arrive: the thread opens scrolled to its true end (reviewer's finding). */
function fitted(width?: number, height?: number): [number?, number?] {
  if (!width || !height) return [];
  const scale = Math.min(1, 220 / Math.max(width, height));
  return [Math.round(width * scale), Math.round(height * scale)];
}

function message(thread: AgentThread, m: ChatMessage, view: ThreadView, first: boolean, lastOwn: boolean, lastSeen: boolean) {
  const { t, locale } = view;
  const role = m.author.role;
  const side = role === 'shopper' ? 'shopper' : role === 'system' ? 'system' : 'team';
  const who = authorLabel(m, view);
  return html`<div class="msg ${side} ${role}" part="message" data-role=${role}>
    ${first && who ? html`<span class="author">${who} · <time datetime=${m.createdAt}>${time(m.createdAt, locale)}</time></span>` : nothing}
    ${role === 'system'
      ? html`<div class="bubble" dir="auto">${systemText(m.author, m.body, t)}</div>`
      : m.body
        ? html`<div class="bubble" dir="auto">${richText(m.body)}</div>`
        : nothing}
    ${m.attachments.length
      ? html`<div class="images">
          ${m.attachments.map((a) => {
            // An MMS medium that is not an image: named, never fetched nor linked (issue 16).
            if (a.type !== 'image') return html`<span class="file-attachment">${t.attachmentNotShown(a.contentType || t.unknownType)}</span>`;
            const src = safeHttpUrl(a.url);
            const [w, h] = fitted(a.width, a.height);
            return src
              ? html`<a href=${src} target="_blank" rel="noopener noreferrer nofollow"><img src=${src} alt=${a.alt ?? t.image} width=${w ?? nothing} height=${h ?? nothing} loading="lazy" /></a>`
              : nothing;
          })}
        </div>`
      : nothing}
    ${deliveryLabel(thread, m, view, lastOwn, lastSeen)}
  </div>`;
}
