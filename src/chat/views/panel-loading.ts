/**
 * The panel's skeleton while the chat loads its config and session (issue 17): the
 * shapes of what comes, a team bubble, the shopper's, and the composer, under the real
 * header. `aria-busy` and one spoken "Loading"; nothing moves (reduced motion or not).
 */
import { html, type TemplateResult } from 'lit';
import type { Translation } from '../../i18n/index.js';

export function panelLoadingView(t: Translation): TemplateResult {
  return html`<div class="skeleton body" aria-busy="true"><span class="visually-hidden">${t.loading}</span><span></span><span class="short"></span><span></span></div>
    <div class="composer" aria-hidden="true"><span class="skeleton-field"></span><span class="send"></span></div>`;
}
