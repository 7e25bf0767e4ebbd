/**
 * Texts only the lazily loaded panel shows (issue 17 B: the shopper's images, the reply
 * preview's dismiss button, the transcript), kept out of `en.ts`, which the first load
 * carries: English ones here in the panel's chunk, other languages in their own lazily
 * loaded table (`fr.ts`'s `panel`). The upload progress reuses `sending`.
 */
import { en as chat } from './en.js';

const en = {
  attach: 'Attach an image',
  remove: 'Remove image',
  // The upload refusals, by their error codes (`shopper-uploads.ts`).
  too_large: 'Too big: 5 MB at most.',
  unsupported_type: 'Only PNG, JPEG, WebP or GIF images.',
  attachments_off: "Images can't be sent in this chat.",
  quota_exceeded: 'This chat holds no more images.',
  first: 'Send your message first, then add images.',
  many: '10 images at most in a message.',
  rate_limited: 'Too many images this minute: remove this one, try again shortly.',
  net: 'Not sent. Check your connection.',
  // The server's refusals of the chat itself, in the words the thread says them with (issue 19 goal 2).
  ticket_closed: chat.ended,
  forbidden: chat.chatForbidden,
  unauthorized: chat.sessionExpired,
  dismiss: 'Dismiss reply preview',
  ask: 'E-mail me this conversation',
  sent: 'Sent to ',
  noEmail: 'Your store account has no e-mail address.',
};

export type PanelTexts = typeof en;

/** The panel's texts in the element's translation: French ones ride in `fr.ts` (`panel`), English ones here. */
export const panelTexts = (t: object): PanelTexts => (t as { panel?: PanelTexts }).panel ?? en;
