/**
 * The shopper's rating of an ended chat (issue 17) as the inbox shows it: a badge on the
 * ticket's row, and the score with the comment (as text) in the ticket's header.
 */
import { html, nothing } from 'lit';
import type { InboxTranslation } from '../i18n/inbox.js';
import type { Ticket } from '../protocol/index.js';

/** The row's badge: stars for the eye, the words for screen readers. */
export function ratingBadge(ticket: Ticket, t: InboxTranslation) {
  const r = ticket.rating;
  return r
    ? html`<span class="wait" data-rating=${r.score} title=${t.rated(r.score)}><span aria-hidden="true">★ ${r.score}/5</span><span class="sr-only">${t.rated(r.score)}</span></span>`
    : nothing;
}

/** The header's line: the score, then the comment in quotes. */
export function ratingLine(ticket: Ticket, t: InboxTranslation) {
  const r = ticket.rating;
  return r ? html`<div class="sub" data-rating=${r.score}>★ ${t.rated(r.score)}${r.comment ? html` · “<span dir="auto">${r.comment}</span>”` : nothing}</div>` : nothing;
}
