/**
 * The AI agent's contract (R10, R11): a `Responder` answers each incoming chat message
 * first, or asks for a handoff. Merchants can replace the default (retrieval over the
 * shop's FAQs and knowledge) with their own.
 */
import type { HandoffTarget } from '../outbound.js';
import { courtesyReply } from './greetings.js';
import { Bm25Index, asksForHuman, disputesCharge, guessLanguage, soundsUpset, type KnowledgeItem } from './retrieval.js';

export interface ResponderInput {
  question: string;
  /** How many turns in a row the agent could not resolve before this one. */
  unresolvedTurns: number;
}

export type ResponderOutput =
  | { kind: 'answer'; text: string; source: string; url?: string }
  | { kind: 'clarify'; text: string }
  | { kind: 'handoff'; reason: 'human_requested' | 'unresolved' | 'error' };

export interface Responder {
  respond(input: ResponderInput): Promise<ResponderOutput>;
}

export interface AiSettings {
  knowledge: KnowledgeItem[];
  maxUnresolvedTurns: number;
  handoff: { target: 'inbox' | 'message'; message?: string } | HandoffTarget;
}

const LINES = {
  en: { source: 'Source', clarify: "I'm not sure I can answer that. Could you rephrase it, or ask to talk to a person?" },
  fr: { source: 'Source', clarify: 'Je ne suis pas sûr de pouvoir répondre. Pouvez-vous reformuler, ou demander à parler à un conseiller ?' },
};

/** The default: no external service, answers only when the shop's own texts cover the question. */
export class RetrievalResponder implements Responder {
  private readonly index: Bm25Index;

  constructor(private readonly settings: Pick<AiSettings, 'knowledge' | 'maxUnresolvedTurns'>) {
    this.index = Bm25Index.of(settings.knowledge);
  }

  async respond({ question, unresolvedTurns }: ResponderInput): Promise<ResponderOutput> {
    if (asksForHuman(question)) return { kind: 'handoff', reason: 'human_requested' };
    // A greeting or thanks asks nothing: a prompt back (the chat's turn does not count it).
    const courtesy = courtesyReply(question);
    if (courtesy) return { kind: 'clarify', text: courtesy };
    // An upset shopper gets a person, not an FAQ (issue 18).
    if (soundsUpset(question)) return { kind: 'handoff', reason: 'unresolved' };
    // A disputed charge is an order's, for the team: the price FAQ would answer another question.
    if (disputesCharge(question)) return { kind: 'handoff', reason: 'unresolved' };
    const found = this.index.best(question);
    const lang = guessLanguage(question);
    if (found) {
      // Several questions: each answer followed by its own source.
      const text = [found, ...(found.also ?? [])].map((a) => `${a.text}\n\n${LINES[lang].source}: ${a.source}`).join('\n\n');
      return { kind: 'answer', text, source: found.source, ...(found.url ? { url: found.url } : {}) };
    }
    if (unresolvedTurns + 1 >= this.settings.maxUnresolvedTurns) return { kind: 'handoff', reason: 'unresolved' };
    return { kind: 'clarify', text: LINES[lang].clarify };
  }
}

/** FAQs (published) and knowledge documents as retrievable passages, one per paragraph. */
export function knowledgeFrom(
  faqs: Array<{ question: string; answer: string; published: boolean }>,
  docs: Array<{ title: string; text: string; url?: string }>,
): KnowledgeItem[] {
  const items: KnowledgeItem[] = faqs.filter((f) => f.published).map((f) => ({ source: f.question, keywords: f.question, text: f.answer }));
  for (const d of docs) {
    for (const para of d.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)) {
      items.push({ source: d.title, text: para, ...(d.url ? { url: d.url } : {}) });
    }
  }
  return items;
}
