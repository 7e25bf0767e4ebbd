/**
 * Internal notes in the agent's thread (issue 17): where each goes among the messages
 * (after the message it followed, `afterSeq`), and how it looks: a yellow card, labelled
 * "Internal note" for screen readers too, readable in both themes.
 */
import { css, html } from 'lit';
import type { ChatMessage } from '../client/chat-client.js';
import { richText } from '../chat/text.js';
import type { InboxTranslation } from '../i18n/inbox.js';
import type { ThreadNote } from './agent-notes.js';
import { time } from './format.js';

export interface PlacedNotes {
  /** Notes before the first message shown (none while older messages are still to load). */
  top: ThreadNote[];
  /** Notes after the message with this seq. */
  after: Map<number, ThreadNote[]>;
  /** Notes on their way, after everything. */
  end: ThreadNote[];
}

/** Places each note after the newest shown message it followed. */
export function placeNotes(messages: readonly ChatMessage[], notes: readonly ThreadNote[], hasOlder: boolean): PlacedNotes {
  const seqs = messages.flatMap((m) => (m.seq === undefined ? [] : [m.seq])).sort((a, b) => a - b);
  const placed: PlacedNotes = { top: [], after: new Map(), end: [] };
  for (const note of notes) {
    if (note.pending) {
      placed.end.push(note);
      continue;
    }
    let at: number | undefined;
    for (const seq of seqs) if (seq <= note.afterSeq) at = seq;
    if (at === undefined) {
      if (!hasOlder) placed.top.push(note);
      continue;
    }
    placed.after.set(at, [...(placed.after.get(at) ?? []), note]);
  }
  return placed;
}

export function noteLine(note: ThreadNote, t: InboxTranslation, locale: string, agentId: string | undefined) {
  const who = note.author.id === agentId ? t.you : note.author.name || t.inbox;
  return html`<div class="note" data-note=${note.id} ?data-pending=${note.pending} role="note" aria-label=${t.note.label}>
    <span class="note-head"><span class="note-tag">${t.note.label}</span> · ${who} · <time datetime=${note.createdAt}>${time(note.createdAt, locale)}</time>${note.pending ? html` · ${t.note.sending}` : ''}</span>
    <div class="note-body" dir="auto">${richText(note.body)}</div>
  </div>`;
}

/** Amber on cream in light, cream on dark amber in dark: both above 4.5:1 for the text. */
export const threadNoteStyles = css`
  :host {
    --_note-bg: #fff6d6;
    --_note-fg: #3d2e00;
    --_note-line: #c99a06;
  }
  :host([theme='dark']) {
    --_note-bg: #3a2f0b;
    --_note-fg: #fbefc4;
    --_note-line: #b8921f;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_note-bg: #3a2f0b;
      --_note-fg: #fbefc4;
      --_note-line: #b8921f;
    }
  }
  .note {
    align-self: stretch;
    margin: 6px 0;
    padding: 8px 12px;
    border: 1px solid var(--_note-line);
    border-left-width: 4px;
    border-radius: 8px;
    background: var(--_note-bg);
    color: var(--_note-fg);
  }
  .note[data-pending] {
    opacity: 0.8;
  }
  .note-head {
    display: block;
    font-size: 12px;
    margin-bottom: 2px;
  }
  .note-tag {
    font-weight: 700;
  }
  .note-body {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
`;
