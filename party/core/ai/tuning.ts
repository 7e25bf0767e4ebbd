/**
 * The AI agent retrieval's confidence rules (issue 18): the weights and thresholds
 * retrieval.ts answers by, in one place so that the evaluation (bench/suites/ai-eval.ts)
 * and its tuning read them together.
 */

/**
 * The confidence rules, tuned on the evaluation's tuning part only (bench/suites/ai-eval.ts).
 * A wrong answer costs more than a handoff, so they lean to handing off.
 */
export const TUNING = {
  /** Share of the question's weight (idf) a passage must match. */
  minCoverage: 0.65,
  /**
   * A unit weighing this much of the rarest word's is a part of the question: missed by the
   * best passage while another FAQ's question has it, the answer is a guess (0.6 let "who pays
   * for return shipping" get the shipping cost).
   */
  rare: 0.2,
  /** What a match in an FAQ's question adds to one in its text (half that for a document's title). */
  titleBonus: 2.5,
  /** Coverage at which an FAQ answers even if its question does not touch the shopper's. */
  fullCoverage: 0.95,
  /** A passage naming the product asked about that covers this share of `minCoverage` makes general passages no answer. */
  nearlyCovers: 0.85,
  /** Lowest BM25 score for an answer. */
  minScore: 1.2,
  /** A word no passage has weighs this much of the rarest known word (it is what the question is about, often). */
  unknownWeight: 0.6,
  /** A number no passage has (a size, an order number) weighs less. */
  unknownNumberWeight: 0.3,
  /** A synonym's match counts this much of the same word's. */
  conceptWeight: 0.85,
  /** The passage names the question's specific. */
  sameSpecific: 1.15,
  /** How much an FAQ loses for the share of its question the shopper did not ask. */
  titleMiss: 0.5,
  /** The passage's title or question names a specific the question does not. */
  otherSpecificInTitle: 0.7,
  /** The question names no country and the passage names one that is not the shop's own. */
  foreignCountry: 0.6,
  /** Words every shop's texts are full of (order, item) or that say how, not what (too small), say little about which answer. */
  weakWeight: 0.3,
  /** A rival from another source scoring this much of the best, with other figures, makes the answer a guess. */
  rival: 0.8,
  /** Passages near the best that state its figures outweigh by this much those that state others: the texts agree, no rival. */
  agreement: 2,
  /** A passage in the shopper's language wins over a better-scored one within this ratio. */
  languageRatio: 0.75,
  /** An FAQ whose question asks "when" for a question that asks no delay. */
  otherAsk: 0.3,
  /** A unit of the question's condition ("if it does not fit") weighs this much of what it asks. */
  conditionWeight: 0.5,
  /** How a garment fits, beside another ask, is the reason for it ("too long, can I return it?"). */
  reasonWeight: 0.5,
  /** A passage saying what one can or cannot do, for a shopper who asks whether they can. */
  permitsBoost: 1.2,
  /** An FAQ asking "How do I ...?" for a shopper who asks how to do something. */
  stepsBoost: 1.4,
  /** The same FAQ for a shopper who asks something else than how (whether, what, when): the policy answers. */
  notSteps: 0.7,
};
