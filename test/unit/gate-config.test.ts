// The launcher's look at the shop's public config (R2, issue 14): the two fields it reads
// are checked at the boundary, so an error answer or a malformed one is never taken for
// "not gated" (and kept as a hint for the next pages).
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { fetchGateConfig, isGated } from '../../src/transports/gate-config.js';

const realFetch = globalThis.fetch;
let asked: string[] = [];
function answer(status: number, body: unknown): void {
  asked = [];
  globalThis.fetch = (async (input: RequestInfo | URL) => {
    asked.push(String(input));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}
afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('the launcher\u2019s gate config', () => {
  it('reads enabled and loginStatus from the shop room\u2019s /config', async () => {
    answer(200, { enabled: true, loginStatus: 'logged-in', welcomeMessage: 'Hi', faqs: [] });
    assert.deepEqual(await fetchGateConfig('localhost:1999', 'demo.myshopify.com'), { enabled: true, loginStatus: 'logged-in' });
    assert.deepEqual(asked, ['http://localhost:1999/parties/main/demo.myshopify.com/config']);
  });

  it('refuses an error answer instead of taking it for "not gated"', async () => {
    answer(404, { error: { code: 'not_found', message: 'no such shop' } });
    await assert.rejects(fetchGateConfig('chat.example.com', 'nope'));
  });

  it('refuses a config whose fields are not what the protocol says', async () => {
    for (const body of [null, [], { enabled: 'yes', loginStatus: 'all' }, { enabled: true, loginStatus: 'everyone' }, { enabled: true }]) {
      answer(200, body);
      await assert.rejects(fetchGateConfig('chat.example.com', 'demo'), `refused: ${JSON.stringify(body)}`);
    }
  });

  it('R2: gated when chat is off, or for logged-in customers only', () => {
    assert.equal(isGated({ enabled: false, loginStatus: 'all' }), true);
    assert.equal(isGated({ enabled: true, loginStatus: 'logged-in' }), true);
    assert.equal(isGated({ enabled: true, loginStatus: 'all' }), false);
  });
});
