// The LLM responder (R10) against a local fake OpenAI-compatible server: grounded
// prompts, and a handoff (R11) on errors, timeouts and answers it is not sure of.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LlmResponder, NOT_SURE } from '../../party/core/ai/llm.js';
import { knowledgeFrom } from '../../party/core/ai/responder.js';
import { devSettings } from '../../party/core/seed.js';
import { startFakeHttp, type FakeHttp } from './fake-http.js';

describe('LLM responder', () => {
  let server: FakeHttp;
  let base = '';
  const seen: Array<{ auth?: string; body: { model: string; messages: Array<{ role: string; content: string }> } }> = [];
  let reply: 'answer' | 'unsure' | 500 | 'slow' = 'answer';
  before(async () => {
    server = await startFakeHttp(({ headers, body }, res) => {
      seen.push({ auth: headers.authorization, body: JSON.parse(body) });
      if (reply === 500) return void res.writeHead(500).end();
      const content = reply === 'unsure' ? NOT_SURE : 'Returns are free within 30 days.';
      const send = () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
      if (reply === 'slow') setTimeout(send, 3000);
      else send();
    });
    base = `${server.base}/v1`;
  });
  after(() => server.close());

  const responder = () =>
    new LlmResponder({ baseUrl: base, apiKey: 'sk-test', model: 'tiny-model', knowledge: knowledgeFrom(devSettings().faqs, []), timeoutMs: 1000 });

  it('sends the retrieved passages as grounding and answers with the source', async () => {
    reply = 'answer';
    seen.length = 0;
    const out = await responder().respond({ question: 'What is your return policy for unworn items?', unresolvedTurns: 0 });
    assert.deepEqual(out, { kind: 'answer', text: 'Returns are free within 30 days.\n\nSource: What is your return policy?', source: 'What is your return policy?' });
    const { auth, body } = seen[0]!;
    assert.equal(auth, 'Bearer sk-test');
    assert.equal(body.model, 'tiny-model');
    assert.match(body.messages[0]!.content, /\[1\] What is your return policy\?: You can return unworn items within 30 days/);
    assert.equal(body.messages[1]!.content, 'What is your return policy for unworn items?');
  });

  it('hands off on an error, a timeout, an unsure answer, or a person request', async () => {
    for (const r of [500, 'slow', 'unsure'] as const) {
      reply = r;
      const out = await responder().respond({ question: 'What is your return policy?', unresolvedTurns: 0 });
      assert.equal(out.kind, 'handoff', String(r));
    }
    seen.length = 0;
    assert.deepEqual(await responder().respond({ question: 'Can I speak to a human?', unresolvedTurns: 0 }), { kind: 'handoff', reason: 'human_requested' });
    assert.equal(seen.length, 0, 'no call needed');
  });
});
