/**
 * The launcher's reply preview (issue 17 B2), as Intercom shows one: while the panel is
 * closed, the team's latest unread message beside the launcher, its author and first line
 * (as text); a click opens the chat, its dismiss button hides it for that message
 * (remembered across reloads). Never for the shopper's own messages, system notices, or
 * pages without our launcher (`launcher="none"`: they get `customer-hub-message`).
 *
 * It lives in the panel's chunk (the client that receives messages is here) and draws into
 * the launcher's box (`launcherBox()`), a polite live region the plain launcher keeps. Its
 * styles are the panel's (panel-styles.ts).
 */
import { html, nothing, render } from 'lit';
import type { ChatClient } from '../client/chat-client.js';
import { newest } from '../client/message-marks.js';
import type { KeyValueStore } from '../client/outbox.js';
import type { CustomerHubChat } from './customer-hub-chat.js';
import { en } from '../i18n/en.js';
import { panelTexts } from '../i18n/panel-texts.js';

/** Shows, changes or hides the preview in the launcher's box; returns the box. */
export function replyPreview(host: CustomerHubChat, client: Pick<ChatClient, '$messages' | '$unread' | '$ticket'>, storage: KeyValueStore, box?: HTMLElement): HTMLElement {
  const m = newest(client.$messages.get(), (m) => m.author.role !== 'shopper');
  const key = `${host.storageKey}:preview`;
  // `ticket:seq` of the message: a dismissed preview stays dismissed for it, in this tab and after a reload.
  const mark = `${client.$ticket.get()?.id}:${m?.seq}`;
  const t = host.t ?? en;
  // Seen in the open panel is as good as dismissed (the read receipt comes back later).
  if (host.open && m && storage.getItem(key) !== mark) storage.setItem(key, mark);
  const show =
    (m?.author.role === 'agent' || m?.author.role === 'ai') &&
    !host.open &&
    host.mode === 'launcher' &&
    host.launcher !== 'none' &&
    client.$unread.get() > 0 &&
    storage.getItem(key) !== mark;
  // The launcher's own live region beside its button (made before any news, kept).
  box ??= host.launcherBox();
  render(
    show
      ? html`<div class="bubble team preview" part="reply-preview">
          <button class="link-button" @click=${() => host.show()}>
            <b>${m.author.role === 'ai' ? t.ai : m.author.name || t.team}</b>${m.body.trim().split('\n')[0] || t.imageAlt}
          </button>
          <button
            class="icon-button"
            aria-label=${panelTexts(t).dismiss}
            @click=${() => {
              storage.setItem(key, mark);
              host.requestUpdate();
            }}
          >
            ✕
          </button>
        </div>`
      : nothing,
    box,
  );
  return box;
}
