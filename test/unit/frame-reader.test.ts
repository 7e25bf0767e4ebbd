// The transports' frame reader (issue 19, README "The shopper's frame decoder"): it lets
// through exactly what the public decoders accept, the same frame, and drops the rest.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MAX_FRAME_BYTES, decodeConfigFrame, decodeServerFrame, decodeShopperFrame, configFrameSchema, serverFrameSchema, shopperFrameSchema, type Decoded } from '../../src/protocol/index.js';
import { readFrame } from '../../src/protocol/frame-reader.js';
import { serverFrame } from './arbitraries.js';

/** A decoder's answer as the reader should give it: the frame, or nothing. */
const expected = (decoded: Decoded<unknown>): unknown => (decoded.ok ? decoded.frame : undefined);

const pairs: Array<{ read(raw: unknown): unknown; decode(raw: unknown): Decoded<unknown> }> = [
  { read: (raw) => readFrame(serverFrameSchema, raw), decode: decodeServerFrame },
  { read: (raw) => readFrame(shopperFrameSchema, raw), decode: decodeShopperFrame },
  { read: (raw) => readFrame(configFrameSchema, raw), decode: decodeConfigFrame },
];

describe('frame reader', () => {
  it('gives the frame every valid server frame decodes to', () => {
    fc.assert(
      fc.property(serverFrame, (frame) => {
        const raw = JSON.stringify(frame);
        for (const { read, decode } of pairs) assert.deepEqual(read(raw), expected(decode(raw)));
      }),
      { numRuns: 300 },
    );
  });

  it('drops what the decoders refuse, and never throws', () => {
    const anyInput = fc.oneof(fc.anything(), fc.string({ maxLength: 200 }), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v)));
    fc.assert(
      fc.property(anyInput, (raw) => {
        for (const { read, decode } of pairs) assert.deepEqual(read(raw), expected(decode(raw)));
      }),
      { numRuns: 1000 },
    );
  });

  it('reads a ticket frame over the 16 KB limit of what clients send (a catch-up of long messages), and a config frame of any size', () => {
    // Review finding: a sync over 16 KB was dropped and the chat opened empty.
    const at = '2026-01-01T00:00:00.000Z';
    const ticket = { id: 't1', shop: 's', channel: 'chat', status: 'open', customer: { id: 'c1' }, handler: 'team', createdAt: at, updatedAt: at, unread: 0 };
    const messages = Array.from({ length: 40 }, (_, i) => ({ id: `m${i + 1}`, seq: i + 1, author: { role: 'shopper', id: 'c1' }, body: 'x'.repeat(4000), attachments: [], createdAt: at }));
    const sync = JSON.stringify({ type: 'sync', ticket, messages, hasMore: false, receipts: { shopper: 0, agent: 0 } });
    assert.ok(sync.length > MAX_FRAME_BYTES);
    for (const decoded of [decodeServerFrame(sync), decodeShopperFrame(sync)]) assert.equal(decoded.ok && decoded.frame.type === 'sync' && decoded.frame.messages.length, 40);
    for (const schema of [serverFrameSchema, shopperFrameSchema]) assert.equal((readFrame(schema, sync) as { messages: unknown[] } | undefined)?.messages.length, 40);
    const faqs = Array.from({ length: 60 }, (_, i) => ({ id: `f${i}`, question: 'q'.repeat(400), answer: 'a'.repeat(400) }));
    const config = { enabled: true, loginStatus: 'all', welcomeMessage: 'Hi', faqs, policy: {}, officeHours: { timezone: 'UTC', isOpen: true, nextOpenAt: null, awayMessage: '' }, ai: { enabled: false } };
    const raw = JSON.stringify({ type: 'config', config });
    assert.ok(raw.length > MAX_FRAME_BYTES);
    assert.deepEqual(readFrame(configFrameSchema, raw), { type: 'config', config });
    assert.equal(readFrame(shopperFrameSchema, JSON.stringify({ type: 'presence', agents: [] })), undefined);
  });
});
