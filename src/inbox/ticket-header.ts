/**
 * A ticket's header: the shopper's name, the ticket's status, and its actions: the
 * profile toggle, snooze (presets or a chosen time) or reopen, and close with a confirmation.
 */
import { html, nothing } from 'lit';
import type { InboxTranslation } from '../i18n/inbox.js';
import type { Presence, Ticket } from '../protocol/index.js';
import { assigneeMenu, presenceLine, type AssigneeView } from './assignee-menu.js';
import { effectiveStatus } from '../protocol/index.js';
import { dateTime, snoozePresets } from './format.js';
import { icons } from './icons.js';
import { ratingLine } from './rating-badge.js';

/** The header's popups. */
export type HeaderMenu = 'snooze' | 'close' | 'assign';

/** What the header shows and what its controls call back. */
export interface HeaderView {
  ticket: Ticket;
  name: string;
  t: InboxTranslation;
  locale: string;
  /** The header's popup that is open, if any. */
  open: HeaderMenu | null;
  profileOpen: boolean;
  /** The custom snooze time typed so far (a `datetime-local` value). */
  snoozeAt: string;
  toggleProfile(): void;
  reopen(): void;
  toggle(menu: HeaderMenu): void;
  cancelClose(): void;
  confirmClose(): void;
  snooze(until: Date): void;
  setSnoozeAt(value: string): void;
  /** Escape and Tab inside a popup. */
  onMenuKey(e: KeyboardEvent): void;
  /** The assignee menu's team and action (issue 17). */
  team: Pick<AssigneeView, 'members' | 'me' | 'assign'>;
  /** The other agents with this ticket open. */
  others: Presence;
}

export function ticketHeader(v: HeaderView) {
  const { t, ticket } = v;
  const status = effectiveStatus(ticket);
  const live = status !== 'closed';
  const sub = [
    ticket.channel === 'sms' ? t.sms : t.chat,
    status === 'snoozed' && ticket.snoozeUntil ? t.snoozedUntil(dateTime(ticket.snoozeUntil, v.locale)) : t.status[status],
    ticket.assignee ? t.assignedTo(ticket.assignee.name) : t.unassigned,
  ].join(' · ');
  return html`
    <div class="head">
      <div class="meta">
        <h2>${v.name}</h2>
        <div class="sub" data-ticket-status=${status}>${sub}</div>
        ${presenceLine(v.others, t)}
        ${ratingLine(ticket, t)}
      </div>
      <div class="actions">
        ${assigneeMenu({ ...v.team, ticket, t, open: v.open === 'assign', toggle: () => v.toggle('assign'), onMenuKey: v.onMenuKey })}
        <button class="icon-btn profile-toggle" aria-label=${t.showProfile} aria-expanded=${v.profileOpen ? 'true' : 'false'} @click=${() => v.toggleProfile()}>${icons.user}</button>
        ${live
          ? html`
              ${status === 'snoozed'
                ? html`<button class="btn" @click=${() => v.reopen()}>${t.reopen}</button>`
                : html`<button class="btn" data-trigger="snooze" aria-haspopup="dialog" aria-expanded=${v.open === 'snooze' ? 'true' : 'false'} @click=${() => v.toggle('snooze')}>${t.snooze}</button>`}
              <button class="btn" data-trigger="close" aria-expanded=${v.open === 'close' ? 'true' : 'false'} @click=${() => v.toggle('close')}>${t.close}</button>
              ${v.open === 'snooze' ? snoozeMenu(v) : nothing}
            `
          : nothing}
      </div>
      ${v.open === 'close'
        ? html`<div class="confirm" role="alertdialog" aria-label=${t.close} aria-describedby="close-confirm" @keydown=${v.onMenuKey}>
            <p id="close-confirm">${t.closeConfirm}</p>
            <button class="btn danger" data-confirm-close @click=${() => v.confirmClose()}>${t.close}</button>
            <button class="btn" data-autofocus @click=${() => v.cancelClose()}>${t.cancel}</button>
          </div>`
        : nothing}
    </div>
  `;
}

function snoozeMenu(v: HeaderView) {
  const t = v.t;
  const p = snoozePresets(new Date());
  const pick = (d: Date) => () => v.snooze(d);
  // A dialog, not a menu: it holds a date field and a button besides the presets (axe aria-required-children).
  // The apply button is aria-disabled, not disabled: as the last stop it lets Tab move through the date field's parts.
  return html`<div class="popover" role="dialog" aria-label=${t.snoozeFor} @keydown=${v.onMenuKey}>
    <button class="option" @click=${pick(p.hour)}>${t.snoozeHour}</button>
    <button class="option" @click=${pick(p.tomorrow)}>${t.snoozeTomorrow}</button>
    <button class="option" @click=${pick(p.week)}>${t.snoozeWeek}</button>
    <label class="muted" for="snooze-at">${t.snoozeCustom}</label>
    <input id="snooze-at" type="datetime-local" .value=${v.snoozeAt} @input=${(e: Event) => v.setSnoozeAt((e.target as HTMLInputElement).value)} />
    <button class="btn primary" aria-disabled=${v.snoozeAt ? 'false' : 'true'} @click=${() => v.snoozeAt && v.snooze(new Date(v.snoozeAt))}>${t.snoozeApply}</button>
  </div>`;
}
