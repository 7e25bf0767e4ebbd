/**
 * What a shopper's question asks beyond its words, and what a passage tells (issue 18):
 * steps ("how do I"), a delay ("when", "how long does it take") or a window to do
 * something ("until when"), whether they may ("can I"); a passage's permission ("you
 * can"), delays, windows, prices and figures. Retrieval (retrieval.ts) weighs its passages
 * by these; all patterns read folded text (stemmer.ts `fold`).
 */
import { fold } from './stemmer.js';

export const PRICE = /[€$£]\s?\d|\d\s?(€|\$|£|euros?\b|eur\b)/i;
export const STEPS = /^\s*(how (do|can|should) (i|we)|how to|comment (puis je|faire|je peux|peut on)?)\b/;
export const WHEN = /^\s*(when|quand)\b/;
/** A shopper asks whether they may ("Can I", "Is it possible", "Puis-je", "Est-ce que je peux"), not when or how. */
export const ASKS_WHETHER = /^\s*(?:(?:hi|hello|bonjour)\W+)?(can|could|may) (i|we)\b(?! (know|ask))|\b(is it possible|do you (give|offer|allow|accept|do)|are (returns|refunds|exchanges)|puis je|je peux|peut on|est ce que je peux|est ce possible|est il possible|c est possible|acceptez vous)\b/;
/** A delay stated ("within 5 to 10 days", "sous 2 jours"): a document's paragraph that states one and no permission tells when. */
export const DELAY = /\b\d+( (to|a|-) \d+)? (business |working )?(days?|weeks?|jours?|semaines?)\b/;
/** Until when one may do something: a window is the answer. */
export const ASKS_WINDOW = /\b(until when|how late|last day|deadline|time limit|jusqu a quand|dernier jour|date limite|still)\b/;
/** A shopper asks how long a thing takes ("How long does an exchange take?", "Combien de temps prend ..."), not until when they may. */
export const ASKS_TAKE = /\bhow long (does|do|will|would|should|is|are) .{0,60}\btake\b|\bcombien de temps (prend|met|faut)/;
/** "When ..." or "how long does it take": when a thing happens, not (see ASKS_WINDOW) until when one may do it. */
export const ASKS_WHEN_NOT_WINDOW = new RegExp(`^\\s*(when|quand)\\b|${ASKS_TAKE.source}`);
/** Whether each sentence of `text` that states a delay gives it as a window ("Yes, ... within 30 days", "You can cancel within 1 hour"), and one does. */
export function onlyWindows(text: string): boolean {
  const delays = fold(text).split(/[.;!?]+/).filter((p) => DELAY.test(p) || /\b\d+ hours?\b|\b\d+ heures?\b/.test(p));
  return delays.length > 0 && delays.every((p) => /\b(within|dans les|sous) \d/.test(p) && (PERMITS.test(p) || /\b(can|peut|peuvent|pouvez)\b/.test(p)));
}
/** A passage that says what one can or cannot do ("You can return", "cannot be returned", "Vous pouvez", "Yes."). */
export const PERMITS = /\b(you can|can be|cannot|can t|can not|vous pouvez|peuvent|ne peuvent|yes)\b/;
/** Steps asked for in other words than "how do I" ("washing instructions", "the best way to"). */
export const ASKS_STEPS = /\b(instructions?|best way to|way to|how to|procedure|mode d emploi|marche a suivre|la meilleure facon|conseils? (pour|de))\b/;
/** A shopper asks for a delay with "when", or by saying it has not come yet. */
export const ASKS_WHEN = /\b(when|quand|still|yet|toujours|encore|waiting|attends)\b|\bwhere(s| is| are) my\b|\bou (est|sont|en est) (mon|ma|mes)\b/;

/** Whether two passages state a figure in common ("30 days" and "30 jours"), or neither states any. */
export function sameFigures(a: string, b: string): boolean {
  const figures = (t: string) => new Set(t.match(/\d+/g) ?? []);
  const [fa, fb] = [figures(a), figures(b)];
  return (!fa.size && !fb.size) || [...fa].some((n) => fb.has(n));
}
