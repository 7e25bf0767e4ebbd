/**
 * Times of day as the viewer writes them, one formatter for the widget and the inbox
 * (issue 17): "7:39 AM" in en-US, "7:39" in en-GB and in French (24-hour clocks). The language is the
 * element's (its texts' language, so no English clock in a French sentence); the
 * region, which decides 12 or 24 hours, comes from the tag when it has one, else from
 * the browser's own language when that is the same language.
 */
import { resolveLocale } from './index.js';

/** The BCP 47 tag to format times and dates with, for an element's `lang` (or the page's). */
export function timeLocale(lang: string, pageLang = document.documentElement.lang): string {
  const ui = resolveLocale(lang || pageLang);
  for (const tag of [lang || pageLang, navigator.language]) {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag.replace(/_/g, '-'));
      if (canonical?.includes('-') && resolveLocale(canonical) === ui) return canonical;
    } catch {
      // Not a language tag (`fr_CA!`, or none): the next candidate, else the language alone.
    }
  }
  return ui;
}

/** A time of day ("7:39 AM", "19:39"). */
export function formatTime(locale: string, at: Date | string): string {
  return new Date(at).toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' });
}
