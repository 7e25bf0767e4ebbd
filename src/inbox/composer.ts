/**
 * A ticket's reply composer (R16): the reply field, pending images, the emoji picker
 * and the macro list that `/` at the start of the reply opens, filtered by what follows.
 */
import { html, nothing } from 'lit';
import type { InboxTranslation } from '../i18n/inbox.js';
import { MAX_BODY_CHARS } from '../protocol/index.js';
import { emojiPicker } from './emoji.js';
import { icons } from './icons.js';
import type { ShopSettings } from './inbox-api.js';
import { IMAGE_TYPES, type PendingImage } from './upload-queue.js';

/** A saved quick reply. */
export type Macro = ShopSettings['macros'][number];

/** The composer's popups. */
export type ComposerMenu = 'emoji' | 'macros';

/** Whether the reply is a macro search: `/` and what follows, up to the first space. */
export const isMacroSearch = (draft: string): boolean => /^\/\S*$/.test(draft);

/** The macros matching the `/` search in the reply (all of them without one). */
export function macroMatches(macros: readonly Macro[], draft: string): Macro[] {
  const slash = /^\/(\S*)$/.exec(draft);
  const filter = (slash?.[1] ?? '').toLowerCase();
  return macros.filter((m) => !filter || m.name.toLowerCase().includes(filter) || m.body.toLowerCase().includes(filter));
}

/** What the composer shows and what its controls call back. */
export interface ComposerView {
  t: InboxTranslation;
  draft: string;
  images: readonly PendingImage[];
  canSend: boolean;
  /** The composer's popup that is open, if any. */
  open: ComposerMenu | null;
  macros: readonly Macro[];
  macroIndex: number;
  onSubmit(e: Event): void;
  onInput(e: Event): void;
  onKeydown(e: KeyboardEvent): void;
  onPaste(e: ClipboardEvent): void;
  onFiles(e: Event): void;
  toggle(menu: ComposerMenu): void;
  attach(): void;
  removeImage(key: string): void;
  insert(text: string): void;
  useMacro(body: string): void;
  /** Escape and Tab inside a popup. */
  onMenuKey(e: KeyboardEvent): void;
}

export function composer(v: ComposerView) {
  const { t, open } = v;
  const searching = open === 'macros' && macroMatches(v.macros, v.draft).length > 0;
  return html`
    <form class="composer" part="composer" @submit=${v.onSubmit}>
      ${open === 'emoji' ? emojiPicker(t.emoji, (e) => v.insert(e), v.onMenuKey) : nothing} ${open === 'macros' ? macroList(v) : nothing}
      ${v.images.length ? pendingImages(v) : nothing}
      <label class="sr-only" for="reply">${t.reply}</label>
      <textarea
        id="reply"
        part="input"
        dir="auto"
        maxlength=${MAX_BODY_CHARS}
        placeholder=${t.inputPlaceholder}
        .value=${v.draft}
        aria-autocomplete="list"
        aria-controls=${open === 'macros' ? 'macro-list' : nothing}
        aria-activedescendant=${searching ? `macro-${v.macroIndex}` : nothing}
        @input=${v.onInput}
        @keydown=${v.onKeydown}
        @paste=${v.onPaste}
      ></textarea>
      <div class="tools">
        <button type="button" class="icon-btn" data-trigger="emoji" aria-haspopup="dialog" aria-label=${t.emoji} aria-expanded=${open === 'emoji' ? 'true' : 'false'} @click=${() => v.toggle('emoji')}>${icons.emoji}</button>
        <button type="button" class="icon-btn" aria-label=${t.attach} @click=${() => v.attach()}>${icons.image}</button>
        <button type="button" class="icon-btn" data-trigger="macros" aria-haspopup="listbox" aria-label=${t.macros} aria-expanded=${open === 'macros' ? 'true' : 'false'} @click=${() => v.toggle('macros')}>${icons.macro}</button>
        <input type="file" accept=${IMAGE_TYPES.join(',')} multiple hidden @change=${v.onFiles} />
        <span class="spacer"></span>
        <button class="btn primary" part="send-button" type="submit" ?disabled=${!v.canSend}>${t.send}</button>
      </div>
    </form>
  `;
}

function pendingImages({ t, images, removeImage }: ComposerView) {
  return html`<div class="pending">
    ${images.map(
      (img) => html`<figure>
        <img src=${img.preview} alt=${img.name} />
        ${img.attachment || img.error ? nothing : html`<progress max="1" .value=${img.progress} aria-label=${`${t.uploading} ${img.name}`}></progress>`}
        ${img.error ? html`<figcaption>${img.error}</figcaption>` : nothing}
        <button type="button" class="remove" aria-label=${`${t.removeImage} ${img.name}`} @click=${() => removeImage(img.key)}>×</button>
      </figure>`,
    )}
  </div>`;
}

function macroList(v: ComposerView) {
  const t = v.t;
  const matches = macroMatches(v.macros, v.draft);
  // The listbox holds options only (axe aria-required-children); an empty state is a note beside it.
  return html`<div class="popover" id="macro-list" @keydown=${v.onMenuKey}>
    ${!matches.length
      ? html`<p class="muted" role="status">${!v.macros.length ? t.noMacros : t.noMacroMatch}</p>`
      : html`<div role="listbox" aria-label=${t.macros}>
          ${matches.map(
            (m, i) => html`<button type="button" class="option" role="option" id=${`macro-${i}`} aria-selected=${i === v.macroIndex ? 'true' : 'false'} @click=${() => v.useMacro(m.body)}>
              <span class="macro-name">${m.name}</span><span class="macro-body">${m.body}</span>
            </button>`,
          )}
        </div>`}
  </div>`;
}
