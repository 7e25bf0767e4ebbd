/** The ticket list: the status tabs, the channel filter and one row per ticket (R13, R15). */
import { css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { InboxTranslation } from '../i18n/inbox.js';
import type { Ticket } from '../protocol/index.js';
import { ago, customerName, initial, previewText, waitLabel, waitLevel, waitedMinutes } from './format.js';
import { icons } from './icons.js';
import { ratingBadge } from './rating-badge.js';
import type { ChannelFilter, InboxClient, StatusFilter } from './inbox-client.js';
import { assigneeSelect } from './assignee-views.js';
import type { InboxSearch } from './inbox-search.js';
import { MAX_SEARCH_CHARS } from '../protocol/search.js';

const STATUSES: StatusFilter[] = ['open', 'snoozed', 'closed'];

export const ticketListStyles = css`
  .list {
    border-right: 1px solid var(--_line);
    display: grid;
    grid-template-rows: auto minmax(0, 1fr);
    min-height: 0;
    background: var(--_bg);
  }
  .filters {
    padding: 10px 12px;
    display: grid;
    gap: 8px;
    border-bottom: 1px solid var(--_line);
  }
  #ticket-search {
    width: 100%;
    box-sizing: border-box;
    font: inherit;
    padding: 6px 10px;
    border: 1px solid var(--_line);
    border-radius: 8px;
    background: var(--_bg);
    color: var(--_fg);
  }
  .tabs {
    display: flex;
    gap: 4px;
  }
  .tabs button {
    flex: 1;
    border: 1px solid var(--_line);
    background: var(--_bg);
    border-radius: 8px;
    padding: 5px 8px;
  }
  .tabs button[aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    overflow-y: auto;
    /* Holds the rows' visually hidden texts, as the settings scroller does. */
    position: relative;
  }
  .row {
    display: grid;
    grid-template-columns: 24px minmax(0, 1fr);
    gap: 8px;
    width: 100%;
    text-align: left;
    border: 0;
    border-bottom: 1px solid var(--_line);
    background: transparent;
    padding: 10px 12px;
  }
  .row:hover {
    background: var(--_surface);
  }
  .row[aria-current='true'] {
    background: var(--_selected);
  }
  .row .channel {
    color: var(--_muted);
    padding-top: 2px;
  }
  .line {
    display: flex;
    gap: 6px;
    align-items: center;
    min-width: 0;
  }
  .name {
    flex: 1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .unread .name {
    font-weight: 700;
  }
  .row time {
    font-size: 12px;
    color: var(--_muted);
  }
  .preview {
    flex: 1;
    color: var(--_muted);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 13px;
  }
  .unread .preview {
    color: var(--_fg);
  }
  [part='unread-dot'] {
    width: 9px;
    height: 9px;
    border-radius: 50%;
    background: var(--_accent);
    flex: none;
  }
  .wait {
    font-size: 12px;
    border-radius: 6px;
    padding: 1px 6px;
    background: var(--_surface);
    color: var(--_muted);
  }
  .wait.warn {
    background: var(--_warn-bg);
    color: var(--_warn-fg);
    font-weight: 600;
  }
  .wait.late {
    background: var(--_late-bg);
    color: var(--_late-fg);
    font-weight: 700;
  }
  .assignee {
    margin-left: auto;
    width: 22px;
    height: 22px;
    border-radius: 50%;
    background: var(--_selected);
    display: inline-grid;
    place-items: center;
    font-size: 11px;
    font-weight: 700;
  }
  /* The selected row has the avatar's colour: the circle would vanish. */
  .row[aria-current='true'] .assignee {
    background: var(--_raised);
  }
  .state {
    padding: 24px 16px;
    color: var(--_muted);
    text-align: center;
  }
  .skeleton li {
    height: 68px;
    margin: 8px 12px;
    border-radius: 8px;
    background: var(--_surface);
  }
`;

/** The list with its filters, fed by the inbox client's stores; `now` ages the rows. */
export function ticketList(inbox: InboxClient, t: InboxTranslation, now: number) {
  const filter = inbox.$filter.get();
  const list = inbox.$list.get();
  const loading = inbox.$listState.get() === 'loading';
  const selected = inbox.$selected.get();
  const search = inbox.search;
  return html`<section class="list" part="ticket-list" aria-label=${t.tickets}>
    <div class="filters">
      ${searchField(search, t)}
      <div class="tabs" role="group" aria-label=${t.statusFilter}>
        ${STATUSES.map((s) => html`<button aria-pressed=${filter.status === s ? 'true' : 'false'} @click=${() => inbox.setFilter({ status: s })}>${t[s]}</button>`)}
      </div>
      <label class="sr-only" for="channel">${t.channel}</label>
      <select id="channel" .value=${filter.channel} @change=${(e: Event) => inbox.setFilter({ channel: (e.target as HTMLSelectElement).value as ChannelFilter })}>
        <option value="all" ?selected=${filter.channel === 'all'}>${t.allChannels}</option>
        <option value="chat" ?selected=${filter.channel === 'chat'}>${t.chat}</option>
        <option value="sms" ?selected=${filter.channel === 'sms'}>${t.sms}</option>
      </select>
      ${assigneeSelect(inbox, t)}
    </div>
    ${search.active && !list.length
      ? searchState(search, t)
      : list.length
      ? html`<ul aria-label=${t.tickets}>
          ${repeat(list, (x) => x.id, (x) => html`<li>${ticketRow(inbox, x, x.id === selected, t, now)}</li>`)}
          ${search.active
            ? search.$hasMore.get()
              ? html`<li class="state"><button class="btn" ?disabled=${search.$state.get() === 'loading'} @click=${() => search.more()}>${t.loadMore}</button></li>`
              : nothing
            : inbox.$hasMore.get()
              ? html`<li class="state"><button class="btn" ?disabled=${loading} @click=${() => inbox.loadMore()}>${t.loadMore}</button></li>`
              : nothing}
        </ul>`
      : loading
        ? html`<ul class="skeleton" aria-busy="true" aria-label=${t.loadingTickets}><li></li><li></li><li></li></ul>`
        : inbox.$listState.get() === 'error'
          ? html`<div class="state" role="alert">${t.listError} <button class="btn" @click=${() => inbox.setFilter({})}>${t.retry}</button></div>`
          : html`<p class="state">${t.noTickets[filter.status]}</p>`}
  </section>`;
}

/** The search field (issue 17): `/` focuses it (customer-hub-inbox.ts), Escape clears it. */
function searchField(search: InboxSearch, t: InboxTranslation) {
  const onKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || !search.$query.get()) return;
    // Cleared here; the inbox's own Escape (leave the reply field...) is not for this one.
    e.stopPropagation();
    search.clear();
  };
  return html`<input
    id="ticket-search"
    type="search"
    autocomplete="off"
    spellcheck="false"
    aria-label=${t.search.label}
    placeholder=${t.search.placeholder}
    maxlength=${MAX_SEARCH_CHARS}
    .value=${search.$query.get()}
    @input=${(e: Event) => search.set((e.target as HTMLInputElement).value)}
    @keydown=${onKey}
  />`;
}

/** While a search has no row to show: searching, nothing found, or failed. */
function searchState(search: InboxSearch, t: InboxTranslation) {
  const state = search.$state.get();
  if (state === 'loading') return html`<ul class="skeleton" aria-busy="true" aria-label=${t.search.searching}><li></li><li></li><li></li></ul>`;
  if (state === 'error') return html`<div class="state" role="alert">${t.search.error}</div>`;
  return html`<p class="state" role="status">${t.search.none(search.$query.get().trim())}</p>`;
}

/** One ticket: channel, name, age, preview, unread dot, how long the shopper has waited, assignee. */
function ticketRow(inbox: InboxClient, ticket: Ticket, selected: boolean, t: InboxTranslation, now: number) {
  const name = customerName(ticket, t);
  const preview = previewText(ticket, t, inbox.$session.get()?.agent.id);
  const waited = waitedMinutes(ticket, now);
  const level = waitLevel(waited);
  const unread = ticket.unread > 0;
  return html`<button
    class="row ${unread ? 'unread' : ''}"
    part="ticket-row"
    data-ticket=${ticket.id}
    aria-current=${selected ? 'true' : 'false'}
    @click=${() => inbox.select(ticket.id)}
  >
    <span class="channel">${ticket.channel === 'sms' ? icons.envelope : icons.chat}<span class="sr-only">${ticket.channel === 'sms' ? t.sms : t.chat}</span></span>
    <span>
      <span class="line"><span class="name" dir="auto">${name}</span><time datetime=${ticket.updatedAt}>${ago(ticket.updatedAt, now, t)}</time></span>
      <span class="line"><span class="preview" dir="auto">${preview}</span>${unread ? html`<span part="unread-dot" role="img" aria-label=${t.unread}></span>` : nothing}</span>
      <span class="line">
        ${waited !== null ? html`<span class="wait ${level}" data-wait=${level}>${t.waiting(waitLabel(waited, t))}</span>` : nothing}
        ${ratingBadge(ticket, t)}
        ${ticket.assignee
          ? html`<span class="assignee" title=${t.assignedTo(ticket.assignee.name)}><span aria-hidden="true">${initial(ticket.assignee.name)}</span><span class="sr-only">${t.assignedTo(ticket.assignee.name)}</span></span>`
          : nothing}
      </span>
    </span>
  </button>`;
}
