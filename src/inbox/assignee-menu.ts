/**
 * The ticket header's team parts (issue 17): the assignee menu (the team and
 * "Unassigned", arrows, Enter and Escape), and who else is viewing or typing.
 */
import { css, html, nothing } from 'lit';
import type { InboxTranslation } from '../i18n/inbox.js';
import type { AgentRef, Presence, Ticket } from '../protocol/index.js';

export interface AssigneeView {
  ticket: Ticket;
  t: InboxTranslation;
  /** The shop's team, this agent first when listed. */
  members: readonly AgentRef[];
  /** The signed-in agent, always offered. */
  me: AgentRef | undefined;
  open: boolean;
  toggle(): void;
  assign(agentId: string | null): void;
  onMenuKey(e: KeyboardEvent): void;
}

/** ArrowUp/ArrowDown/Home/End move between the menu's items (WAI-ARIA menu pattern). */
function moveFocus(e: KeyboardEvent): void {
  const items = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role="menuitemradio"]')];
  const at = items.indexOf(e.target as HTMLElement);
  const to = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : null;
  if (to === null) return;
  e.preventDefault();
  items[(to + items.length) % items.length]?.focus();
}

export function assigneeMenu(v: AssigneeView) {
  const { t, ticket } = v;
  const current = ticket.assignee?.id ?? null;
  const people = [...(v.me ? [v.me] : []), ...v.members.filter((m) => m.id !== v.me?.id)];
  const label = ticket.assignee?.name ?? t.team.unassigned;
  const item = (id: string | null, name: string) =>
    html`<button class="option" role="menuitemradio" data-assign=${id ?? ''} aria-checked=${current === id ? 'true' : 'false'} ?data-autofocus=${current === id} @click=${() => v.assign(id)}>${name}</button>`;
  return html`<span class="assign">
    <button class="btn" data-trigger="assign" aria-haspopup="menu" aria-expanded=${v.open ? 'true' : 'false'} aria-label=${t.team.assignMenu(label)} @click=${() => v.toggle()}>${label}</button>
    ${v.open
      ? html`<div class="popover" role="menu" aria-label=${t.team.assignee} @keydown=${(e: KeyboardEvent) => (moveFocus(e), v.onMenuKey(e))}>
          ${item(null, t.team.unassigned)} ${people.map((p) => item(p.id, p.name))}
        </div>`
      : nothing}
  </span>`;
}

/** "Sam is viewing" / "Sam is typing…", for the others with this ticket open; announced politely. */
export function presenceLine(others: Presence, t: InboxTranslation) {
  const typing = others.filter((a) => a.typing);
  const list = typing.length ? typing : others;
  const names = list.map((a) => a.name).join(', ');
  const text = !list.length ? '' : typing.length ? t.team.typing(names, list.length) : t.team.viewing(names, list.length);
  return html`<div class="presence" role="status" aria-live="polite">${text}</div>`;
}

/** The assignee menu's marks, the presence line and the event lines of the thread. */
export const teamStyles = css`
  .popover .option[aria-checked='true'] {
    background: var(--_surface);
    font-weight: 600;
  }
  .assign .btn {
    max-width: 160px;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .head .presence {
    font-size: 12px;
    color: var(--_muted);
    min-height: 0;
  }
  .head .presence:empty {
    display: none;
  }
  .thread .event {
    align-self: center;
    text-align: center;
    color: var(--_muted);
    font-size: 12px;
    margin: 2px 0;
  }
`;
