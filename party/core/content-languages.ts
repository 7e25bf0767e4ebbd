/**
 * Merchant content in the shopper's language (issue 17): the settings' `translations`
 * of the welcome, away and handoff messages, the reply-time sentence and the FAQs,
 * which language a shopper gets, and the content in it with a per-item fallback to the
 * shop's default language.
 * Plain-string settings (no `translations`) are the default language's content, so
 * settings stored before this keep working unchanged.
 */
import { MAX_BODY_CHARS } from '../../src/protocol/index.js';
import { array, literal, object, optional, record, string, type Infer } from '../../src/protocol/schema.js';
import { knowledgeFrom } from './ai/responder.js';
import type { KnowledgeItem } from './ai/retrieval.js';
import { CONTENT_LANGUAGES, MAX_TRANSLATIONS, type ContentLanguage } from '../../src/protocol/languages.js';

export const languageSchema = literal(...CONTENT_LANGUAGES);
const text = (max: number) => optional(string({ max }));
/** One language's content; a field left out (or blank) falls back to the default language's. */
export const translationSchema = object({
  welcomeMessage: text(MAX_BODY_CHARS),
  awayMessage: text(MAX_BODY_CHARS),
  handoffMessage: text(MAX_BODY_CHARS),
  /** The header's reply-time sentence (the settings' `replyTimeMessage`) in this language. */
  replyTimeMessage: text(200),
  faqs: optional(array(object({ id: string({ min: 1, max: 64 }), question: text(500), answer: text(MAX_BODY_CHARS) }), { max: 200 })),
});
export type Translation = Infer<typeof translationSchema>;
/** `translations`: keyed by language; `record` checks the values, `refuseTranslations` the keys. */
export const translationsSchema = record(translationSchema);

/** The fields of the settings this file reads (a structural slice of `Settings`). */
export interface ContentSettings {
  defaultLanguage?: ContentLanguage;
  translations?: Record<string, Translation>;
  welcomeMessage: string;
  replyTimeMessage?: string;
  faqs: Array<{ id: string; question: string; answer: string; published: boolean }>;
  officeHours: { awayMessage: string };
  ai: { knowledge: Array<{ title: string; text: string; url?: string }>; handoff: { message?: string } };
}

/** Why these translations cannot be saved, or null (after the schema's own checks). */
export function refuseTranslations(s: ContentSettings): string | null {
  const entries = Object.entries(s.translations ?? {});
  if (entries.length > MAX_TRANSLATIONS) return `translations: at most ${MAX_TRANSLATIONS} languages besides the default one`;
  const ids = new Set(s.faqs.map((f) => f.id));
  for (const [lang, tr] of entries) {
    if (!(CONTENT_LANGUAGES as readonly string[]).includes(lang)) return `translations.${lang.slice(0, 20)}: unknown language (use a code such as fr, de, es)`;
    if (lang === defaultLanguage(s)) return `translations.${lang}: the default language's content is in the main fields`;
    const seen = new Set<string>();
    for (const f of tr.faqs ?? []) {
      if (!ids.has(f.id)) return `translations.${lang}.faqs: no FAQ has the id ${f.id}`;
      if (seen.has(f.id)) return `translations.${lang}.faqs: ${f.id} is translated twice`;
      seen.add(f.id);
    }
  }
  return null;
}

export const defaultLanguage = (s: Pick<ContentSettings, 'defaultLanguage'>): ContentLanguage => s.defaultLanguage ?? 'en';

/**
 * The language a shopper gets content in: their tag's primary subtag (`fr-CA` → `fr`)
 * when the shop has content in it, else the shop's default language.
 */
export function contentLanguage(s: ContentSettings, requested: string | null | undefined): string {
  const primary = (requested ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return primary && Object.hasOwn(s.translations ?? {}, primary) ? primary : defaultLanguage(s);
}

/** Text or, when it is missing or blank, the default's. */
const or = (translated: string | undefined, fallback: string): string => (translated?.trim() ? translated : fallback);

/** The merchant's content in `lang` (from `contentLanguage`), each item falling back to the default language. */
export function contentIn(s: ContentSettings, lang: string) {
  const tr = lang === defaultLanguage(s) ? undefined : s.translations?.[lang];
  const faqTr = new Map((tr?.faqs ?? []).map((f) => [f.id, f]));
  const handoff = s.ai.handoff.message;
  return {
    welcomeMessage: or(tr?.welcomeMessage, s.welcomeMessage),
    awayMessage: or(tr?.awayMessage, s.officeHours.awayMessage),
    handoffMessage: handoff === undefined ? undefined : or(tr?.handoffMessage, handoff),
    // Blank in every language: the header says the computed estimate, in the widget's words.
    replyTimeMessage: or(tr?.replyTimeMessage, s.replyTimeMessage ?? '').trim(),
    faqs: s.faqs.map((f) => ({ ...f, question: or(faqTr.get(f.id)?.question, f.question), answer: or(faqTr.get(f.id)?.answer, f.answer) })),
  };
}

/** What a ticket in another language than the default uses instead (R9, R10, R11). */
export interface TicketContent {
  awayMessage: string;
  handoffMessage?: string;
  /** The AI agent's knowledge with the FAQs in this language; absent while the agent is off. */
  knowledge?: KnowledgeItem[];
}

/** Each translated language's ticket content, for `TicketSettings.languages`. */
export function ticketContents(s: ContentSettings, aiOn: boolean): Record<string, TicketContent> {
  const out: Record<string, TicketContent> = {};
  for (const lang of Object.keys(s.translations ?? {})) {
    if (lang === defaultLanguage(s)) continue;
    const c = contentIn(s, lang);
    const content: TicketContent = { awayMessage: c.awayMessage };
    if (c.handoffMessage !== undefined) content.handoffMessage = c.handoffMessage;
    if (aiOn) content.knowledge = knowledgeFrom(c.faqs, s.ai.knowledge);
    out[lang] = content;
  }
  return out;
}
