// The client's message ids (`clientId`): version-4 UUIDs, also on a page without a secure
// context, where `crypto.randomUUID` is missing (a storefront served over plain http).
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { afterEach, describe, it } from 'node:test';
import { newClientId } from '../../src/client/client-id.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const real = Object.getOwnPropertyDescriptor(globalThis, 'crypto')!;
afterEach(() => Object.defineProperty(globalThis, 'crypto', real));

function idsOf(count: number): string[] {
  const ids = Array.from({ length: count }, newClientId);
  for (const id of ids) assert.match(id, V4);
  assert.equal(new Set(ids).size, count, 'every id is new');
  return ids;
}

describe('client ids', () => {
  it('are version-4 UUIDs from crypto.randomUUID where the page has it', () => {
    let asked = 0;
    Object.defineProperty(globalThis, 'crypto', { configurable: true, value: { randomUUID: () => (asked++, webcrypto.randomUUID()), getRandomValues: () => assert.fail('not needed') } });
    idsOf(50);
    assert.equal(asked, 50);
  });

  it('are version-4 UUIDs, every random digit varying, without randomUUID (plain http)', () => {
    Object.defineProperty(globalThis, 'crypto', { configurable: true, value: { getRandomValues: <T extends ArrayBufferView>(a: T) => webcrypto.getRandomValues(a as never) as T } });
    const ids = idsOf(300);
    // Each place but the version digit and the dashes takes several values: none is fixed.
    for (let i = 0; i < 36; i++) {
      if ([8, 13, 14, 18, 23].includes(i)) continue;
      assert.ok(new Set(ids.map((id) => id[i])).size > (i === 19 ? 3 : 8), `place ${i} varies`);
    }
  });
});
