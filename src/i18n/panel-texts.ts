/**
 * Texts only the lazily loaded panel shows (issue 17 B: the shopper's images), kept out of
 * `en.ts`, which the first load carries: English ones here in the panel's chunk, other
 * languages in their own lazily loaded table (`fr.ts`'s `panel`). The reply preview reuses
 * `close`, the upload progress `sending`.
 */
const en = {
  attach: 'Attach an image',
  remove: 'Remove image',
  big: 'Too big: 5 MB at most.',
  type: 'Only PNG, JPEG, WebP or GIF images.',
  off: "Images can't be sent in this chat.",
  full: 'No more images for now.',
  net: 'Not sent. Check your connection.',
};

export type PanelTexts = typeof en;


/** The panel's texts in the element's translation: French ones ride in `fr.ts` (`panel`), English ones here. */
export const panelTexts = (t: object): PanelTexts => (t as { panel?: PanelTexts }).panel ?? en;
