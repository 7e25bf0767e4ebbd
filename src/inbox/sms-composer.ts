/**
 * What the composer shows and refuses on an SMS ticket (issue 16): the segment counter,
 * announced to screen readers only when the number of SMS or the encoding changes
 * (not at every key), the 1,600-character limit, and the notice of an opted-out number.
 */
import { css, html, nothing } from 'lit';
import type { InboxTranslation } from '../i18n/inbox.js';
import { SMS_MAX_CHARS, smsCount } from './sms.js';

/** Whether this reply cannot go out as an SMS. */
export const smsRefuses = (draft: string, optedOut: boolean): boolean => optedOut || smsCount(draft).tooLong;

/** The counter and notices under the reply of an SMS ticket; `id` is what the reply field is described by. */
export function smsStatus(id: string, draft: string, optedOut: boolean, t: InboxTranslation) {
  if (optedOut) return html`<p class="sms-status opted-out" id=${id} role="status">${t.optedOut}</p>`;
  const c = smsCount(draft);
  return html`<p class="sms-status" id=${id}>
    <span class="sms-counter ${c.tooLong ? 'over' : ''}" aria-hidden="true">${t.smsCounter(c.chars, SMS_MAX_CHARS, c.segments)}</span>
    <span class="sr-only" role="status">${c.segments > 0 ? t.smsSegments(c.segments, c.encoding === 'ucs2') : ''}</span>
    ${c.tooLong ? html`<span class="error" role="alert">${t.smsTooLong(c.chars, SMS_MAX_CHARS)}</span>` : nothing}
  </p>`;
}

/** The SMS parts of the conversation: the counter, the opted-out notice, media not shown. */
export const smsStyles = css`
  .sms-status {
    margin: 4px 0 0;
    font-size: 12px;
    color: var(--_muted);
    display: flex;
    gap: 8px;
    flex-wrap: wrap;
  }
  .sms-counter.over,
  .sms-status .error {
    color: var(--_danger);
  }
  .sms-status.opted-out {
    background: var(--_warn-bg);
    color: var(--_warn-fg);
    border-radius: 6px;
    padding: 6px 8px;
  }
  .file-attachment {
    font-size: 13px;
    color: var(--_muted);
    border: 1px dashed var(--_line);
    border-radius: 6px;
    padding: 4px 8px;
  }
`;
