/**
 * The settings form's controls for the widget header (issue 17): the shop's name, its
 * https logo and the merchant's own reply-time sentence (empty: the server says the
 * team's median first reply). A render function the settings element inserts.
 */
import { html, type TemplateResult } from 'lit';
import type { InboxTranslation } from '../i18n/inbox.js';
import type { ShopSettings } from './inbox-api.js';
import { setOptional, value } from './settings-fields.js';

export function headerFields(t: InboxTranslation, d: ShopSettings, admin: boolean): TemplateResult {
  return html`<fieldset ?disabled=${!admin} data-section="header">
    <legend>${t.widgetHeader}</legend>
    <label class="field">${t.shopName}
      <input type="text" name="shopName" maxlength="200" .value=${d.shopName ?? ''} @input=${(e: Event) => setOptional(d, 'shopName', value(e))} />
    </label>
    <label class="field">${t.logoUrl}
      <input type="url" name="logoUrl" maxlength="2048" placeholder="https://" .value=${d.logoUrl ?? ''} @input=${(e: Event) => setOptional(d, 'logoUrl', value(e))} />
    </label>
    <label class="field">${t.replyTimeMessage}
      <input type="text" name="replyTimeMessage" maxlength="200" .value=${d.replyTimeMessage ?? ''} @input=${(e: Event) => setOptional(d, 'replyTimeMessage', value(e))} />
    </label>
  </fieldset>`;
}
