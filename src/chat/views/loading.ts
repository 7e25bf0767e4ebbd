/** The panel while the chat loads: a skeleton of bubbles (the launcher's own, before the chat's code is there, and the chat's). */
import { html, type TemplateResult } from 'lit';
import type { LauncherTranslation } from '../../i18n/en-launcher.js';

/** `body`: the chat's, which fills the panel as its views do. */
export function loadingView(t: LauncherTranslation, body = false): TemplateResult {
  return html`<div class="skeleton${body ? ' body' : ''}" aria-busy="true"><span class="visually-hidden">${t.loading}</span><span></span><span class="short"></span><span class="mid"></span></div>`;
}
