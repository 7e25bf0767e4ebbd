/** The settings form's switch for shoppers' images (issue 17 B1: `chat.attachments`, on unless switched off). */
import { html } from 'lit';
import type { InboxTranslation } from '../i18n/inbox.js';
import type { ShopSettings } from './inbox-api.js';
import { checked } from './settings-fields.js';

export const attachmentsCheck = (d: ShopSettings, t: InboxTranslation) =>
  html`<label class="check"
    ><input type="checkbox" name="chatAttachments" .checked=${d.chat?.attachments !== false} @change=${(e: Event) => (d.chat = { ...d.chat, attachments: checked(e) })} />
    ${t.chatAttachments}</label
  >`;
