/**
 * The default AI responder's retrieval (R10, issue 18): the shop's published FAQs and
 * knowledge documents ranked for a shopper's question with BM25 over stems, synonyms
 * and typo-corrected words (analyse.ts), specific beating general (specifics.ts), and
 * an answer only when the passage covers most of what the question says. No external
 * service.
 */
import { analyse, LEXICON_WORDS, lexiconHasStem, type Specific, type Unit } from './analyse.js';
import { guessLanguage } from './intents.js';
import { ASKS_STEPS, ASKS_TAKE, ASKS_WHEN, ASKS_WHEN_NOT_WINDOW, ASKS_WHETHER, ASKS_WINDOW, DELAY, PERMITS, PRICE, STEPS, WHEN, onlyWindows, sameFigures } from './asks.js';
import { MAX_QUESTION_CHARS, mainQuestion, questionsOf } from './sentences.js';
import { CLOSED, STRICT } from './specifics.js';
import { TUNING } from './tuning.js';
import { fold, splitWords, stem } from './stemmer.js';

export { asksForHuman, disputesCharge, guessLanguage, soundsUpset } from './intents.js';
export { TUNING } from './tuning.js';

export interface KnowledgeItem {
  /** What the answer cites: an FAQ's question or a document's title. */
  source: string;
  /** The text retrieved and shown. */
  text: string;
  /** Extra text that helps matching but is not shown (an FAQ's question). */
  keywords?: string;
  url?: string;
}

export interface Answer {
  text: string;
  source: string;
  url?: string;
  score: number;
  /** The answers to the message's other questions, when it asks several (each with its source). */
  also?: Array<{ text: string; source: string; url?: string }>;
}

/** The stems of a text's words (what the index compares; synonyms and specifics aside). */
export const tokens = (text: string): string[] => analyse(text).flatMap((u) => u.forms.filter((f) => !/^[~@]/.test(f)));

interface Doc {
  item: KnowledgeItem;
  terms: Map<string, number>;
  /** The forms that count for coverage: a document's paragraph's own, not its title's (every paragraph shares it). */
  covers: Set<string>;
  /** The forms of its FAQ question or document title, and what a match there adds. */
  title: Set<string>;
  /** An FAQ's question as units (none for a document). */
  titleUnits: Unit[];
  titleBonus: number;
  length: number;
  specifics: Specific[];
  titleSpecifics: Specific[];
  /** Whether it states a price, or that something is free: what a question about cost needs. */
  pricing: boolean;
  /** What an FAQ's question asks for (`when` → a delay): no answer to a question that does not. */
  asks?: '~duration';
  /** Whether an FAQ's question asks for steps ("How do I ...?"). */
  steps?: true;
  /** Whether it says what one can or cannot do (see PERMITS). */
  permits: boolean;
  /** Whether every delay it states is a window for doing something ("you can return within 30 days"), none how long a thing takes. */
  onlyWindows: boolean;
  lang: 'en' | 'fr';
}

interface Ranked {
  doc: Doc;
  score: number;
  coverage: number;
  /** Whether the question touches what the passage is about (its FAQ question; any document). */
  onTopic: boolean;
  /** The question's rare units (see `rare`) the passage does not match. */
  missedRare: Unit[];
}

const sameSpecific = (a: Specific) => (b: Specific) => a.kind === b.kind && a.id === b.id;
const WEAK = new Set(['~order', '~item', '~fit', '~policy', '~account']);
/** A unit whose concepts are all weak ones ("bigger" is a size too: not weak). */
const isWeak = (u: Unit): boolean => {
  const concepts = u.forms.filter((f) => f.startsWith('~'));
  return concepts.length > 0 && concepts.every((f) => WEAK.has(f));
};
const specificsOf = (units: Unit[]): Specific[] => units.flatMap((u) => (u.specific ? [u.specific] : []));

export class Bm25Index {
  private static built = new Map<string, Bm25Index>();

  /**
   * The index of `items`, built once for the same knowledge: a ticket makes a responder
   * per message, and analysing a shop's texts costs far more than answering.
   */
  static of(items: KnowledgeItem[]): Bm25Index {
    const key = JSON.stringify(items);
    let index = Bm25Index.built.get(key);
    if (!index) {
      index = new Bm25Index(items);
      // A few shops' knowledge at a time (one per isolate, usually): the oldest goes.
      if (Bm25Index.built.size >= 2) Bm25Index.built.delete(Bm25Index.built.keys().next().value!);
      Bm25Index.built.set(key, index);
    }
    return index;
  }

  private docs: Doc[];
  private df = new Map<string, number>();
  private avgLength: number;
  /** Known words (the passages' and the lexicon's) by length, for typo tolerance. */
  private vocabulary = new Map<number, string[]>();
  private known = new Set<string>();
  /** Per strict kind, the specific most passages name (the shop's own country), if one does. */
  private home = new Map<string, string>();

  constructor(
    items: KnowledgeItem[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.docs = items.map((item) => {
      const title = analyse(item.keywords ?? item.source);
      const body = analyse(item.text);
      const units = [...title, ...body];
      const terms = new Map<string, number>();
      for (const u of units) for (const f of u.forms) terms.set(f, (terms.get(f) ?? 0) + 1);
      for (const f of terms.keys()) this.df.set(f, (this.df.get(f) ?? 0) + 1);
      // An FAQ's question says what its answer is about; a document's title less so (its paragraphs share it).
      const titleBonus = item.keywords ? TUNING.titleBonus : TUNING.titleBonus / 2;
      const covers = new Set((item.keywords ? units : body).flatMap((u) => u.forms));
      return { item, terms, covers, title: new Set(title.flatMap((u) => u.forms)), titleUnits: item.keywords ? title : [], titleBonus, length: units.length, specifics: specificsOf(units), titleSpecifics: specificsOf(title), lang: guessLanguage(item.text), permits: PERMITS.test(fold(item.text)), onlyWindows: onlyWindows(item.text), pricing: PRICE.test(item.text) || body.some((u) => u.forms.includes('~free')), ...((item.keywords ? WHEN.test(fold(item.keywords)) : DELAY.test(fold(item.text)) && !PERMITS.test(fold(item.text))) ? { asks: '~duration' as const } : {}), ...(item.keywords && STEPS.test(fold(item.keywords)) ? { steps: true as const } : {}) };
    });
    for (const kind of STRICT) {
      const counts = new Map<string, number>();
      for (const d of this.docs) for (const id of new Set(d.specifics.filter((s) => s.kind === kind).map((s) => s.id))) counts.set(id, (counts.get(id) ?? 0) + 1);
      const [first, second] = [...counts].sort((a, b) => b[1] - a[1]);
      if (first && first[1] >= 2 && (!second || second[1] < first[1])) this.home.set(kind, first[0]);
    }
    this.avgLength = this.docs.reduce((n, d) => n + d.length, 0) / Math.max(1, this.docs.length);
    const words = new Set([...LEXICON_WORDS, ...items.flatMap((i) => splitWords(fold(`${i.keywords ?? ''} ${i.source} ${i.text}`)))]);
    for (const w of words) {
      this.known.add(w);
      if (w.length >= 4) this.vocabulary.set(w.length, [...(this.vocabulary.get(w.length) ?? []), w]);
    }
  }

  /**
   * The best passage for `question`, or null when none is a confident answer: it must
   * match `minCoverage` of the question's weight, score `minScore`, name every country
   * or size the question names and no other product or city instead of the question's.
   */
  best(question: string, minScore = TUNING.minScore): Answer | null {
    // Several sentences, one of them the question: that one, when the whole has no answer
    // ("I got it on Monday. Can I return it?"), with what the rest names. A long story is
    // not clearly one question: handed off.
    const main = this.bestOf(question, minScore);
    if (main) return main;
    const part = mainQuestion(question);
    if (part) return this.bestOf(part, minScore);
    // Two or three questions in one message: answered only if each of them is, each with its source.
    const asks = questionsOf(question);
    if (!asks) return null;
    const answers: Answer[] = [];
    for (const ask of asks) {
      const a = this.bestOf(ask, minScore);
      if (!a) return null;
      if (!answers.some((b) => b.source === a.source && b.text === a.text)) answers.push(a);
    }
    const [first, ...also] = answers;
    return also.length ? { ...first!, also: also.map(({ text, source, url }) => ({ text, source, ...(url ? { url } : {}) })) } : first!;
  }

  private bestOf(question: string, minScore: number): Answer | null {
    const lang = guessLanguage(question);
    const { list, named } = this.ranked(question);
    const all = list.filter((r) => r.onTopic && r.score >= minScore && r.coverage >= TUNING.minCoverage);
    // An FAQ whose question names the product asked about beats the general ones ("Do your sandals run true to size?": the shoes').
    // (Or a passage naming it: the earrings that cannot be returned, not the general 30 days. One
    // nearly confident is enough to make a general answer a guess.)
    const names = (r: Ranked) => named.some((s) => !STRICT.has(s.kind) && r.doc.specifics.some(sameSpecific(s)));
    const naming = list.some((r) => names(r) && r.onTopic && r.score >= minScore && r.coverage >= TUNING.nearlyCovers * TUNING.minCoverage);
    const confident = naming ? all.filter(names) : all;
    const best = confident[0];
    if (!best) return null;
    // Part of the question is what another FAQ is about ("express" in "express delivery to
    // Canada?"): the best passage answers another question than the one asked, and only that
    // FAQ may answer, if it covers the whole question ("Is return shipping free?": the prepaid label).
    // (An FAQ about another product does not count: "run small" of shoes says nothing of jeans.)
    const elsewhere = (d: Doc) => d !== best.doc && d.titleUnits.length && !this.namesOther(d, named, false) && best.missedRare.some((u) => u.forms.some((f) => d.title.has(f)));
    const top = this.docs.some(elsewhere) ? confident.find((r) => elsewhere(r.doc) && !r.missedRare.length && r.coverage >= TUNING.fullCoverage) : best;
    if (!top) return null;
    // A rival nearly as good that tells another fact (other figures): a guess either way.
    // (Asked how, the FAQ giving the steps has no rival in one that does not: it answers another ask.)
    const steps = top.doc.steps && STEPS.test(fold(question));
    // (Asked when a thing happens or how long it takes, a window to do something, "within 1 hour of ordering", answers another ask.)
    const asksWhen = ASKS_WHEN_NOT_WINDOW.test(fold(question)) && !ASKS_WINDOW.test(fold(question));
    const near = (r: Ranked) => r.score >= TUNING.rival * top.score && !(steps && !r.doc.steps) && !(asksWhen && r.doc.onlyWindows && r !== top);
    // (The best passage set aside for missing a part is no rival.)
    // (Nor is one that misses a part of the question the answer holds.)
    const rival = confident.find((r) => r !== best && r.doc.item.source !== top.doc.item.source && near(r) && !(r.missedRare.length && !top.missedRare.length));
    if (rival && !sameFigures(rival.doc.item.text, top.doc.item.text) && !this.outvoted(top, confident.filter(near))) return null;
    // The answer in the shopper's language when the shop has a near one in it.
    // (The same answer translated: the same figures; another fact in the shopper's language is another answer.)
    const chosen = top.doc.lang === lang ? top : (confident.find((r) => r.doc.lang === lang && r.score >= TUNING.languageRatio * top.score && sameFigures(r.doc.item.text, top.doc.item.text)) ?? top);
    const { item } = chosen.doc;
    return { text: item.text, source: item.source, score: chosen.score, ...(item.url ? { url: item.url } : {}) };
  }

  /**
   * Whether the passages near `top` that state its figures (its translation, the policy page
   * saying the same 30 days) outweigh, `agreement` times over, those near it that state others:
   * the shop's texts agree on the answer, one narrower passage aside.
   */
  private outvoted(top: Ranked, near: Ranked[]): boolean {
    let backing = 0;
    let against = 0;
    for (const r of near) {
      if (r.doc.item.source === top.doc.item.source || sameFigures(r.doc.item.text, top.doc.item.text)) backing += r.score;
      else against += r.score;
    }
    return backing >= TUNING.agreement * against;
  }

  /** The `k` passages that best match, best first (grounding for an LLM). */
  top(question: string, k: number): KnowledgeItem[] {
    return this.ranked(question).list.filter((r) => r.score > 0).slice(0, k).map((r) => r.doc.item);
  }

  private idf(form: string): number {
    const df = this.df.get(form) ?? 0;
    return Math.log(1 + (this.docs.length - df + 0.5) / (df + 0.5));
  }

  /** A word no passage nor the lexicon knows, in no form, within one edit of one that is (5+ letters). */
  private correct = (word: string): string => {
    if (word.length < 5 || this.known.has(word) || /\d/.test(word)) return word;
    // Another form of a known word is no typo ("shops" of "shop", not "shoes").
    const own = stem(word);
    if (this.df.has(own) || lexiconHasStem(own)) return word;
    let best: string | undefined;
    let bestDf = -1;
    for (const len of [word.length - 1, word.length, word.length + 1]) {
      for (const v of this.vocabulary.get(len) ?? []) {
        if (!withinOneEdit(word, v)) continue;
        const df = this.df.get(stem(v)) ?? 0;
        if (df > bestDf) [best, bestDf] = [v, df];
      }
    }
    return best ?? word;
  };

  /** Eligible passages, best first, with their BM25 score and how much of the question they cover; and the specifics asked about. */
  private ranked(question: string): { list: Ranked[]; named: Specific[] } {
    // A question is read by its first MAX_QUESTION_CHARS: a 4,000-character message costs no more than a long question.
    const units = analyse(question.slice(0, MAX_QUESTION_CHARS), this.correct);
    const named = specificsOf(units);
    const none = { list: [], named };
    // A country, size or city no passage names: the shop does not say (shipping to Japan, XL).
    if (!units.length || named.some((s) => CLOSED.has(s.kind) && !this.docs.some((d) => d.specifics.some(sameSpecific(s))))) return none;
    // Only words every shop's texts are full of ("what do I order?", "my item"): it asks nothing
    // yet. (How something fits does ask, of a product: "do trainers come up small?")
    if (units.every((u) => (isWeak(u) && !u.forms.includes('~fit')) || (u.specific && !STRICT.has(u.specific.kind)))) return none;
    const maxIdf = this.idf('');
    const weights = units.map((u) => {
      const known = u.forms.filter((f) => this.df.has(f));
      // A product or city: general answers apply to it (return a jacket); namesOther() and the boost judge it.
      if (u.specific && !STRICT.has(u.specific.kind)) return 0;
      const w = known.length ? Math.max(...known.map((f) => this.idf(f))) * (isWeak(u) ? TUNING.weakWeight : 1) : (u.word && /^\d+$/.test(u.word) ? TUNING.unknownNumberWeight : TUNING.unknownWeight) * maxIdf;
      return u.condition ? w * TUNING.conditionWeight : w;
    });
    // How it fits ("too long", "ne me va pas") or what the shopper has done ("I sent it back")
    // beside another ask is why the shopper asks, not what: it weighs as a condition and no
    // FAQ is about it instead.
    const reason = units.map((u) => !!u.done || (isWeak(u) && u.forms.includes('~fit')));
    if (units.some((_, i) => !reason[i] && weights[i]! > 0)) reason.forEach((r, i) => r && (weights[i]! *= TUNING.reasonWeight));
    else reason.fill(false);
    const total = weights.reduce((a, b) => a + b, 0);
    if (!total) return none;
    const out: Ranked[] = [];
    const asked = new Set(units.flatMap((u) => u.forms));
    // "when" is filler in the words but says the shopper asks for a delay.
    if (ASKS_WHEN.test(fold(question))) asked.add('~duration');
    const asksSteps = STEPS.test(fold(question)) || ASKS_STEPS.test(fold(question));
    const asksWhether = ASKS_WHETHER.test(fold(question)) && !asked.has('~duration');
    const asksTake = ASKS_TAKE.test(fold(question));
    for (const doc of this.docs) {
      if (this.namesOther(doc, named)) continue;
      let score = 0;
      let covered = 0;
      let onTopic = !doc.titleUnits.length;
      const missedRare: Unit[] = [];
      units.forEach((u, i) => {
        let best = 0;
        let own = false;
        const weak = isWeak(u);
        for (const f of u.forms) {
          const tf = doc.terms.get(f);
          if (!tf) continue;
          const s = (weak ? TUNING.weakWeight : 1) * (f.startsWith('~') ? TUNING.conceptWeight : 1) * this.idf(f) * ((tf * (this.k1 + 1)) / (tf + this.k1 * (1 - this.b + (this.b * doc.length) / this.avgLength)) + (doc.title.has(f) ? doc.titleBonus : 0));
          best = Math.max(best, s);
          if (doc.covers.has(f)) own = true;
          if (!weak && doc.title.has(f)) onTopic = true;
        }
        // A paragraph covers what it says, not what its document's title says (a cost paragraph of "Livraison et retours" is not about returns).
        // (The shop's own country is what a passage naming no country speaks of.)
        if (!own && u.specific && this.home.get(u.specific.kind) === u.specific.id && !doc.specifics.some((d) => d.kind === u.specific!.kind)) own = true;
        if (own) covered += weights[i]!;
        else if (weights[i]! >= TUNING.rare * maxIdf && !reason[i]) missedRare.push(u);
        score += reason[i] ? best * TUNING.reasonWeight : best;
      });
      if (named.some((s) => doc.specifics.some(sameSpecific(s)))) score *= TUNING.sameSpecific;
      if (doc.titleSpecifics.some((s) => !named.some(sameSpecific(s)))) score *= TUNING.otherSpecificInTitle;
      // Asked about no country, the answer is the shop's own country's (3 to 5 days in France, not Canada's 5 to 8).
      if (doc.specifics.some((s) => STRICT.has(s.kind) && !named.some((n) => n.kind === s.kind) && this.home.get(s.kind) !== s.id)) score *= TUNING.foreignCountry;
      // What an FAQ's question says that the shopper did not ask ("sale" for "how do I send back an item?").
      score *= 1 - TUNING.titleMiss * (1 - this.share(doc.titleUnits, (f) => asked.has(f)));
      // "When will I get my refund?" tells a delay: no answer to "can I get a refund?".
      if (doc.asks && !asked.has(doc.asks)) score *= TUNING.otherAsk;
      // Asked how to do something, the FAQ that gives the steps beats the policy ("Comment renvoyer un article ?").
      // Asked whether, what or when ("Can I return jeans?"), the steps are not the answer the policy is.
      if (doc.steps) score *= asksSteps ? TUNING.stepsBoost : TUNING.notSteps;
      // Asked whether ("Can I get a refund?"), a passage that says what one can or cannot do answers; one telling when or how does less.
      if (asksWhether && doc.permits) score *= TUNING.permitsBoost;
      // Asked what something costs or whether it is free, a passage that states no price does
      // not say ("included in the price" is no cost; delivery to Belgium is not said to be free).
      if ((asked.has('~cost') || asked.has('~free')) && !doc.pricing) continue;
      // Asked how long something takes, a passage whose only delays are windows ("exchange within 30 days") does not say.
      if (asksTake && doc.onlyWindows) continue;
      // Nor, asked a delay, is the window for what the shopper has already done ("articles retournés ... sous combien de jours": not the 30 days to return).
      if (asked.has('~duration') && doc.onlyWindows && units.some((u) => u.done && u.forms.some((f) => doc.terms.has(f)))) continue;
      // An answer that holds every part of the question is on topic whatever its FAQ's question says.
      out.push({ doc, score, coverage: covered / total, onTopic: onTopic || covered / total >= TUNING.fullCoverage, missedRare });
    }
    return { list: out.sort((a, b) => b.score - a.score), named };
  }

  /** The idf-weighted share of `units` with a form that `has` holds (1 for none). */
  private share(units: Unit[], has: (form: string) => boolean): number {
    let all = 0;
    let hit = 0;
    for (const u of units) {
      const weak = isWeak(u);
      const w = Math.max(0, ...u.forms.map((f) => (this.df.has(f) ? this.idf(f) * (weak ? TUNING.weakWeight : 1) : 0)));
      all += w;
      if (u.forms.some(has)) hit += w;
    }
    return all ? hit / all : 1;
  }

  /**
   * Whether the passage names another product or city in place of one asked about, or
   * (with `strict`) misses a country or size asked about. Specific beats general: such a
   * passage is no answer.
   */
  private namesOther(doc: Doc, named: Specific[], strict = true): boolean {
    return named.some((s) => {
      if (doc.specifics.some(sameSpecific(s))) return false;
      // (The shop's own country: a passage naming no country speaks of it, "free over €60" holds in France.)
      if (STRICT.has(s.kind)) return strict && !(this.home.get(s.kind) === s.id && !doc.specifics.some((d) => d.kind === s.kind));
      return doc.specifics.some((d) => d.kind === s.kind);
    });
  }
}

/** Whether `a` and `b` differ by at most one insertion, deletion, substitution or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
