/**
 * The settings form's SMS (Twilio) and e-mail notification sections (issue 16). Secrets
 * are write-only as elsewhere in the form: the fields start empty, and left empty the
 * server keeps what it has. A section switched off before anything was filled in is
 * dropped, so that half a section never fails the whole save.
 */
import { html, nothing } from 'lit';
import type { InboxTranslation } from '../i18n/inbox.js';
import type { EmailNotifications, ShopSettings } from './inbox-api.js';
import { checked, lines, setOptional, toggle, value } from './settings-fields.js';

const EMAIL_EVENTS = ['ticket.created', 'message.created', 'ticket.handoff', 'ticket.closed', 'ticket.rated', 'ticket.waiting'];

export function emailFieldset(d: ShopSettings, admin: boolean, t: InboxTranslation, update: () => void) {
  const email = d.notifications.email;
  const enable = (on: boolean) => {
    if (on) d.notifications.email = email ? { ...email, enabled: true } : { enabled: true, provider: 'postmark', to: [], from: '', events: ['ticket.created', 'ticket.waiting'] };
    else if (email && !email.from && !email.to.length) delete d.notifications.email;
    else if (email) email.enabled = false;
    update();
  };
  return html`<fieldset ?disabled=${!admin} data-section="email">
    <legend>${t.emailSettings}</legend>
    <label class="check"><input type="checkbox" name="emailEnabled" .checked=${email?.enabled === true} @change=${(e: Event) => enable(checked(e))} /> ${t.emailEnabled}</label>
    ${email ? emailFields(email, t) : nothing}
  </fieldset>`;
}

function emailFields(email: EmailNotifications, t: InboxTranslation) {
  return html`<label class="field">${t.emailProvider}
      <select name="emailProvider" @change=${(e: Event) => (email.provider = value(e) as EmailNotifications['provider'])}>
        <option value="postmark" ?selected=${email.provider === 'postmark'}>Postmark</option>
        <option value="resend" ?selected=${email.provider === 'resend'}>Resend</option>
      </select>
    </label>
    <label class="field">${t.emailToken}<input type="password" autocomplete="off" name="emailToken" @input=${(e: Event) => setOptional(email, 'token', value(e))} /></label>
    <label class="field">${t.emailFrom}<input type="text" name="emailFrom" autocomplete="email" .value=${email.from} @input=${(e: Event) => (email.from = value(e).trim())} /></label>
    <label class="field">${t.emailTo}<textarea name="emailTo" .value=${email.to.join('\n')} @input=${(e: Event) => (email.to = lines(value(e)))}></textarea></label>
    <div role="group" aria-label=${t.emailEvents}>
      ${EMAIL_EVENTS.map(
        (ev) => html`<label class="check"><input type="checkbox" name="emailEvent" value=${ev} .checked=${email.events.includes(ev)} @change=${(e: Event) => (email.events = toggle(email.events, ev, checked(e)))} /> ${t.emailEventNames[ev] ?? ev}</label>`,
      )}
    </div>
    <label class="field">${t.inboxUrl}<input type="url" name="inboxUrl" .value=${email.inboxUrl ?? ''} @input=${(e: Event) => setOptional(email, 'inboxUrl', value(e))} /></label>
    <label class="field">${t.apiBaseUrl}<input type="url" name="emailApiBaseUrl" .value=${email.apiBaseUrl ?? ''} @input=${(e: Event) => setOptional(email, 'apiBaseUrl', value(e))} /></label>`;
}

export function smsFieldset(d: ShopSettings, admin: boolean, t: InboxTranslation, update: () => void) {
  const sms = d.sms;
  const enable = (on: boolean) => {
    if (on) d.sms = sms ? { ...sms, enabled: true } : { enabled: true, accountSid: '' };
    else if (sms && !sms.accountSid) delete d.sms;
    else if (sms) sms.enabled = false;
    update();
  };
  return html`<fieldset ?disabled=${!admin} data-section="sms">
    <legend>${t.smsSettings}</legend>
    <label class="check"><input type="checkbox" name="smsEnabled" .checked=${sms?.enabled === true} @change=${(e: Event) => enable(checked(e))} /> ${t.smsEnabled}</label>
    ${sms
      ? html`<label class="field">${t.accountSid}<input type="text" name="accountSid" autocomplete="off" .value=${sms.accountSid} @input=${(e: Event) => (sms.accountSid = value(e).trim())} /></label>
          <label class="field">${t.authToken}<input type="password" name="authToken" autocomplete="off" @input=${(e: Event) => setOptional(sms, 'authToken', value(e))} /></label>
          <label class="field">${t.smsFrom}<input type="tel" name="smsFrom" .value=${sms.from ?? ''} @input=${(e: Event) => setOptional(sms, 'from', value(e))} /></label>
          <label class="field">${t.messagingServiceSid}<input type="text" name="messagingServiceSid" .value=${sms.messagingServiceSid ?? ''} @input=${(e: Event) => setOptional(sms, 'messagingServiceSid', value(e))} /></label>
          <label class="field">${t.publicUrl}<input type="url" name="publicUrl" .value=${sms.publicUrl ?? ''} @input=${(e: Event) => setOptional(sms, 'publicUrl', value(e))} /></label>
          <label class="field">${t.apiBaseUrl}<input type="url" name="smsApiBaseUrl" .value=${sms.apiBaseUrl ?? ''} @input=${(e: Event) => setOptional(sms, 'apiBaseUrl', value(e))} /></label>`
      : nothing}
  </fieldset>`;
}
