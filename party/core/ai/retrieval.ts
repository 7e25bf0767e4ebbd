/**
 * The default AI responder (R10): retrieval over the shop's published FAQs and the
 * knowledge documents of its settings, ranked with BM25, English and French
 * tokenisation, answering only above a confidence threshold and citing its source.
 * No external service.
 */

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
}

const STOP = new Set(
  (
    'a an and are as at be but by can do does for from has have how i if in is it its me my of on or our so that the their them there this to was we what when where which who why will with you your ' +
    'au aux avec ce ces comment dans de des du elle en est et il je la le les leur lui ma mais me mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous est-ce quel quelle quels quelles combien'
  ).split(' '),
);

/** Lower case, accents off, words of letters and digits, stop words out, a light plural stem. */
export function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) => (w.length > 4 && /(s|x)$/.test(w) ? w.slice(0, -1) : w));
}

const HUMAN = [
  /\b(talk|speak|chat)\s+(to|with)\s+(a\s+)?(human|person|someone|agent|representative|real person)\b/i,
  /\b(human|real person|live agent|customer service|representative)\b/i,
  /\b(parler|discuter)\s+(a|à|avec)\s+(un|une|quelqu)/i,
  /\b(conseill(er|ère)|humain|une vraie personne|un agent|service client)\b/i,
];

/** Whether the shopper asks for a person (hand off at once, R11). */
export const asksForHuman = (text: string): boolean => HUMAN.some((re) => re.test(text));

/** French or English, from the stop words the text uses (for the responder's own lines). */
export function guessLanguage(text: string): 'fr' | 'en' {
  const words = text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').split(/[^a-z]+/);
  const fr = words.filter((w) => ['le', 'la', 'les', 'des', 'est', 'pour', 'vous', 'je', 'mon', 'ma', 'quand', 'comment', 'combien', 'livraison', 'commande'].includes(w)).length;
  const en = words.filter((w) => ['the', 'is', 'are', 'for', 'you', 'my', 'how', 'when', 'what', 'can', 'do', 'does', 'order'].includes(w)).length;
  return fr > en ? 'fr' : 'en';
}

interface Doc {
  item: KnowledgeItem;
  terms: Map<string, number>;
  length: number;
}

export class Bm25Index {
  private docs: Doc[];
  private df = new Map<string, number>();
  private avgLength: number;

  constructor(
    items: KnowledgeItem[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.docs = items.map((item) => {
      const words = tokens(`${item.keywords ?? ''} ${item.keywords ?? ''} ${item.source} ${item.text}`);
      const terms = new Map<string, number>();
      for (const w of words) terms.set(w, (terms.get(w) ?? 0) + 1);
      for (const w of terms.keys()) this.df.set(w, (this.df.get(w) ?? 0) + 1);
      return { item, terms, length: words.length };
    });
    this.avgLength = this.docs.reduce((n, d) => n + d.length, 0) / Math.max(1, this.docs.length);
  }

  /**
   * The best passage for `question`, or null when no passage is relevant enough:
   * at least half the question's words must be found in it, and its score must clear
   * `minScore`.
   */
  best(question: string, minScore = 1.2): Answer | null {
    const [best] = this.ranked(question);
    const q = new Set(tokens(question)).size;
    if (!best || best.score < minScore || best.matched / q < 0.5) return null;
    const { item } = best.doc;
    return { text: item.text, source: item.source, score: best.score, ...(item.url ? { url: item.url } : {}) };
  }

  /** The `k` passages that best match, best first (grounding for an LLM). */
  top(question: string, k: number): KnowledgeItem[] {
    return this.ranked(question).filter((r) => r.score > 0).slice(0, k).map((r) => r.doc.item);
  }

  private ranked(question: string): Array<{ doc: Doc; score: number; matched: number }> {
    const q = [...new Set(tokens(question))];
    if (!q.length) return [];
    const out: Array<{ doc: Doc; score: number; matched: number }> = [];
    for (const doc of this.docs) {
      let score = 0;
      let matched = 0;
      for (const term of q) {
        const tf = doc.terms.get(term);
        if (!tf) continue;
        matched++;
        const df = this.df.get(term)!;
        const idf = Math.log(1 + (this.docs.length - df + 0.5) / (df + 0.5));
        score += (idf * tf * (this.k1 + 1)) / (tf + this.k1 * (1 - this.b + (this.b * doc.length) / this.avgLength));
      }
      out.push({ doc, score, matched });
    }
    return out.sort((a, b) => b.score - a.score);
  }
}
