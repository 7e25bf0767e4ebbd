// The settings form's "test a question" (issue 18 item 2, R10) on the real server:
// `POST ai/try` answers what the AI agent would say, and from which source, over the
// saved knowledge or a draft; bad input gets a typed error and nothing is saved.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SHOP, agentToken, api, startServer, type Api, type RunningServer } from './harness.js';

describe('issue 18: POST ai/try', () => {
  let server: RunningServer;
  let call: Api;
  let admin = '';
  before(async () => {
    server = await startServer();
    call = api(server);
    admin = await agentToken(call);
  });
  after(() => server.stop());

  const tryIt = (body: unknown) => call('POST', `main/${SHOP}/ai/try`, { token: admin, body });

  it('answers from a draft document with its source and URL, and from the saved FAQs without one', async () => {
    const knowledge = [{ title: 'Gift wrapping', text: 'Every order can be gift wrapped in recycled paper for 3 euros.', url: 'https://shop.example/gifts' }];
    const draft = await tryIt({ question: 'Is gift wrapping possible for my order in recycled paper?', knowledge });
    assert.equal(draft.status, 200);
    assert.deepEqual([draft.body.kind, draft.body.source, draft.body.url], ['answer', 'Gift wrapping', 'https://shop.example/gifts']);
    assert.match(draft.body.text, /recycled paper/);
    // Nothing was saved: the saved knowledge does not know it.
    const saved = (await call('GET', `main/${SHOP}/settings`, { token: admin })).body;
    assert.deepEqual(saved.ai.knowledge, []);
    const shipping = await tryIt({ question: 'How long does shipping take?' });
    assert.equal(shipping.body.kind, 'answer');
    assert.match(shipping.body.text, /^Orders ship within 2 business days/);
  });

  it('says when the agent would hand off, and that order questions use the shopper\u2019s orders', async () => {
    assert.deepEqual((await tryIt({ question: 'I want to talk to a human' })).body, { kind: 'handoff', reason: 'human_requested' });
    assert.deepEqual((await tryIt({ question: 'Où est ma commande ?' })).body, { kind: 'orders' });
    const unknown = await tryIt({ question: 'Do you sell submarines?', faqs: [], knowledge: [] });
    assert.ok(['clarify', 'handoff'].includes(unknown.body.kind), `no source: ${JSON.stringify(unknown.body)}`);
  });

  it('refuses bad input with typed errors', async () => {
    for (const body of [{}, { question: '' }, { question: 'x'.repeat(501) }, { question: 'hi', knowledge: [{ title: 'x' }] }, { question: 'hi', faqs: 'nope' }, 'not json']) {
      const r = await tryIt(body);
      assert.ok(r.status === 400 || r.status === 413, `${JSON.stringify(body)} → ${r.status}`);
      assert.equal(typeof r.body.error.code, 'string');
    }
    const huge = await call('POST', `main/${SHOP}/ai/try`, { token: admin, body: { question: 'hi', knowledge: [{ title: 'x', text: 'y'.repeat(70_000) }] } });
    assert.equal(huge.status, 413);
  });
});
