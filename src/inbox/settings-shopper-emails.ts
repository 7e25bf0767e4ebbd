/**
 * The settings form's "E-mails to shoppers" section (issue 17, README "Shopper e-mails"):
 * whether shoppers may e-mail themselves their conversation, whether a shopper who left
 * gets one e-mail when the team replies, and the storefront page those e-mails link to.
 * Shown once team e-mails are set up: shopper e-mails go through the same provider.
 */
import { html, nothing } from 'lit';
import type { InboxTranslation } from '../i18n/inbox.js';
import type { ShopSettings } from './inbox-api.js';
import { checked, setOptional, value } from './settings-fields.js';

export function shopperEmailFieldset(d: ShopSettings, admin: boolean, t: InboxTranslation) {
  const email = d.notifications.email;
  if (!email) return nothing;
  return html`<fieldset ?disabled=${!admin} data-section="shopper-emails">
    <legend>${t.shopperEmails}</legend>
    <label class="check"><input type="checkbox" name="transcript" .checked=${email.transcript !== false} @change=${(e: Event) => (email.transcript = checked(e))} /> ${t.transcriptOffer}</label>
    <label class="check"><input type="checkbox" name="replyNotice" .checked=${email.replyNotice !== false} @change=${(e: Event) => (email.replyNotice = checked(e))} /> ${t.replyNoticeOffer}</label>
    <label class="field">${t.storefrontUrl}<input type="url" name="storefrontUrl" .value=${email.storefrontUrl ?? ''} @input=${(e: Event) => setOptional(email, 'storefrontUrl', value(e))} /></label>
  </fieldset>`;
}
