/** The panel while the chat loads: a skeleton of bubbles (the launcher's own, before the chat's code is there, and the chat's). */
import { html, type TemplateResult } from 'lit';
import type { Translation } from '../../i18n/index.js';

/** `body`: the chat's, which fills the panel as its views do. */
export function loadingView(t: Translation, body = false): TemplateResult {
  return html`<div class="skeleton${body ? ' body' : ''}" aria-busy="true"><span class="visually-hidden">${t.loading}</span><span></span><span class="short"></span><span class="mid"></span></div>`;
}
