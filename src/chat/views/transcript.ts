/**
 * "E-mail me this conversation" in the ended chat (issue 17): one button, then where it
 * went ("Sent to a•••@example.com", focused for screen readers) or why not, in words
 * (errorText, as for every refusal). Offered only to a logged-in shopper when the shop
 * sends transcripts (`config.transcript`) and the transport can ask. Its texts are the
 * panel's own (`panel-texts.ts`), not in the launcher's first load.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ChatClient, ChatError } from '../../client/chat-client.js';
import type { Translation } from '../../i18n/index.js';
import type { PanelTexts } from '../../i18n/panel-texts.js';
import type { TranscriptSent } from '../../protocol/index.js';
import { errorText } from './error-text.js';

/** One ticket's request, kept by the panel across renders: on its way, where it went, or why not. */
export interface TranscriptState {
  id?: string;
  busy?: boolean;
  to?: string;
  error?: string;
}

/** What the view reads and calls. */
export interface TranscriptHost {
  readonly t: Translation;
  readonly x: PanelTexts;
  readonly client: ChatClient;
  readonly transcript: TranscriptState;
  /** The transport's `emailTranscript`, when it has one. */
  readonly emailTranscript: ((ticketId: string) => Promise<TranscriptSent>) | undefined;
  /** Re-renders; with a selector, moves focus there afterwards. */
  rerender(focus?: string): void;
}

export function transcriptView(p: TranscriptHost): TemplateResult | typeof nothing {
  const c = p.client;
  const id = c.$ticket.get()?.id;
  const send = p.emailTranscript;
  let s = p.transcript;
  if (!send || !id || !c.$config.get()?.transcript || !c.$session.get()?.customer) return nothing;
  // A new chat starts afresh.
  if (s.id !== id) s = Object.assign(s, { id, busy: false, to: '', error: '' });
  const ask = async (): Promise<void> => {
    Object.assign(s, { busy: true, error: '' });
    p.rerender();
    try {
      s.to = (await send(id)).sentTo;
    } catch (e) {
      s.error = errorText(p.t, e as ChatError);
    }
    s.busy = false;
    p.rerender(s.to ? '.transcript p' : undefined);
  };
  return html`<div class="transcript">
    ${s.to
      ? html`<p role="status" tabindex="-1">${p.x.sent + s.to}</p>`
      : html`<button class="secondary" ?disabled=${s.busy} @click=${ask}>${p.x.ask}</button>`}
    ${s.error ? html`<p class="notice error" role="alert">${s.error}</p>` : nothing}
  </div>`;
}
