/**
 * FAQ search (R3): the shopper's words in any order, accents and case folded, in the
 * question or the answer, best match first. Small on purpose (no library): a handful
 * of FAQs needs ranking, not an index.
 */
import type { Faq } from '../protocol/index.js';

/** Words too common to tell FAQs apart (English and French), ignored unless the query has nothing else. */
const STOP = new Set(
  'a an and are can do does for how i in is it my of on or the to what when where who why you your au aux ce de des du en est et je la le les ma mes mon ou pour que qui un une vos votre'.split(' '),
);

/** Lower case, accents off (`Expédition` → `expedition`), anything but letters and digits a separator. */
export function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Light stemming: a plural's trailing "s" ("refunds" → "refund"), never on short words ("is", "bus"). */
export function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/**
 * How well one query term matches a text's stems: 2 for the same word, 1 for a word
 * it begins (the shopper is still typing: "ship" finds "shipping"), 0 otherwise.
 */
function termScore(term: string, stems: string[]): number {
  let best = 0;
  for (const s of stems) {
    if (s === term) return 2;
    if (term.length >= 3 && s.startsWith(term)) best = 1;
  }
  return best;
}

/**
 * The FAQs matching `query`, best first (ties keep the merchant's order). Each query
 * word counts where it is found, a match in the question three times one in the
 * answer; an FAQ matching more of the words ranks higher. An empty query lists all.
 */
export function searchFaqs(faqs: readonly Faq[], query: string): Faq[] {
  const all = words(query).map(stem);
  const meaningful = all.filter((w) => !STOP.has(w));
  const terms = meaningful.length ? meaningful : all;
  if (!terms.length) return [...faqs];
  return faqs
    .map((faq, index) => {
      const question = words(faq.question).map(stem);
      const answer = words(faq.answer).map(stem);
      let score = 0;
      let matched = 0;
      for (const term of terms) {
        const s = 3 * termScore(term, question) + termScore(term, answer);
        if (s) matched++;
        score += s;
      }
      return { faq, index, score: matched * 100 + score };
    })
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((r) => r.faq);
}
