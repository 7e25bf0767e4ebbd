/** The shopper's profile beside a ticket (R16): who they are, their orders and their history. */
import { html, nothing } from 'lit';
import type { InboxTranslation } from '../i18n/inbox.js';
import type { Ticket } from '../protocol/index.js';
import { date, dateTime, initial } from './format.js';
import type { ProfileState } from './inbox-client.js';
import { formatPhone } from './sms.js';

export function profilePanel(ticket: Ticket, name: string, { state: st, profile }: ProfileState, t: InboxTranslation, locale: string) {
  const anonymous = !ticket.customer || ticket.customer.id.startsWith('anon:');
  return html`<aside part="profile" aria-label=${t.profile}>
    <div class="avatar" aria-hidden="true">${initial(name)}</div>
    <h3>${profile?.name || name}</h3>
    ${anonymous
      ? html`<p class="muted">${t.anonymous}</p>`
      : html`<dl>
          ${ticket.customer?.phone ? html`<dt>${t.phone}</dt><dd>${formatPhone(ticket.customer.phone)}</dd>` : nothing}
          ${ticket.customer?.email || profile?.email ? html`<dt>${t.email}</dt><dd>${profile?.email ?? ticket.customer?.email}</dd>` : nothing}
          ${profile?.customerSince ? html`<dt>${t.customerSince}</dt><dd>${date(profile.customerSince, locale)}</dd>` : nothing}
          ${profile ? html`<dt>${t.orders}</dt><dd>${profile.orderCount}</dd><dt>${t.totalSpent}</dt><dd>${profile.totalSpent} ${profile.currency ?? ''}</dd>` : nothing}
        </dl>`}
    ${st === 'loading' ? html`<p class="muted">${t.loadingProfile}</p>` : nothing}
    ${st === 'error' ? html`<p class="error">${t.profileError}</p>` : nothing}
    ${st === 'missing' && !anonymous ? html`<p class="muted">${t.noProfile}</p>` : nothing}
    ${profile
      ? html`<h4>${t.history}</h4>
          ${profile.events.length
            ? html`<ol>
                ${profile.events.map((e) => html`<li><time datetime=${e.at}>${dateTime(e.at, locale)}</time>${e.summary}</li>`)}
              </ol>`
            : html`<p class="muted">${t.noEvents}</p>`}`
      : nothing}
  </aside>`;
}
