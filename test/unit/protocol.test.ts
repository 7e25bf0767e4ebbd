// Protocol validation at the trust boundary (DESIGN §6): never throws, typed errors, round trips.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  MAX_BODY_CHARS,
  MAX_FRAME_BYTES,
  decodeClientFrame,
  decodeConfigFrame,
  decodeFeedFrame,
  decodeServerFrame,
  decodeShopperFrame,
  type ClientFrame,
  type ServerFrame,
} from '../../src/protocol/index.js';
import { clientFrame, serverFrame } from './arbitraries.js';

describe('protocol decoding', () => {
  it('never throws on arbitrary strings and JSON, and answers a typed error', () => {
    const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v)));
    fc.assert(
      fc.property(anyText, (raw) => {
        for (const decoded of [decodeClientFrame(raw), decodeServerFrame(raw)]) {
          if (!decoded.ok) assert.ok(['bad_frame', 'too_large'].includes(decoded.error.code));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary values that are not strings', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const decoded = decodeClientFrame(value);
        assert.equal(decoded.ok, false);
      }),
    );
  });

  it('round-trips every valid client frame', () => {
    fc.assert(
      fc.property(clientFrame, (frame: ClientFrame) => {
        const decoded = decodeClientFrame(JSON.stringify(frame));
        assert.ok(decoded.ok, JSON.stringify(decoded));
        assert.deepEqual(decoded.frame, JSON.parse(JSON.stringify(frame)));
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips every valid server frame', () => {
    fc.assert(
      fc.property(serverFrame, (frame: ServerFrame) => {
        const decoded = decodeServerFrame(JSON.stringify(frame));
        assert.ok(decoded.ok, JSON.stringify(decoded));
        assert.deepEqual(decoded.frame, JSON.parse(JSON.stringify(frame)));
      }),
      { numRuns: 300 },
    );
  });

  it('answers too_large for an oversized frame and an oversized body', () => {
    const huge = JSON.stringify({ type: 'send', clientId: 'a', body: 'x'.repeat(MAX_FRAME_BYTES) });
    assert.deepEqual(decodeClientFrame(huge), {
      ok: false,
      error: { code: 'too_large', message: `A frame is at most ${MAX_FRAME_BYTES} bytes.` },
    });
    const long = decodeClientFrame(JSON.stringify({ type: 'send', clientId: 'a', body: 'é'.repeat(MAX_BODY_CHARS + 1) }));
    assert.equal(long.ok || long.error.code, 'too_large');
    // Multi-byte text under the character limit can still exceed the byte limit.
    const wide = decodeClientFrame(JSON.stringify({ type: 'send', clientId: 'a', body: '😀'.repeat(MAX_BODY_CHARS / 2) }));
    assert.equal(wide.ok, true);
  });

  it('answers bad_frame for unknown types, missing fields and wrong types', () => {
    for (const raw of [
      '{"type":"nope"}',
      '{"type":"send","body":"hi"}',
      '{"type":"hello","lastSeq":-1}',
      '{"type":"hello","lastSeq":1.5}',
      '{"type":"history","beforeSeq":5,"limit":101}',
      '{"type":"typing","active":"yes"}',
      '{"type":"__proto__"}',
      '{"type":"toString"}',
      '[]',
      'null',
      '{not json',
    ]) {
      const decoded = decodeClientFrame(raw);
      assert.equal(decoded.ok, false, raw);
      assert.equal(!decoded.ok && decoded.error.code, 'bad_frame', raw);
    }
  });

  it('drops unknown keys and never lets __proto__ through', () => {
    const decoded = decodeClientFrame('{"type":"read","seq":3,"__proto__":{"polluted":true},"extra":1}');
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.frame, { type: 'read', seq: 3 });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

// The widget's own decoders (README "The shopper's frame decoder"): every frame a shopper's
// socket gets, as the full decoder reads it; the agents' own frames dropped.
describe('the shopper frame decoder', () => {
  it('decodes every frame a shopper gets exactly as the full decoder does', () => {
    fc.assert(
      fc.property(serverFrame, (frame: ServerFrame) => {
        const raw = JSON.stringify(frame);
        assert.deepEqual(decodeShopperFrame(raw), decodeServerFrame(raw));
      }),
      { numRuns: 300 },
    );
    const delivery = JSON.stringify({ type: 'delivery', seq: 3, state: 'delivered' });
    assert.deepEqual(decodeShopperFrame(delivery), decodeServerFrame(delivery));
    assert.ok(decodeShopperFrame(delivery).ok);
  });

  it('drops the agents-only frames (events, presence, notes) that the full decoder reads', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const agentsOnly = [
      { type: 'events', events: [{ id: 'e1', kind: 'assigned', at, afterSeq: 1, to: { id: 'a1', name: 'Ann' } }] },
      { type: 'presence', agents: [{ id: 'a1', name: 'Ann', typing: false }] },
      { type: 'notes', notes: [{ id: 'n1', author: { role: 'agent', id: 'a1' }, body: 'VIP', createdAt: at, afterSeq: 1 }] },
    ];
    for (const frame of agentsOnly) {
      const raw = JSON.stringify(frame);
      assert.ok(decodeServerFrame(raw).ok, frame.type);
      const shopper = decodeShopperFrame(raw);
      assert.ok(!shopper.ok && shopper.error.code === 'bad_frame', frame.type);
    }
  });

  it('reads the shop feed\'s config frame only, and keeps the errors of the full decoder', () => {
    const config = {
      enabled: true, loginStatus: 'all', welcomeMessage: 'Hi', faqs: [], policy: {},
      officeHours: { timezone: 'UTC', isOpen: true, nextOpenAt: null, awayMessage: '' }, ai: { enabled: false },
    };
    const raw = JSON.stringify({ type: 'config', config });
    assert.deepEqual(decodeConfigFrame(raw), decodeFeedFrame(raw));
    assert.ok(decodeConfigFrame(raw).ok);
    const inbox = JSON.stringify({ type: 'inbox', tickets: [], nextCursor: null, unreadTotal: 0 });
    assert.ok(decodeFeedFrame(inbox).ok);
    assert.equal(decodeConfigFrame(inbox).ok, false);
    for (const bad of ['{', JSON.stringify({ type: 'message' }), JSON.stringify({ type: 'sync', ticket: null })]) {
      assert.deepEqual(decodeShopperFrame(bad), decodeServerFrame(bad));
    }
  });
});

describe('records (keyed maps: translations)', () => {
  it('refuses a "__proto__" key with a typed error instead of dropping it unseen (review)', async () => {
    const { defaultSettings, mergeSettings } = await import('../../party/core/settings.js');
    // JSON.parse makes "__proto__" an own key, as a PUT body's parser does.
    const body = JSON.parse('{"translations": {"__proto__": {"welcomeMessage": "x"}}}');
    const r = mergeSettings(defaultSettings(), { ...defaultSettings(), ...body });
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error.message, /__proto__/);
    assert.equal(mergeSettings(defaultSettings(), { ...defaultSettings(), translations: JSON.parse('{"fr": {"welcomeMessage": "Bonjour"}}') }).ok, true);
  });
});
