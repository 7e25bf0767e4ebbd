/**
 * The ended chat (R8, issue 17): who closed it, the rating (once, skip-able; read-only
 * once stored, after a reload too), "Start a new chat" and the transcript by e-mail. The scores are native radios,
 * so arrow keys, the group's name and each score's name come from the browser.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Translation } from '../../i18n/index.js';
import { ratingEn, type RatingTranslation } from '../../i18n/rating.js';
import { MAX_RATING_COMMENT } from '../../protocol/index.js';
import { transcriptView, type TranscriptHost } from './transcript.js';

/** The rating form of one ended chat, kept across re-renders. */
export interface RatingDraft {
  ticketId: string;
  score: number;
  /** Sent or skipped. */
  done: boolean;
}

/** What the ended view reads and calls. */
export interface EndedHost extends TranscriptHost {
  readonly t: Translation;
  rating: RatingDraft | null;
  newChat(): void;
  /** Renders again, then focuses `focus` if given. */
  rerender(focus?: string): void;
}

export function endedView(p: EndedHost): TemplateResult {
  const t = p.t;
  const r = t.rating ?? ratingEn;
  const ticket = p.client.$ticket.get();
  const id = ticket?.id ?? '';
  const draft = (p.rating = p.rating?.ticketId === id ? p.rating : { ticketId: id, score: 0, done: false });
  const by = ticket?.closedBy;
  // The stored rating (another tab's, or before a reload) shows read-only; so does one just sent.
  const score = ticket?.rating?.score ?? (draft.done ? draft.score : 0);
  const asked = p.client.$config.get()?.rating && !draft.done;
  return html`<div class="ended" part="notice">
    <p role="status">${by?.role === 'agent' ? r.closedBy(by.name || r.theTeam) : t.ended}</p>
    ${score || asked ? ratingForm(p, draft, r, score) : nothing}
    <button class="primary new" @click=${p.newChat}>${t.startNew}</button>
    ${transcriptView(p)}
  </div>`;
}

function ratingForm(p: EndedHost, draft: RatingDraft, r: RatingTranslation, stored: number): TemplateResult {
  const done = (e: Event) => {
    e.preventDefault();
    draft.done = true;
    p.rerender('.ended .new');
  };
  const send = (e: SubmitEvent) => {
    if (p.client.rate(draft.score, (e.target as HTMLFormElement & { comment: HTMLInputElement }).comment.value)) done(e);
    else e.preventDefault();
  };
  return html`<form class="rate" part="rating" @submit=${send}>
    <fieldset ?disabled=${!!stored}>
      <legend>${stored ? r.thanks : r.question}</legend>
      ${r.scores.map(
        (name, i) =>
          html`<label
            ><input
              class="visually-hidden"
              type="radio"
              name="score"
              aria-label=${r.score(i + 1, name)}
              .checked=${(stored || draft.score) === i + 1}
              @change=${() => ((draft.score = i + 1), p.rerender())}
            /><span class="secondary">${i + 1}</span></label
          >`,
      )}
    </fieldset>
    ${stored
      ? nothing
      : html`<input name="comment" maxlength=${MAX_RATING_COMMENT} placeholder=${r.comment} />
          <div class="row">
            <button class="secondary" ?disabled=${!draft.score}>${r.send}</button>
            <button class="link-button" type="button" @click=${(e: Event) => ((draft.score = 0), done(e))}>${r.skip}</button>
          </div>`}
  </form>`;
}
