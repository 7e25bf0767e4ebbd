/**
 * An attachment's image at full size (R7): a modal dialog in the top layer, so it has
 * the whole viewport, not the 380 px panel (issue 17); closed by its button or Escape.
 */
import { html, type TemplateResult } from 'lit';
import type { Translation } from '../../i18n/index.js';

/** What the zoom reads and calls. */
export interface ZoomHost {
  readonly t: Translation;
  setZoom(src: string | null): void;
  onZoomKey(e: KeyboardEvent): void;
}

export function zoomView(p: ZoomHost, src: string): TemplateResult {
  const t = p.t;
  return html`<dialog class="zoom" aria-label=${t.viewImage} @keydown=${p.onZoomKey}>
    <img src=${src} alt=${t.imageAlt} />
    <button class="zoom-close" aria-label=${t.closeImage} @click=${() => p.setZoom(null)}>✕</button>
  </dialog>`;
}
