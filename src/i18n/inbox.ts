/** The inbox's translations: English bundled, French on demand (the shopper's bundle has none of these). */
import { inboxEn, type InboxTranslation } from './inbox-en.js';
import type { Locale } from './index.js';

export type { InboxTranslation };
export { inboxEn };

const loaded: Partial<Record<Locale, InboxTranslation>> = { en: inboxEn };

export function inboxTranslation(locale: Locale): InboxTranslation | undefined {
  return loaded[locale];
}

export async function loadInboxTranslation(locale: Locale): Promise<InboxTranslation> {
  if (!loaded[locale] && locale === 'fr') loaded.fr = (await import('./inbox-fr.js')).inboxFr;
  return loaded[locale] ?? inboxEn;
}
