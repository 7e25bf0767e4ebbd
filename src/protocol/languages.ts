/**
 * The languages a merchant may write content in (issue 17: ISO 639-1 codes), shared by
 * the server's settings check and the inbox's language editor. A closed list, so a
 * settings key is never a made-up or hostile string.
 */
export const CONTENT_LANGUAGES = [
  'ar', 'bg', 'ca', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'he', 'hi', 'hr', 'hu', 'id', 'it', 'ja', 'ko',
  'lt', 'lv', 'ms', 'nb', 'nl', 'pl', 'pt', 'ro', 'ru', 'sk', 'sl', 'sr', 'sv', 'th', 'tr', 'uk', 'vi', 'zh',
] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];
/** Languages besides the default one: bounded, so the settings stay one small stored value. */
export const MAX_TRANSLATIONS = 10;
