/**
 * The list's assignee views (issue 17): "Mine", "Unassigned", "All", and the team an
 * agent can assign to (`GET agents`). The view filters the live list in the browser,
 * beside the status and channel filters the server applies, so a ticket moves between
 * views the moment its `ticket` frame says it was assigned. Remembered per agent.
 */
import { html } from 'lit';
import { atom } from 'nanostores';
import type { KeyValueStore } from '../client/outbox.js';
import { safeGet, safeSet } from '../client/safe-storage.js';
import { effectiveStatus, type AgentRef, type Ticket } from '../protocol/index.js';
import type { InboxTranslation } from '../i18n/inbox.js';
import type { InboxApi } from './inbox-api.js';
import type { InboxClient } from './inbox-client.js';
import type { ListFilter } from './inbox-types.js';

export type AssigneeView = 'all' | 'mine' | 'unassigned';
export const ASSIGNEE_VIEWS: readonly AssigneeView[] = ['mine', 'unassigned', 'all'];

/** Whether the list's status and channel filter show `t` (team tickets only; the server filters the pages too). */
export const inFilter = (t: Ticket, filter: ListFilter): boolean =>
  t.handler === 'team' && effectiveStatus(t) === filter.status && (filter.channel === 'all' || t.channel === filter.channel);

/** Whether `ticket` is in `view` for the agent `agentId`. */
export function inView(view: AssigneeView, ticket: Ticket, agentId: string | undefined): boolean {
  if (view === 'mine') return !!agentId && ticket.assignee?.id === agentId;
  if (view === 'unassigned') return !ticket.assignee;
  return true;
}

export class InboxTeam {
  readonly $view = atom<AssigneeView>('all');
  /** The shop's team, for the assignee menu; empty until loaded or when it could not be. */
  readonly $members = atom<readonly AgentRef[]>([]);
  private agentId: string | null = null;
  private storage: KeyValueStore | null = null;
  private shop = '';

  /** After sign-in: this agent's remembered view, and the team. */
  start(agentId: string, api: InboxApi, storage: KeyValueStore | null, shop: string): void {
    Object.assign(this, { agentId, storage, shop });
    const saved = safeGet(storage, this.key());
    this.$view.set(ASSIGNEE_VIEWS.includes(saved as AssigneeView) ? (saved as AssigneeView) : 'all');
    api.agents().then(
      (agents) => this.agentId === agentId && this.$members.set(agents),
      () => undefined, // the menu then offers this agent and "Unassigned" only
    );
  }

  setView(view: AssigneeView): void {
    this.$view.set(view);
    if (this.agentId) safeSet(this.storage, this.key(), view);
  }

  private key(): string {
    return `customer-hub-inbox:${this.shop}:view:${this.agentId}`;
  }
}

/** The view picker beside the channel filter, each view with its count over the tickets loaded. */
export function assigneeSelect(inbox: InboxClient, t: InboxTranslation) {
  const view = inbox.team.$view.get();
  const filter = inbox.$filter.get();
  const me = inbox.$session.get()?.agent.id;
  const shown = [...inbox.$tickets.get().values()].filter((x) => inFilter(x, filter));
  const count = (v: AssigneeView) => shown.filter((x) => inView(v, x, me)).length;
  return html`<label class="sr-only" for="assignee-view">${t.team.views}</label>
    <select id="assignee-view" .value=${view} @change=${(e: Event) => inbox.team.setView((e.target as HTMLSelectElement).value as AssigneeView)}>
      ${ASSIGNEE_VIEWS.map((v) => html`<option value=${v} ?selected=${view === v}>${t.team.view[v]} (${count(v)})</option>`)}
    </select>`;
}
