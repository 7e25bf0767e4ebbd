/**
 * The conversation (R4, R5, R7, R8): one template for the welcome, the live thread and
 * the ended chat. The first message turns the welcome into the thread without
 * re-creating the thread or the composer, so focus and anything typed meanwhile stay
 * where they are.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ChatClient, View } from '../../client/chat-client.js';
import { composerView, type ComposerHost } from './composer.js';
import { messagesView, type MessageHost } from './message.js';
import { policyView, welcomeView } from './welcome.js';
import { transcriptView, type TranscriptHost } from './transcript.js';

/** What the conversation reads and calls. */
export interface ThreadHost extends MessageHost, ComposerHost, TranscriptHost {
  readonly client: ChatClient;
  /** How many of the latest messages the DOM holds. */
  readonly window: number;
  /** Messages arrived below while the shopper read above. */
  readonly unseenBelow: boolean;
  onScroll(e: Event): void;
  showOlder(): void;
  scrollToEnd(): void;
  newChat(): void;
}

export function threadView(p: ThreadHost, view: View): TemplateResult {
  const t = p.t;
  const c = p.client;
  const live = view === 'thread' || view === 'ended';
  const ended = view === 'ended';
  const all = c.$messages.get();
  const shown = all.slice(-p.window);
  const typing = c.$typing.get();
  const moreBefore = all.length > shown.length || c.$hasOlder.get();
  const config = c.$config.get();
  const welcome = config?.welcomeMessage;
  return html`${ended ? nothing : reconnectingView(p)}
    ${live && c.$connection.get() === 'unauthorized'
      ? html`<p class="notice error" part="notice" role="alert">${c.$error.get()?.code === 'forbidden' ? t.chatForbidden : t.sessionExpired}</p>`
      : nothing}
    <div class="thread body" part="thread" role="log" aria-live="polite" aria-relevant="additions" aria-label=${t.conversation} tabindex="0" @scroll=${p.onScroll}>
      ${moreBefore ? html`<button class="link-button older" @click=${p.showOlder}>${t.loadOlder}</button>` : nothing}
      ${welcome && !moreBefore ? welcomeView(welcome) : nothing}
      ${messagesView(p, shown)}
      ${typing ? html`<div class="bubble team typing" aria-label=${t.typing(typing.name ?? t.someone)}><span></span><span></span><span></span></div>` : nothing}
    </div>
    ${p.unseenBelow ? html`<button class="pill" @click=${p.scrollToEnd}>${t.newMessages} ↓</button>` : nothing}
    ${live ? nothing : policyView(t, config?.policy)}
    ${ended
      ? html`<div class="ended" part="notice">
          <p>${t.ended}</p>
          <button class="primary" @click=${p.newChat}>${t.startNew}</button>
          ${transcriptView(p)}
        </div>`
      : composerView(p)}`;
}

/** Offline, or the server out of reach (also for a first message still creating its chat: issue 13 #7). */
function reconnectingView(p: ThreadHost): TemplateResult | typeof nothing {
  const c = p.client;
  const away = c.$connection.get() === 'connecting' || !c.$online.get();
  return away ? html`<p class="notice" part="notice" role="status">${p.t.reconnecting}</p>` : nothing;
}
