/**
 * The composer's images (issue 17 B1): the "+" with its hidden picker, the chips of
 * pending images (preview named by the file, progress, remove, or the refusal in words), pastes and drops
 * onto the panel. The "+" shows only while the shopper's chat is open and the shop
 * takes images. Styled mostly by the thread's own classes, for size (panel-styles.ts; the remove button is
 * a 40 px round one, as the "+").
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ChatClient } from '../../client/chat-client.js';
import type { Translation } from '../../i18n/index.js';
import type { PanelTexts } from '../../i18n/panel-texts.js';
import type { ShopperUploads } from '../shopper-uploads.js';

/** What the images' views read and call. */
export interface AttachHost {
  readonly t: Translation;
  readonly x: PanelTexts;
  readonly client: Pick<ChatClient, '$ticket' | '$config'>;
  readonly uploads: ShopperUploads;
}

/** Whether the shopper's chat takes messages (open or snoozed): images go to a chat that exists. */
const chatOpen = (p: AttachHost): boolean => (p.client.$ticket.get()?.status ?? 'closed') !== 'closed';

export const attachButton = (p: AttachHost): TemplateResult | typeof nothing =>
  chatOpen(p) && p.client.$config.get()?.attachments !== false
    ? html`<button type="button" class="send attach" aria-label=${p.x.attach} @click=${(e: Event) => ((e.currentTarget as Element).nextElementSibling as HTMLElement).click()}>+</button
        ><input
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          multiple
          hidden
          @change=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            p.uploads.stage(input.files!);
            // The same file again is a new pick.
            input.value = '';
          }}
        />`
    : nothing;

export const pendingView = (p: AttachHost): TemplateResult | typeof nothing =>
  p.uploads.images.length
    ? // One live region for the chips, not an alert each: a batch of refusals is one announcement.
      html`<ul class="row pending" aria-live="polite">
        ${p.uploads.images.map(
          (i) =>
            html`<li>
              ${p.uploads.off || i.error
                ? html`<span class="status failed">${p.x[(p.uploads.off ? 'attachments_off' : i.error) as keyof PanelTexts] ?? p.x.net}</span>`
                : i.attachment
                  ? html`<img src=${i.attachment.url} alt=${i.name} />`
                  : html`<progress aria-label=${p.t.sending}></progress>`}
              <button
                type="button"
                class="send attach"
                aria-label=${`${p.x.remove}: ${i.name}`}
                @click=${(e: Event) => {
                  p.uploads.remove(i);
                  // The button leaves with its chip: the keyboard goes on from the field, not from the page's top.
                  ((e.currentTarget as Element).getRootNode() as ShadowRoot).querySelector('textarea')!.focus();
                }}
              >
                ×
              </button>
            </li>`,
        )}
      </ul>`
    : nothing;

/**
 * Files pasted or dropped anywhere on the widget: taken while the chat is open (refused in
 * words when the shop takes none, or before the first message made the chat), and never left to the browser, which would navigate to
 * a dropped file; a text paste stays text, and the text of a paste with files goes into the focused field. Returns the function that stops listening.
 */
export function listenForImages(root: Node, p: AttachHost): () => void {
  const stop = new AbortController();
  for (const type of ['paste', 'dragover', 'drop'])
    root.addEventListener(
      type,
      (e) => {
        const data = (e as ClipboardEvent).clipboardData ?? (e as DragEvent).dataTransfer;
        if (!data?.types.includes('Files')) return;
        e.preventDefault();
        // A clipboard with text beside the picture: the text lands at the caret too, as a paste (undoable, an `input` event).
        const text = type === 'paste' && data.getData('text/plain');
        if (text) document.execCommand('insertText', false, text);
        // A drag's files are read on its drop; before the chat exists (R6) they are refused in words, not dropped silently.
        // Only where the composer shows their chips: not on the FAQ home nor the rating (review r1 #1).
        if (type !== 'dragover' && (root as ParentNode).querySelector('.composer')) p.uploads.stage(data.files, chatOpen(p) ? undefined : 'first');
      },
      stop,
    );
  return () => stop.abort();
}
