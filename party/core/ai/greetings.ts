/**
 * Messages that ask nothing (issue 18, R10, R11): a greeting ("hi", "bonjour 👋"), thanks
 * ("merci beaucoup") or an acknowledgement ("ok"). They get a short prompt back in the
 * shopper's language and are not questions the agent failed to answer, so they never
 * count towards `maxUnresolvedTurns`. A greeting with a question ("hi, where is my
 * order?") is the question: every word must be one of these for the message to be one.
 */
import { fold, splitWords } from './stemmer.js';

export type Courtesy = 'hello' | 'thanks' | 'ok';

// The words that make a message a courtesy, and which one; French ones set the language.
const EN_CORE: Record<string, Courtesy> = {
  hi: 'hello', hello: 'hello', hey: 'hello', hiya: 'hello', howdy: 'hello', yo: 'hello', morning: 'hello', afternoon: 'hello', evening: 'hello', greetings: 'hello',
  thanks: 'thanks', thank: 'thanks', thx: 'thanks', ty: 'thanks', cheers: 'thanks', thankyou: 'thanks',
  ok: 'ok', okay: 'ok', k: 'ok', kk: 'ok', cool: 'ok', great: 'ok', perfect: 'ok', alright: 'ok', noted: 'ok', awesome: 'ok', nice: 'ok',
};
const FR_CORE: Record<string, Courtesy> = {
  bonjour: 'hello', bonsoir: 'hello', salut: 'hello', coucou: 'hello', re: 'hello',
  merci: 'thanks',
  daccord: 'ok', dac: 'ok', parfait: 'ok', super: 'ok', genial: 'ok', top: 'ok', entendu: 'ok',
};
// Words that may go with them ("hey there", "good morning", "thanks a lot", "merci
// beaucoup", "bonjour à tous", "d'accord"): alone they make no courtesy.
const WITH = new Set(
  ('there all everyone guys team folks good you so much a lot very again for that the help it got sounds ' +
  'beaucoup bien tous toutes tout le monde a vous madame monsieur encore pour bonne journee soiree d accord tres ca marche'
  ).split(' '),
);

const EMOJI: Record<string, Courtesy> = { '👋': 'hello', '🙂': 'hello', '😊': 'hello', '😀': 'hello', '🙏': 'thanks', '👍': 'ok', '👌': 'ok' };

function emojiCourtesy(text: string): { kind: Courtesy; lang: 'en' } | null {
  // Skin tones and variation selectors go with the emoji they follow.
  const emoji = [...text.replace(/[\p{P}\s\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]/gu, '')];
  if (!emoji.length || !emoji.every((e) => e in EMOJI)) return null;
  return { kind: emoji.map((e) => EMOJI[e]!).includes('thanks') ? 'thanks' : EMOJI[emoji[0]!]!, lang: 'en' };
}

/** What courtesy the message is, and in which language; null when it says anything else. */
export function courtesyOf(text: string): { kind: Courtesy; lang: 'en' | 'fr' } | null {
  const words = splitWords(fold(text).replace(/\bd'accord\b/g, 'daccord'));
  // Only emoji and punctuation: a wave, thanks or thumbs up is a courtesy; any other ("😡", "📦?") may mean something.
  if (!words.length) return emojiCourtesy(text);
  let kind: Courtesy | null = null;
  let fr = false;
  for (const w of words) {
    const found = FR_CORE[w] ?? EN_CORE[w];
    if (found) {
      fr ||= w in FR_CORE;
      // Thanks wins over hello ("hi, thanks!"), hello over ok.
      if (!kind || found === 'thanks' || (found === 'hello' && kind === 'ok')) kind = found;
    } else if (!WITH.has(w)) return null;
  }
  return kind && { kind, lang: fr ? 'fr' : 'en' };
}

const REPLIES: Record<'en' | 'fr', Record<Courtesy, string>> = {
  en: { hello: 'Hi! What can I help you with?', thanks: "You're welcome! Is there anything else I can help you with?", ok: 'Is there anything else I can help you with?' },
  fr: { hello: 'Bonjour ! Comment puis-je vous aider ?', thanks: 'Avec plaisir ! Puis-je vous aider pour autre chose ?', ok: 'Puis-je vous aider pour autre chose ?' },
};

/** The agent's prompt back to a message that asks nothing; null when the message asks something. */
export function courtesyReply(text: string): string | null {
  const c = courtesyOf(text);
  return c && REPLIES[c.lang][c.kind];
}
