/**
 * Words as retrieval compares them (issue 18): case and accents folded, and a light
 * stemmer for English and French together (return/returns/returned, livraison/livrer/
 * livrée), in the spirit of Porter's and Savoy's light stemmers. One rule set serves
 * both languages because a shop's texts and a shopper's message mix them; it only has
 * to be consistent, not linguistic: the synonym lists join what it leaves apart.
 */

/** Lower case, accents off (`Expédition` → `expedition`), typographic apostrophes plain. */
export const fold = (text: string): string =>
  text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\u2018\u2019`]/g, "'");

/** Folded words: letters and digits, anything else a separator. */
export const splitWords = (folded: string): string[] => folded.split(/[^a-z0-9]+/).filter(Boolean);

// Longest first; one of them comes off, then once more `er`/`e` (ordered → order → ord).
const SUFFIXES = ['issements', 'issement', 'ements', 'ement', 'ations', 'ation', 'itions', 'ition', 'ments', 'ment', 'aisons', 'aison', 'ateur', 'euse', 'eurs', 'eur', 'able', 'ings', 'ing', 'ons', 'ent', 'ees', 'ee', 'ed', 'er', 'ez', 'ly', 'e'];
const SECOND = ['er', 'e'];

function strip(word: string, suffixes: readonly string[]): string {
  for (const s of suffixes) {
    if (word.endsWith(s) && word.length - s.length >= 3) {
      const w = word.slice(0, -s.length);
      // shipp(ing) → ship, cancell(ed) → cancel: a doubled consonant left by the suffix.
      return /([b-df-hj-np-tv-z])\1$/.test(w) && !w.endsWith('ss') ? w.slice(0, -1) : w;
    }
  }
  return word;
}

/** The stem of a folded word. Short words and words with digits stay as they are. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/[^su]s$|ux$/.test(w) && !/is$/.test(w)) w = w.slice(0, -1);
  const once = strip(w, SUFFIXES);
  return once === w ? w : strip(once, SECOND);
}
