// The widget's lean schema toolkit (README "The client's bytes", issue 19) against the full
// one: the same frames and HTTP answers pass, with the same cleaned values, and the same fail.
import assert from 'node:assert/strict';
import { register } from 'node:module';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import * as full from '../../src/protocol/frames.js';
import { readFrame } from '../../src/protocol/frame-reader.js';
import * as fullToolkit from '../../src/protocol/schema.js';
import type { Schema } from '../../src/protocol/schema.js';
import { message, serverFrame, ticket } from './arbitraries.js';

register('./lean-schema-hooks.mjs', import.meta.url);
const lean = (await import('../../src/protocol/frames.js?lean' as string)) as typeof full;
const leanToolkit = (await import('../../src/protocol/schema.js?lean' as string)) as typeof import('../../src/protocol/schema.js');

/** What a value might become on a broken or hostile server: any node replaced by one of these. */
const junk = fc.constantFrom<unknown>(undefined, null, '', 'x'.repeat(5000), -1, 0, 1.5, 2 ** 60, Number.NaN, true, [], {}, [1, 2], 'open', 'agent', 'image', { role: 'ai' });

/** `value` with the `pick`-th node (depth first) replaced by `by`, or deleted when `by` is undefined. */
function mutate(value: unknown, pick: number, by: unknown): unknown {
  let n = 0;
  const walk = (v: unknown): unknown => {
    if (n++ === pick) return by;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]).filter(([, x]) => x !== undefined));
    return v;
  };
  return walk(value);
}

const same = (a: Schema<unknown>, b: Schema<unknown>, input: unknown) => {
  const [x, y] = [a.check(input, ''), b.check(input, '')];
  assert.equal(y.ok, x.ok, JSON.stringify(input));
  if (x.ok && y.ok) assert.deepEqual(y.value, x.value);
};

describe('the widget\'s lean schema toolkit (issue 19)', () => {
  it('is a different toolkit: a refusal says nothing of why', () => {
    const r = lean.messageSchema.check({}, '');
    assert.ok(!r.ok && r.issue.path === '' && !/id/.test(r.issue.message));
    const f = full.messageSchema.check({}, '');
    assert.ok(!f.ok && f.issue.path === 'id');
  });

  it('reads every shopper frame, intact or broken anywhere, as the full toolkit does', () => {
    fc.assert(
      fc.property(serverFrame, fc.nat({ max: 60 }), junk, fc.boolean(), (frame, pick, by, broken) => {
        const raw = JSON.stringify(broken ? mutate(frame, pick, by) : frame);
        assert.deepEqual(readFrame(lean.shopperFrameSchema, raw), readFrame(full.shopperFrameSchema, raw), raw);
        assert.deepEqual(readFrame(lean.configFrameSchema, raw), readFrame(full.configFrameSchema, raw), raw);
      }),
      { numRuns: 400 },
    );
  });

  it('checks the HTTP answers the widget reads as the full toolkit does', () => {
    const config = {
      enabled: true, loginStatus: 'all', welcomeMessage: 'Hi', faqs: [{ id: 'f1', question: 'Q?', answer: 'A.' }], policy: { privacyUrl: 'https://x.test/p' },
      officeHours: { timezone: 'UTC', isOpen: true, nextOpenAt: null, awayMessage: '' }, ai: { enabled: false },
      shopName: 'Shop', team: [{ name: 'Ann' }], replyMinutes: 3, rating: true, extra: 1,
    };
    const answers: [keyof typeof full, unknown][] = [
      ['widgetConfigSchema', config],
      ['sessionSchema', { token: 't', expiresAt: '2026-01-01T00:00:00.000Z', customer: { id: 'c1', name: 'Ann', email: 'a@x.test', phone: '+15550100' } }],
      ['shopperOrdersSchema', { text: 'Your orders', orders: [{ id: 'o1', label: '#1001', text: 'Shipped' }] }],
      ['transcriptSentSchema', { sentTo: 'a•••@x.test' }],
      ['httpErrorSchema', { error: { code: 'chat_active', message: 'You have a chat.' } }],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...answers), fc.nat({ max: 30 }), junk, fc.boolean(), ([name, body], pick, by, broken) => {
        same(full[name] as Schema<unknown>, lean[name] as Schema<unknown>, broken ? mutate(body, pick, by) : body);
      }),
      { numRuns: 400 },
    );
    // POST chats and GET chats/active (and a 409's body): a ticket with its token and first message.
    fc.assert(
      fc.property(ticket, message, fc.nat({ max: 80 }), junk, fc.boolean(), (t, m, pick, by, broken) => {
        const body = { ticket: t, ticketToken: 'tok', message: m };
        same(full.startedChatSchema, lean.startedChatSchema, broken ? mutate(body, pick, by) : body);
      }),
      { numRuns: 300 },
    );
  });

  it('holds each check to the same bounds, keys and prototypes', () => {
    const pairs = (t: typeof leanToolkit) => [
      t.string({ min: 2, max: 4, pattern: /^a/ }), t.integer({ min: 1, max: 5 }), t.boolean(), t.literal('a', 'ab'), t.literal(1, 5),
      t.array(t.integer(), { max: 2 }), t.record(t.string()), t.nullable(t.optional(t.string())),
      t.object({ a: t.string(), b: t.optional(t.integer()) }), t.tagged({ x: t.object({ n: t.integer() }) }),
    ];
    const [fulls, leans] = [pairs(fullToolkit), pairs(leanToolkit)];
    const inputs: unknown[] = ['', 'a', 'ab', 'abcd', 'abcde', 'ba', 0, 1, 5, 6, 1.5, 2 ** 60, true, false, null, undefined, 'a', [], [1], [1, 2], [1, 2, 3], ['x'],
      {}, { a: 'x' }, { a: 'x', b: 1, c: 2 }, { a: 1 }, { type: 'x', n: 1 }, { type: 'y' }, { type: 'toString', n: 1 }, { type: 'x' }, Object.create({ a: 'x' }),
      Object.create(null), new Date(0), JSON.parse('{"__proto__": "x"}'), JSON.parse('{"a": "x", "__proto__": {"b": 1}}')];
    fulls.forEach((schema, i) => inputs.forEach((input) => same(schema, leans[i]!, input)));
  });
});
