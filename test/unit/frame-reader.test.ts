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
  { read: (raw) => readFrame(configFrameSchema, raw, false), decode: decodeConfigFrame },
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

  it('drops a ticket frame over the frame limit, and reads a config frame of any size', () => {
    const sync = JSON.stringify({ type: 'error', code: 'bad_frame', message: 'x'.repeat(1000), pad: 'y'.repeat(MAX_FRAME_BYTES) });
    assert.equal(decodeServerFrame(sync).ok, false);
    assert.equal(readFrame(serverFrameSchema, sync), undefined);
    const faqs = Array.from({ length: 60 }, (_, i) => ({ id: `f${i}`, question: 'q'.repeat(400), answer: 'a'.repeat(400) }));
    const config = { enabled: true, loginStatus: 'all', welcomeMessage: 'Hi', faqs, policy: {}, officeHours: { timezone: 'UTC', isOpen: true, nextOpenAt: null, awayMessage: '' }, ai: { enabled: false } };
    const raw = JSON.stringify({ type: 'config', config });
    assert.ok(raw.length > MAX_FRAME_BYTES);
    assert.deepEqual(readFrame(configFrameSchema, raw, false), { type: 'config', config });
    assert.equal(readFrame(shopperFrameSchema, JSON.stringify({ type: 'presence', agents: [] })), undefined);
  });
});
