/**
 * A client error in the shopper's words: the client reports codes, the widget says
 * them in the shopper's language (the `customer-hub-error` event's `message`).
 */
import type { ChatError } from '../../client/chat-client.js';
import type { Translation } from '../../i18n/index.js';
import { MAX_BODY_CHARS } from '../../protocol/index.js';
import { panelTexts } from '../../i18n/panel-texts.js';

/** The widget's text for the codes it explains; else the server's words, or a generic line. */
export function errorText(t: Translation, e: ChatError): string {
  if (e.code === 'too_large') return t.tooLong(MAX_BODY_CHARS);
  // Issue 17: a message with images after the shop switched them off; a transcript for an account without an address.
  if (e.code === 'attachments_off') return panelTexts(t).attachments_off;
  if (e.code === 'no_email') return panelTexts(t).noEmail;
  if (e.code === 'forbidden') return t.chatForbidden;
  if (e.code === 'unauthorized') return t.sessionExpired;
  if (e.code === 'login_required') return t.loginText;
  return e.message === e.code ? t.errorGeneric : e.message;
}
