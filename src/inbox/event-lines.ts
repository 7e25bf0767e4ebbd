/**
 * "Who did what" in the agent's thread (issue 17): each ticket event as a small centred
 * line between the messages, in the agent's language, and where it goes among them.
 */
import { html } from 'lit';
import type { ChatMessage } from '../client/message-list.js';
import type { InboxTranslation } from '../i18n/inbox.js';
import type { Author, TicketEvent } from '../protocol/index.js';
import { dateTime, time } from './format.js';

/** Who did it, as the agent reads it: "You", a name, "the customer", or '' for the server. */
function who(by: Author | undefined, t: InboxTranslation, agentId: string | undefined): string {
  if (!by) return '';
  if (by.role === 'shopper') return t.team.customer;
  if (by.role === 'ai') return t.ai;
  if (by.role === 'agent' && by.id === agentId) return t.team.me;
  return by.name ?? '';
}

/** An event in words: "Sam assigned this to Alex", "Snoozed until Mon 9:00 by Sam", "Rated 4/5". */
export function eventText(e: TicketEvent, t: InboxTranslation, locale: string, agentId: string | undefined): string {
  const by = who(e.by, t, agentId);
  switch (e.kind) {
    case 'assigned': {
      if (!e.to) return by ? t.team.unassignedBy(by) : t.team.unassigned;
      const to = e.to.id === agentId ? t.team.me : e.to.name;
      // "Sam assigned this to Alex", "You assigned this to Sam", "Sam assigned this to you".
      if (!by || e.by?.id === e.to.id) return t.team.took(to);
      if (e.by?.id === agentId) return t.team.youAssigned(to);
      return e.to.id === agentId ? t.team.assignedYou(by) : t.team.assigned(by, to);
    }
    case 'snoozed':
      return t.team.snoozed(e.until ? dateTime(e.until, locale) : '', by);
    case 'closed':
      return t.team.closed(by);
    case 'reopened':
      return t.team.reopened(by);
    case 'handed_off':
      return t.team.handedOff;
    case 'rated':
      return t.team.rated(e.score ?? 0);
  }
}

export function eventLine(e: TicketEvent, t: InboxTranslation, locale: string, agentId: string | undefined) {
  return html`<p class="event" data-event=${e.kind}>${eventText(e, t, locale, agentId)} · <time datetime=${e.at}>${time(e.at, locale)}</time></p>`;
}

/**
 * Messages and events in one time line: each event right after the message it follows
 * (`afterSeq`), before any reply still being sent.
 */
export function interleave(messages: readonly ChatMessage[], events: readonly TicketEvent[]): Array<ChatMessage | TicketEvent> {
  const out: Array<ChatMessage | TicketEvent> = [];
  let next = 0;
  for (const m of messages) {
    const at = m.seq ?? Infinity;
    while (next < events.length && events[next]!.afterSeq < at) out.push(events[next++]!);
    out.push(m);
  }
  while (next < events.length) out.push(events[next++]!);
  return out;
}

export const isEvent = (item: ChatMessage | TicketEvent): item is TicketEvent => 'kind' in item;
