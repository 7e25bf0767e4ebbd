/** The panel when the chat could not load: say so, and offer to try again. */
import { html, type TemplateResult } from 'lit';
import type { Translation } from '../../i18n/index.js';

export function loadErrorView(t: Translation, retry: () => void): TemplateResult {
  return html`<div class="center body" role="alert">
    <p>${t.loadError}</p>
    <button class="primary" @click=${retry}>${t.tryAgain}</button>
  </div>`;
}
