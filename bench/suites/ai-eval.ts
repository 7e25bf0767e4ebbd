/**
 * Suite `ai` (issue 18): how often the AI agent answers right, answers wrong or hands
 * off, over the evaluation set (bench/fixtures/ai-questions.ts) and its fixture shop.
 * A score, not a timing. Runs the default retrieval responder, and the LLM responder
 * too when `AI_BASE_URL` is set (with `AI_API_KEY`, `AI_MODEL`).
 *
 * Scored per part and language: `tuning` and `held-out` (the first set, split by
 * position), and `fresh` (bench/fixtures/ai-fresh.ts, a batch written before the third
 * round's tuning, all held out):
 * - answerable questions: correct (a cited source the label allows, holding its fact),
 *   wrong (any other source or fact), or not answered (handed off, or asked to rephrase:
 *   the next miss hands off);
 * - unanswerable ones and angry messages: any answer is wrong;
 * - requests for a person: only an immediate handoff counts.
 * Questions about the shopper's own order are for the order tool, which runs before
 * retrieval: counted apart, out of the score.
 * BENCH_VERBOSE=1 lists the tuning part's misses (never the held-out or fresh parts').
 */
import { LlmResponder } from '../../party/core/ai/llm.js';
import { RetrievalResponder, knowledgeFrom, type Responder, type ResponderOutput } from '../../party/core/ai/responder.js';
import { DOCS, FAQS } from '../fixtures/ai-shop.js';
import { QUESTIONS, isHeldOut, type EvalQuestion } from '../fixtures/ai-questions.js';
import { ROUND_THREE_PROBES, ROUND_TWO_PROBES } from '../fixtures/ai-probes.js';
import { FRESH_QUESTIONS } from '../fixtures/ai-fresh.js';
import { ROUND_FOUR_PROBES } from '../fixtures/ai-probes-4.js';
import { ROUND_FIVE_PROBES } from '../fixtures/ai-probes-5.js';
import { ROUND_SIX_PROBES } from '../fixtures/ai-probes-6.js';
import { results, row } from '../report.js';

type Verdict = 'correct' | 'wrong' | 'notAnswered' | 'handedOff' | 'order';
interface Tally {
  answerable: number;
  correct: number;
  wrongAnswerable: number;
  unanswerable: number;
  unanswerableHandedOff: number;
  persons: number;
  personsHandedOff: number;
  orders: number;
  ordersAnswered: number;
}

const knowledge = knowledgeFrom(FAQS, DOCS);
/** An answer's cited source back to the fixture's ids. */
const idOfSource = new Map<string, string>([...FAQS.map((f) => [f.question, `faq:${f.id}`] as const), ...DOCS.map((d) => [d.title, `doc:${d.id}`] as const)]);

/** The verdict on one answer, per the label's rules (see the file's opening comment). */
export function judge([, , label, fact]: EvalQuestion, out: ResponderOutput): Verdict {
  const answered = out.kind === 'answer';
  if (label === 'order') return 'order';
  if (label === 'person') return out.kind === 'handoff' ? 'handedOff' : 'wrong';
  if (label === 'handoff') return answered ? 'wrong' : 'handedOff';
  if (!answered) return 'notAnswered';
  const allowed = label.split(' ');
  const id = idOfSource.get(out.source) ?? '?';
  return allowed.includes(id) && (!fact || fact.test(out.text)) ? 'correct' : 'wrong';
}

const empty = (): Tally => ({ answerable: 0, correct: 0, wrongAnswerable: 0, unanswerable: 0, unanswerableHandedOff: 0, persons: 0, personsHandedOff: 0, orders: 0, ordersAnswered: 0 });

function add(t: Tally, [, , label]: EvalQuestion, verdict: Verdict, answered: boolean): void {
  if (label === 'order') {
    t.orders++;
    if (answered) t.ordersAnswered++;
  } else if (label === 'person') {
    t.persons++;
    if (verdict === 'handedOff') t.personsHandedOff++;
  } else if (label === 'handoff') {
    t.unanswerable++;
    if (verdict === 'handedOff') t.unanswerableHandedOff++;
  } else {
    t.answerable++;
    if (verdict === 'correct') t.correct++;
    if (verdict === 'wrong') t.wrongAnswerable++;
  }
}

const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)} %` : '-');

/** Runs every question through `responder` (a fresh first turn each) and prints its table. */
export async function evaluate(name: string, responder: Responder): Promise<Record<string, Tally>> {
  const tallies: Record<string, Tally> = {};
  const misses: string[] = [];
  const asked = [
    ...QUESTIONS.map((q, i) => [q, isHeldOut(i) ? 'held-out' : 'tuning'] as const),
    ...FRESH_QUESTIONS.map((q) => [q, 'fresh'] as const),
  ];
  for (const [q, part] of asked) {
    let out: ResponderOutput;
    try {
      out = await responder.respond({ question: q[1], unresolvedTurns: 0 });
    } catch {
      out = { kind: 'handoff', reason: 'error' };
    }
    const verdict = judge(q, out);
    for (const key of [`${part} ${q[0]}`, `${part} all`]) add((tallies[key] ??= empty()), q, verdict, out.kind === 'answer');
    if (part === 'tuning' && (verdict === 'wrong' || verdict === 'notAnswered')) {
      misses.push(`  ${verdict.padEnd(11)} [${q[0]}] ${q[1]}  (label ${q[2]}; got ${out.kind === 'answer' ? `${idOfSource.get(out.source) ?? out.source}: ${out.text.split('\n')[0]!.slice(0, 60)}` : out.kind})`);
    }
  }
  for (const part of ['tuning', 'held-out', 'fresh']) {
    for (const lang of ['en', 'fr', 'all']) {
      const t = tallies[`${part} ${lang}`]!;
      const wrong = t.wrongAnswerable + (t.unanswerable - t.unanswerableHandedOff) + (t.persons - t.personsHandedOff);
      const scored = t.answerable + t.unanswerable + t.persons;
      row(
        `ai ${name}, ${part}, ${lang}: answerable correct | wrong`,
        `${t.correct}/${t.answerable} (${pct(t.correct, t.answerable)}) | all wrong answers ${wrong}/${scored} (${pct(wrong, scored)})`,
      );
      row(
        `ai ${name}, ${part}, ${lang}: unanswerable | persons handed off`,
        `${t.unanswerableHandedOff}/${t.unanswerable} (${pct(t.unanswerableHandedOff, t.unanswerable)}) | ${t.personsHandedOff}/${t.persons}`,
      );
      if (lang === 'all') row(`ai ${name}, ${part}: order questions (order tool's, unscored), answered`, `${t.ordersAnswered}/${t.orders}`);
    }
  }
  // The second to sixth rounds' probes, tuned on (bench/fixtures/ai-probes.ts, ai-probes-4.ts, ai-probes-5.ts, ai-probes-6.ts): whether the rules carry beyond the set, not a score.
  const probeMisses: string[] = [];
  for (const [round, set] of [['round-2', ROUND_TWO_PROBES], ['round-3', ROUND_THREE_PROBES], ['round-4', ROUND_FOUR_PROBES], ['round-5', ROUND_FIVE_PROBES], ['round-6', ROUND_SIX_PROBES]] as const) {
    const probes = empty();
    for (const q of set) {
      const out = await responder.respond({ question: q[1], unresolvedTurns: 0 }).catch((): ResponderOutput => ({ kind: 'handoff', reason: 'error' }));
      const verdict = judge(q, out);
      add(probes, q, verdict, out.kind === 'answer');
      if (verdict !== 'correct' && verdict !== 'handedOff') probeMisses.push(`  ${round} ${verdict.padEnd(11)} ${q[1]}  (label ${q[2]}; got ${out.kind === 'answer' ? (idOfSource.get(out.source) ?? out.source) : out.kind})`);
    }
    const probeWrong = probes.wrongAnswerable + probes.unanswerable - probes.unanswerableHandedOff;
    row(`ai ${name}, ${round} probes (tuned on, not a score): right | wrong`, `${probes.correct}/${probes.answerable} (${pct(probes.correct, probes.answerable)}) | ${probeWrong}/${set.length}`);
  }
  if (process.env.BENCH_VERBOSE === '1' && probeMisses.length) console.log(`probe misses (${name}):\n${probeMisses.join('\n')}`);
  if (process.env.BENCH_VERBOSE === '1' && misses.length) console.log(`tuning-part misses (${name}):\n${misses.join('\n')}`);
  return tallies;
}

export async function aiEval(): Promise<void> {
  const scores: Record<string, unknown> = { questions: QUESTIONS.length, fresh: FRESH_QUESTIONS.length, faqs: FAQS.filter((f) => f.published).length, documents: DOCS.length };
  scores.retrieval = await evaluate('retrieval', new RetrievalResponder({ knowledge, maxUnresolvedTurns: 2 }));
  const { AI_BASE_URL: baseUrl, AI_API_KEY: apiKey = '', AI_MODEL: model = 'gpt-4o-mini' } = process.env;
  if (baseUrl) scores.llm = await evaluate(`llm ${model}`, new LlmResponder({ baseUrl, apiKey, model, knowledge, timeoutMs: 30_000 }));
  results.ai = scores;
}
