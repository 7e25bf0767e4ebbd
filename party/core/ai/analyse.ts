/**
 * A text as retrieval reads it (issue 18): folded, filler words out, phrases and words
 * turned into units. Each unit is one thing the text says, with the forms it may be
 * found under: its stem, the concepts it belongs to (synonyms.ts) and the specific it
 * names (specifics.ts).
 */
import { fold, splitWords, stem } from './stemmer.js';
import { CONCEPTS } from './synonyms.js';
import { SPECIFICS, type SpecificKind } from './specifics.js';

export interface Specific {
  kind: SpecificKind;
  id: string;
}

export interface Unit {
  /** The stem (absent for a phrase), then `~concept` and `@specific` forms. */
  forms: string[];
  /** The folded word it came from (for typo tolerance and language). */
  word?: string;
  /** In a condition ("if they are too long"): what the question depends on, not what it asks. */
  condition?: true;
  /** What the shopper says they have done ("I sent it back", "j'ai renvoyé"): context for what comes next. */
  done?: true;
  specific?: Specific;
}

// Function words and the filler shoppers wrap questions in, English and French.
export const STOP = new Set(
  (
    "a an and are as at be but by can could do does did doe for from has have had how i im i'm if in into is it its me my of on or our so that the their them there this to was we what whats when where which who why will with you your u ur would should may might am been being get got give any some hi hello hey please pls plz thanks thank ok okay just also yes no not dont don t s ll ve re d m need want like know tell quick question bought buy purchased last yesterday ago today dear one much many long still already really anything there's possible then if sure find against about get obtain see look use using until after before month months certain normally usually mistake cannot available brand company they he she him her those these euro euros eur dollar dollars beige navy grey gray blue black white red green pink brown go goes going went back says said placed place wondering wonder wondered curious visit best way two three four five six seven come comes coming came up put stuff offer offers offering option options take takes taking took once since guys ever actually pair pairs " +
    'au aux avec ce ces cet cette c comment dans de des du elle elles en est et il ils je j la le les leur lui l ma mais me m mes moi mon ne n nos notre nous on ou par pas pour qu que qui quoi sa se s ses son sur ta te t tes toi ton tu un une vos votre vous y a ai as avez avoir etre suis sont sera puis peux peut pouvez peut-on est-ce quel quelle quels quelles combien bonjour merci svp stp salut voudrais veux souhaite aimerais savoir dire fais faire fait achete achetee acheter derniere dernier hier aujourd hui ca cela existe existent ete contre sans pendant depuis chez vers entre trouver obtenir voir utiliser mois normalement erreur trouve disponible marque entreprise normal euro euros eur dollar dollars bleu noir blanc rouge vert rose gris marron marine toujours encore trop deux trois quatre cinq vais vas va allons allez vont aller sous propose proposez proposer option options serai serais sera serez deja alors donc aussi juste vraiment tres bien paire paires'
  ).split(' '),
);

// Negations and auxiliaries typed without their apostrophe ("didnt", "isnt"), and French
// auxiliaries and fillers the list above lacks: grammar, not what the question is about.
for (const w of 'didnt doesnt isnt arent wasnt werent cant couldnt wouldnt shouldnt wont havent hasnt hadnt ive youre thats theres whos heres lets gets getting help helping ask asking kindly must shall wat wht hw dose teh husband wife mum mom dad son daughter friend boyfriend girlfriend partner ont mari femme fils fille ami amie copain copine maman papa avons avez etes apres aider aidez plutot lieu passee passees peuvent pouvons pourrais pourrait pourriez puisse puissent dois doit doivent devez'.split(' ')) STOP.add(w);
/** The stems of the longer filler words: their other forms are filler too ("trouvent" of "trouver", "wondered" of "wonder"). */
const STOP_STEMS = new Set([...STOP].filter((w) => w.length > 3).map(stem));

type Target = { concept: string } | { specific: Specific };
const byStem = new Map<string, Target[]>();
const phraseTargets = new Map<string, Target[]>();

function entry(word: string, target: Target): void {
  const words = splitWords(fold(word));
  if (words.length > 1) phraseTargets.set(words.join(' '), [...(phraseTargets.get(words.join(' ')) ?? []), target]);
  else if (words[0]) {
    const s = stem(words[0]);
    byStem.set(s, [...(byStem.get(s) ?? []), target]);
  }
}
for (const [concept, list] of Object.entries(CONCEPTS)) for (const w of list) entry(w, { concept });
for (const [kind, ids] of Object.entries(SPECIFICS)) for (const [id, list] of Object.entries(ids)) for (const w of list) entry(w, { specific: { kind: kind as SpecificKind, id } });
/** Phrases by their first word, longest first (`frais de port` before `frais`). */
const phrasesFrom = new Map<string, Array<[string[], Target[]]>>();
for (const [phrase, targets] of [...phraseTargets].sort((a, b) => b[0].split(' ').length - a[0].split(' ').length)) {
  const ws = phrase.split(' ');
  phrasesFrom.set(ws[0]!, [...(phrasesFrom.get(ws[0]!) ?? []), [ws, targets]]);
}

/** A past action of the shopper's, its verb last: "I sent (it back)", "I have returned", "j'ai renvoyé", "you got my return". */
const DONE = /\b(i|i ve|i have|we|we ve|j ai|nous avons|avons) (sent|returned|posted|shipped|mailed|renvoye|retourne|rendu|expedie|wore|worn|washed|used|tried|porte|lave)$|\b(got|received|recu|recus) (my|mon|ma|mes) (return|retour|colis|parcel|package)$/;

/** A thing described by what was done to it ("articles retournés", "returned items"): context, like "I sent it back". */
const DONE_ADJECTIVE_FR = /^(articles?|colis|commandes?|produits?|vetements?) (retourne|renvoye|rendu|expedie)(e|s|es)?$/;
const DONE_ADJECTIVE_EN = /^(returned|exchanged) (items?|parcels?|packages?|orders?|goods|products?|clothes)$/;

const ASK_WHETHER = /\b(tell|know|wonder|wondering|ask|asking|see|check|sure|confirm|savoir|dire|demande|demandais|confirmer)( me| us| moi)?$/;

/** Whether the lexicon has a word of this stem ("shops": "shop" is a word, not a typo of "shoes"). */
export const lexiconHasStem = (s: string): boolean => byStem.has(s);

/** Every word the lexicon knows, for typo tolerance against it. */
export const LEXICON_WORDS: string[] = [...new Set([...Object.values(CONCEPTS).flat(), ...Object.values(SPECIFICS).flatMap((ids) => Object.values(ids).flat())].flatMap((w) => splitWords(fold(w))))];

const formOf = (t: Target): string => ('concept' in t ? `~${t.concept}` : `@${t.specific.id}`);

function unitOf(targets: Target[], stemmed?: string, word?: string): Unit {
  const forms = stemmed ? [stemmed] : [];
  let specific: Specific | undefined;
  for (const t of targets) {
    const f = formOf(t);
    if (!forms.includes(f)) forms.push(f);
    if ('specific' in t) specific ??= t.specific;
  }
  return { forms, ...(word ? { word } : {}), ...(specific ? { specific } : {}) };
}

/**
 * What a shopper says they do not want, before or after saying what they do ("I don't want a
 * refund, I want a bigger size", "I want a bigger size, I don't want a refund", "an exchange,
 * not a refund", "not the newsletter, ...", "je veux un échange, pas un remboursement", "je ne
 * veux pas d'échange, je veux ..."): a clause to the next comma, "but" / "I want" or the end,
 * not what the question asks.
 */
const NOT_WANTED = new RegExp(
  [
    // "I don't want / need / mean X", wherever it stands.
    String.raw`\b(?:(?:i|we) )?(?:don'?t|do not|didn'?t|did not) (?:want|need|mean)\b[^,.;!?]*?(?:[,.;!?]|$|(?= (?:but|i want|i need|i would like|i'd like)\b))`,
    // "not a / the X" opening the message, or after what is wanted ("an exchange, not a refund").
    String.raw`^\s*not (?:a|an|the|my)\b[^,.;!?]*[,.;]`,
    String.raw`(?:[,;]|\band|\bbut|\brather than|\binstead of) *not (?:a|an|the|my|any)\b[^,.;!?]*`,
    // "je ne veux pas de X", and "..., pas un / de X" after what is wanted.
    String.raw`\b(?:je |j')?(?:ne |n')(?:veux|voulais|voudrais|souhaite|cherche) pas\b[^,.;!?]*?(?:[,.;!?]|$|(?= (?:mais|je veux|je voudrais|je souhaite)\b))`,
    String.raw`(?:[,;]|\bet|\bmais|\bplutot que) *pas (?:un|une|de|d'|d |le|la|les|mon|ma|mes)[^,.;!?]*`,
  ].join('|'),
  'g',
);
/** `folded` without its not-wanted clauses, if something is left to ask. */
function withoutNotWanted(folded: string): string {
  const left = folded.replace(NOT_WANTED, ' ');
  return splitWords(left).length ? left : folded;
}

/**
 * The units of `text`. `correct` may replace a word it does not know (a typo) with
 * one it does, before stemming.
 */
export function analyse(text: string, correct?: (word: string) => string): Unit[] {
  // "send my parcel back" is "send back": up to two words between a verb and its "back".
  // ("sent ... back" keeps its tense: what the shopper has done is context, see `done`.)
  let joined = ` ${splitWords(correct ? withoutNotWanted(fold(text)) : fold(text)).join(' ')} `.replace(/ (send|sent|post|posted|ship|mail|bring|take) ((?:[a-z0-9]+ ){0,2})back /g, (_, verb: string, rest: string) => ` ${/^(sent|posted)$/.test(verb) ? 'sent' : 'send'} back ${rest}`);
  // Changing one's mind is why, not what, a shopper asks ("can I return it if I change my mind?").
  joined = joined.replace(/ (change|changed|changing|changer|change|changee) (my|d|of) (mind|avis) /g, ' ');
  const units: Unit[] = [];
  // A price ("€9.90", "4,90 €", "40 euros") says what something costs.
  if (/[€$£]\s?\d|\d\s?(€|\$|£|euros?\b|eur\b|dollars?\b)/i.test(text)) units.push(unitOf([{ concept: 'cost' }]));
  // In a question (the one text read with `correct`), "2 weeks", "10 jours" ask how long,
  // whatever the number: the shop's own figure is the answer. A passage keeps its figures.
  if (correct) joined = joined.replace(/ \d{1,3} (?=(?:days?|weeks?|months?|hours?|minutes?|jours?|semaines?|mois|heures?) )/g, ' ');
  // A numbered or lettered size ("size 48", "taille 48", "in size M", "en taille S") is a size
  // like XL: named, or not answered. (A lone letter is otherwise dropped as noise.)
  joined = joined.replace(/ (?:size|taille|pointure) (\d{1,3}|s|m|l) /g, (_, n: string) => {
    units.push({ forms: [`@size-${n}`], specific: { kind: 'size', id: `size-${n}` } });
    return ' | ';
  });
  // One pass over the words: at each, the longest phrase starting there, else the word.
  // Typos corrected first, so that a phrase holds with one of its words mistyped ("paymnet options").
  const words = joined.split(' ').filter(Boolean).map((w) => (correct && w !== '|' && !STOP.has(w) ? correct(w) : w));
  // Everything after "if" / "si" in a question is its condition.
  let condition = false;
  const done = (at: number) => DONE.test(words.slice(Math.max(0, at - 2), at + 1).join(' ')) || DONE_ADJECTIVE_FR.test(words.slice(Math.max(0, at - 1), at + 1).join(' ')) || DONE_ADJECTIVE_EN.test(words.slice(at, at + 2).join(' '));
  const push = (u: Unit, at: number) => units.push(condition ? { ...u, condition: true } : correct && done(at) ? { ...u, done: true } : u);
  for (let i = 0; i < words.length; i++) {
    const raw = words[i]!;
    // ("tell me if", "savoir si" ask whether: what follows is the question.)
    if (correct && (raw === 'if' || raw === 'si') && !ASK_WHETHER.test(words.slice(Math.max(0, i - 2), i).join(' '))) condition = true;
    const phrase = phrasesFrom.get(raw)?.find(([ws]) => ws.every((w, k) => words[i + k] === w));
    if (phrase) {
      push(unitOf(phrase[1]), i);
      i += phrase[0].length - 1;
      continue;
    }
    if (raw === '|' || STOP.has(raw) || (raw.length < 2 && !/\d/.test(raw))) continue;
    const s = stem(raw);
    if (!byStem.has(s) && STOP_STEMS.has(s)) continue;
    const unit = unitOf(byStem.get(s) ?? [], s, raw);
    // A passage's city after "from" / "depuis" is where the shop ships from, not what it is about.
    if (!correct && unit.specific?.kind === 'city' && words.slice(Math.max(0, i - 4), i).some((w) => w === 'from' || w === 'depuis')) {
      push({ forms: unit.forms.filter((f) => !f.startsWith('@')), word: raw }, i);
      continue;
    }
    push(unit, i);
  }
  // "Where is it from?", "where do they come from": where it is made.
  if (correct && /\bwhere (is|are|do|does)\b.*\bfrom\s*$/.test(splitWords(fold(text)).join(' '))) units.push(unitOf([{ concept: 'made' }]));
  return units;
}
