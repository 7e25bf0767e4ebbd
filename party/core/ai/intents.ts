/**
 * What a message asks beyond its topic (R11, issue 18): a person (hand off at once),
 * an upset shopper or a disputed charge (a person does better than an FAQ), and its language (for the
 * responder's own lines and to prefer passages in it).
 */
import { fold } from './stemmer.js';

const HUMAN = [
  /\b(talk|speak|chat)\s+(to|with)\s+(a\s+|an\s+|someone|somebody|a real|your)?\s*(human|person|someone|somebody|agent|representative|rep|real person|staff|team)\b/,
  /\b(human|real person|live agent|real agent|customer service|customer support|representative|operator)\b/,
  /\b(is )?(any ?one|somebody|someone) (there|here|available)\b/,
  /^\s*(an?\s+)?(agent|human|person|operator)\s*(please|pls|now)?\s*[.!?]*\s*$/,
  /\b(someone|somebody) (from|on|in) (your|the) (team|staff|support|customer)/,
  /\b(call|phone|ring) me\b/,
  /\b(parler|discuter)\s+(a|avec)\s+(un|une|quelqu)/,
  /\b(conseill(er|ere)|humain|une vraie personne|un agent|service client)\b/,
  /\bquelqu.?un\b.*\b(appeler|rappeler|telephoner|parler|repondre)\b/,
  /\b(m'appeler|me rappeler|m'appelle|me telephoner)\b/,
];

/** Whether the shopper asks for a person (hand off at once, R11). */
export const asksForHuman = (text: string): boolean => {
  const t = fold(text);
  return HUMAN.some((re) => re.test(t));
};

const UPSET = /\b(ridiculous|unacceptable|outrageous|disgusting|furious|angry|pissed|scam|fraud|joke|worst|terrible|awful|horrible|useless|inadmissible|inacceptable|scandale|scandaleux|scandaleuse|honteux|honte|arnaque|escroquerie|colere|furieux|furieuse|nul|nulle|marre|degoute|lamentable)\b/;

/**
 * Whether the shopper sounds upset: words of anger, or a message shouted in capitals.
 * An FAQ answer to a complaint reads as a brush-off, so it goes to a person.
 */
export function soundsUpset(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  const shouted = letters.length >= 12 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
  return shouted || UPSET.test(fold(text)) || /[!?]{3,}/.test(text);
}

// A charge the shopper says was made ("I was charged for it", "you billed me", "on m'a
// facturé", "j'ai été débité"): a past charge, not what something costs ("will I be charged?").
const CHARGED = [
  /\b(i|we) (was|were|got|have been|ve been|ha(ve|s) been) (double )?(charged|billed|debited|overcharged)\b/,
  /\b(was|were) (i|we) (double )?(charged|billed|debited|overcharged)\b/,
  /\b(you|they) (have |ve )?(double )?(charged|billed|debited|overcharged) (me|us|my)\b/,
  /\b(on|vous|ils) (m|nous)'? ?(a|avez|ont) (facture|debite|preleve|compte|surfacture)/,
  /\b(j'?|nous) ?(ai|avons) ete (facture|debite|preleve|surfacture)/,
];
// What makes it disputed: charged twice or too much, for what they did not want, or asking why.
// (Told the charge beside a policy question, "I was charged for shipping on a €70 order, isn't
// it free?", the shopper asks the policy: retrieval answers it.)
const DISPUTED = /\b(twice|two times|double|overcharged|surfacture|deux fois|2 fois|en double|why|pourquoi|although|even though|alors que|pourtant|bien que|not|never|didn'?t|without|jamais|sans|pas)\b/;

/** Whether the shopper disputes a charge already made: the team's to look at, never an FAQ's price. */
export const disputesCharge = (text: string): boolean => {
  const t = fold(text);
  return CHARGED.some((re) => re.test(t)) && DISPUTED.test(t);
};

const FR = new Set('le la les des est et pour vous je j mon ma mes quand comment combien quel quelle quels quelles livraison commande avez etes peut puis pouvez vos votre une du au aux sont ou est-ce bonjour merci svp ne pas retour taille'.split(' '));
const EN = new Set('the is are for you my how when what can do does order i your a an to of have will shipping return size please hi hello'.split(' '));

/** French or English, from the common words the text uses and its accents. */
export function guessLanguage(text: string): 'fr' | 'en' {
  const words = fold(text).split(/[^a-z]+/);
  const fr = words.filter((w) => FR.has(w)).length + (/[éèêàçùûôî]/i.test(text) ? 1 : 0);
  const en = words.filter((w) => EN.has(w)).length;
  return fr > en ? 'fr' : 'en';
}
