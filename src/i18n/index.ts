/**
 * Typed translations, per element (not per document): two widgets, or a widget and
 * the inbox, may show different languages on one page. English is bundled; other
 * languages load on demand with literal import paths (bundlers need them). This module is
 * in the widget's first load, so it never imports en.ts: the launcher has its few English
 * strings (en-launcher.ts) and the panel's chunk brings the rest.
 */
import type { Translation } from './en.js';

export type { Translation };
export const SUPPORTED = ['en', 'fr'] as const;
export type Locale = (typeof SUPPORTED)[number];

/** The best supported locale for a BCP 47 tag (`fr-CA` → `fr`), English otherwise. */
export function resolveLocale(tag: string | null | undefined): Locale {
  const base = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return (SUPPORTED as readonly string[]).includes(base ?? '') ? (base as Locale) : 'en';
}

/**
 * An element's locale, the one rule for the widget and the inbox, for its texts and its
 * dates alike: its own `lang`, else the page's, resolved to a supported locale. So no
 * German weekday inside an English sentence, and no tag that `Intl` throws on (`fr_CA`).
 */
export const localeOf = (lang: string, pageLang = document.documentElement.lang): Locale => resolveLocale(lang || pageLang);

const loaded: Partial<Record<Locale, Translation>> = {};

/** A loaded language other than English (English is `en.ts`, bundled where it is shown). */
export function translation(locale: Locale): Translation | undefined {
  return loaded[locale];
}

/** Loads a language other than English; undefined for English. */
export async function loadTranslation(locale: Locale): Promise<Translation | undefined> {
  if (!loaded[locale]) {
    if (locale === 'fr') loaded.fr = (await import('./fr.js')).fr;
  }
  return loaded[locale];
}
