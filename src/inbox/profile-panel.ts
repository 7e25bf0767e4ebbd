/**
 * The shopper's profile beside a ticket (R16, issue 17 "The profile"): who they are,
 * what their page said (`setContext`), their other conversations (one click opens one),
 * their orders with where each stands, and their history. Every value is text; the page
 * URL is a link only when it is http(s).
 */
import { html, nothing } from 'lit';
import type { InboxTranslation } from '../i18n/inbox.js';
import type { Ticket } from '../protocol/index.js';
import { date, dateTime, initial, previewText } from './format.js';
import type { ProfileState } from './inbox-client.js';
import { formatPhone } from './sms.js';

/** What the panel may do: open one of the customer's other tickets. */
export interface ProfileActions {
  openPast(ticket: Ticket): void;
}

/** An e-mail address that wraps only after its local part, never mid-word (issue 17 polish). */
const email = (address: string) => {
  const at = address.lastIndexOf('@');
  return html`<dd class="email" title=${address}>${at > 0 ? html`<span>${address.slice(0, at)}</span><wbr /><span>${address.slice(at)}</span>` : html`<span>${address}</span>`}</dd>`;
};

const isWebUrl = (v: unknown): v is string => typeof v === 'string' && /^https?:\/\//i.test(v);

function contextSection(ticket: Ticket, t: InboxTranslation) {
  const { pageUrl, ...fields } = ticket.context ?? {};
  const rows = Object.entries(fields).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v));
  if (pageUrl === undefined && !rows.length) return nothing;
  return html`<section class="context" aria-labelledby="profile-context">
    <h4 id="profile-context">${t.context}</h4>
    <dl>
      ${pageUrl !== undefined
        ? html`<dt>${t.pageUrl}</dt>
            <dd class="url">${isWebUrl(pageUrl) ? html`<a href=${pageUrl} target="_blank" rel="noopener noreferrer nofollow">${pageUrl}</a>` : String(pageUrl)}</dd>`
        : nothing}
      ${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${typeof v === 'boolean' ? (v ? t.yes : t.no) : String(v)}</dd>`)}
    </dl>
  </section>`;
}

function pastSection(st: ProfileState, t: InboxTranslation, locale: string, actions: ProfileActions) {
  if (!st.tickets) return nothing;
  return html`<section aria-labelledby="profile-past">
    <h4 id="profile-past">${t.pastConversations}</h4>
    ${st.tickets.length
      ? html`<ul class="past">
          ${st.tickets.map(
            (p) => html`<li>
              <button class="past-ticket" @click=${() => actions.openPast(p)}>
                <span class="past-meta"><span class="status ${p.status}">${t.status[p.status]}</span><time datetime=${p.createdAt}>${date(p.createdAt, locale)}</time></span>
                <span class="past-line">${previewText(p, t)}</span>
              </button>
            </li>`,
          )}
        </ul>`
      : html`<p class="muted">${t.noPastConversations}</p>`}
  </section>`;
}

function ordersSection(st: ProfileState, t: InboxTranslation, locale: string) {
  if (!st.orders?.length) return nothing;
  return html`<section aria-labelledby="profile-orders">
    <h4 id="profile-orders">${t.recentOrders}</h4>
    <ul class="orders">
      ${st.orders.map(
        (o) => html`<li>
          <span class="order-name">${o.statusUrl && isWebUrl(o.statusUrl) ? html`<a href=${o.statusUrl} target="_blank" rel="noopener noreferrer nofollow">${o.name}</a>` : o.name}</span>
          <span class="order-status">${t.orderStatus[o.status] ?? o.status}</span>
          <span class="muted">${[o.createdAt ? date(o.createdAt, locale) : '', o.total ? `${o.total} ${o.currency ?? ''}`.trim() : ''].filter(Boolean).join(' · ')}</span>
        </li>`,
      )}
    </ul>
  </section>`;
}

export function profilePanel(ticket: Ticket, name: string, st: ProfileState, t: InboxTranslation, locale: string, actions: ProfileActions) {
  const { state, profile } = st;
  const anonymous = !ticket.customer || ticket.customer.id.startsWith('anon:');
  const address = profile?.email ?? ticket.customer?.email;
  return html`<aside part="profile" aria-label=${t.profile}>
    <div class="avatar" aria-hidden="true">${initial(name)}</div>
    <h3>${profile?.name || name}</h3>
    ${anonymous
      ? html`<p class="muted">${t.anonymous}</p>`
      : html`<dl>
          ${ticket.customer?.phone ? html`<dt>${t.phone}</dt><dd>${formatPhone(ticket.customer.phone)}</dd>` : nothing}
          ${address ? html`<dt>${t.email}</dt>${email(address)}` : nothing}
          ${profile?.customerSince ? html`<dt>${t.customerSince}</dt><dd>${date(profile.customerSince, locale)}</dd>` : nothing}
          ${profile ? html`<dt>${t.orders}</dt><dd>${profile.orderCount}</dd><dt>${t.totalSpent}</dt><dd>${profile.totalSpent} ${profile.currency ?? ''}</dd>` : nothing}
        </dl>`}
    ${state === 'loading' ? html`<p class="muted">${t.loadingProfile}</p>` : nothing}
    ${state === 'error' ? html`<p class="error">${t.profileError}</p>` : nothing}
    ${state === 'missing' && !anonymous ? html`<p class="muted">${t.noProfile}</p>` : nothing}
    ${contextSection(ticket, t)} ${pastSection(st, t, locale, actions)} ${ordersSection(st, t, locale)}
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
