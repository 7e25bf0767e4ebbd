// The test harness of the AI agent's retrieval tests (issue 18): the default responder over
// the evaluation's fixture shop (bench/fixtures/ai-shop.ts), asked one first turn at a time.
import { RetrievalResponder, knowledgeFrom, type ResponderOutput } from '../../party/core/ai/responder.js';
import { DOCS, FAQS } from '../../bench/fixtures/ai-shop.js';

const responder = new RetrievalResponder({ knowledge: knowledgeFrom(FAQS, DOCS), maxUnresolvedTurns: 2 });

/** The responder's whole output for `question`, as a first turn. */
export const reply = (question: string): Promise<ResponderOutput> => responder.respond({ question, unresolvedTurns: 0 });

/** "source: first line of the answer", or "(clarify)" / "(handoff)": what a test compares. */
export const ask = async (question: string): Promise<string> => {
  const out = await reply(question);
  return out.kind === 'answer' ? `${out.source}: ${out.text.split('\n')[0]}` : `(${out.kind})`;
};
