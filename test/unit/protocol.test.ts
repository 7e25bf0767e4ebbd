// Protocol validation at the trust boundary (DESIGN §6): never throws, typed errors, round trips.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  MAX_BODY_CHARS,
  MAX_FRAME_BYTES,
  decodeClientFrame,
  decodeServerFrame,
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
