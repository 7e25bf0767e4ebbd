/**
 * Which AI agent the server runs (R10): an OpenAI-compatible endpoint when the server
 * vars `AI_BASE_URL` and `AI_API_KEY` are set, else the default retrieval responder.
 * One choice for the ticket rooms' turns and the settings form's "test a question".
 */
import { LlmResponder } from './core/ai/llm.js';
import { RetrievalResponder, type AiSettings, type Responder } from './core/ai/responder.js';
import type { Env } from './worker-env.js';

export function configuredResponder(env: Env): ((settings: AiSettings) => Responder) | undefined {
  if (!env.AI_BASE_URL || !env.AI_API_KEY) return undefined;
  return (settings) => new LlmResponder({ baseUrl: env.AI_BASE_URL!, apiKey: env.AI_API_KEY!, model: env.AI_MODEL ?? 'gpt-4o-mini', knowledge: settings.knowledge });
}

/** The responder for these settings, as a ticket room would pick it. */
export const responderFor = (env: Env) => (settings: AiSettings): Responder => configuredResponder(env)?.(settings) ?? new RetrievalResponder(settings);
