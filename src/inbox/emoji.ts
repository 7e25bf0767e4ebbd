/** The composer's emoji picker: a fixed table of common emoji, each with the name a screen reader says. */
import { html } from 'lit';

const EMOJI: Array<[string, string]> = [
  ['😀', 'grinning'], ['😊', 'smile'], ['🙂', 'slight smile'], ['😉', 'wink'], ['😍', 'heart eyes'], ['🤗', 'hug'],
  ['🤔', 'thinking'], ['😅', 'sweat smile'], ['😂', 'joy'], ['😢', 'sad'], ['😮', 'surprised'], ['🙏', 'thank you'],
  ['👍', 'thumbs up'], ['👌', 'ok'], ['👏', 'clap'], ['🙌', 'hooray'], ['💪', 'strong'], ['👋', 'wave'],
  ['❤️', 'heart'], ['💙', 'blue heart'], ['✨', 'sparkles'], ['🎉', 'party'], ['🎁', 'gift'], ['🔥', 'fire'],
  ['✅', 'check'], ['❌', 'cross'], ['⚠️', 'warning'], ['📦', 'package'], ['🚚', 'delivery'], ['🛒', 'cart'],
  ['💳', 'card'], ['📧', 'e-mail'], ['📞', 'phone'], ['⏰', 'alarm'], ['📅', 'calendar'], ['🔄', 'exchange'],
];

/** The picker's popover: a dialog whose buttons hand their emoji to `pick`. */
export function emojiPicker(label: string, pick: (emoji: string) => void, onKey: (e: KeyboardEvent) => void) {
  return html`<div class="popover" role="dialog" aria-label=${label} @keydown=${onKey}>
    <div class="emoji-grid">
      ${EMOJI.map(([e, name]) => html`<button type="button" aria-label=${name} @click=${() => pick(e)}>${e}</button>`)}
    </div>
  </div>`;
}
