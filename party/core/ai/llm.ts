/**
 * An LLM responder for any OpenAI-compatible chat-completions endpoint (R10): grounded
 * in the passages retrieval finds, with a timeout; on an error, a timeout or an answer
 * it is not sure of, it hands off (R11).
 */
import { courtesyReply } from './greetings.js';
import { Bm25Index, asksForHuman, disputesCharge, soundsUpset, type KnowledgeItem } from './retrieval.js';
import type { Responder, ResponderInput, ResponderOutput } from './responder.js';

export interface LlmOptions {
  baseUrl: string;
  apiKey: string;
  model: string;
  knowledge: KnowledgeItem[];
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export const NOT_SURE = 'HANDOFF';

function groundingPrompt(passages: KnowledgeItem[]): string {
  return [
    "You are the store's support agent. Answer the shopper's question in their language, briefly,",
    `using only the passages below. If they do not answer it, reply with exactly ${NOT_SURE}.`,
    '',
    ...passages.map((p, i) => `[${i + 1}] ${p.source}: ${p.text}`),
  ].join('\n');
}

export class LlmResponder implements Responder {
  private readonly index: Bm25Index;

  constructor(private readonly options: LlmOptions) {
    this.index = Bm25Index.of(options.knowledge);
  }

  async respond({ question }: ResponderInput): Promise<ResponderOutput> {
    if (asksForHuman(question)) return { kind: 'handoff', reason: 'human_requested' };
    // No passage answers "hi": a prompt back rather than a handoff, and no model call.
    const courtesy = courtesyReply(question);
    if (courtesy) return { kind: 'clarify', text: courtesy };
    if (soundsUpset(question) || disputesCharge(question)) return { kind: 'handoff', reason: 'unresolved' };
    // The same retrieval as the default responder: no passage (or only ones about another
    // country or product) means the model is not asked at all.
    const passages = this.index.top(question, 3);
    if (!passages.length) return { kind: 'handoff', reason: 'unresolved' };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 8000);
    try {
      const r = await (this.options.fetch ?? fetch)(`${this.options.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        signal: controller.signal,
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.options.apiKey}` },
        body: JSON.stringify({
          model: this.options.model,
          temperature: 0,
          messages: [
            { role: 'system', content: groundingPrompt(passages) },
            { role: 'user', content: question },
          ],
        }),
      });
      if (!r.ok) return { kind: 'handoff', reason: 'error' };
      const data = (await r.json()) as { choices?: Array<{ message?: { content?: unknown } }> };
      const text = data.choices?.[0]?.message?.content;
      if (typeof text !== 'string' || !text.trim() || text.trim() === NOT_SURE) {
        // Not grounded enough to answer: a person does better than a guess.
        return { kind: 'handoff', reason: 'unresolved' };
      }
      return { kind: 'answer', text: `${text.trim()}\n\nSource: ${passages[0]!.source}`, source: passages[0]!.source };
    } catch {
      return { kind: 'handoff', reason: 'error' };
    } finally {
      clearTimeout(timer);
    }
  }
}
