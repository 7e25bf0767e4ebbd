/** The settings form's `chat.rating` switch (issue 17): ask shoppers to rate ended chats; on unless switched off. */
import { html } from 'lit';
import type { InboxTranslation } from '../i18n/inbox.js';
import type { ShopSettings } from './inbox-api.js';
import { checked } from './settings-fields.js';

export function ratingSetting(d: ShopSettings, t: InboxTranslation) {
  return html`<label class="check"
    ><input type="checkbox" name="chatRating" .checked=${d.chat?.rating !== false} @change=${(e: Event) => (d.chat = { ...d.chat, rating: checked(e) })} /> ${t.ratingSetting}</label
  >`;
}
