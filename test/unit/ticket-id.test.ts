// Signed ticket ids (issue 12): the Worker tells this server's ids from made-up ones without storage.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTicketId, signedTicketId } from '../../party/core/ticket-id.js';

const SECRET = 'a-test-secret-a-test-secret';

describe('signed ticket ids', () => {
  it('accepts the ids it signed and nothing near them', async () => {
    const id = await signedTicketId(SECRET, '7c9e6679-7425-40de-944b-e07fc1f90ae7');
    assert.match(id, /^[0-9a-f-]{36}\.[0-9a-f]{24}$/);
    assert.equal(await isTicketId(SECRET, id), true);
    const [uuid, mac] = id.split('.') as [string, string];
    const flipped = `${mac[0] === '0' ? '1' : '0'}${mac.slice(1)}`;
    const near = [
      uuid,
      `${uuid}.${flipped}`,
      `${crypto.randomUUID()}.${mac}`,
      `${uuid}.${mac.slice(0, -1)}`,
      `${uuid}.${mac}0`,
      `${uuid.toUpperCase()}.${mac}`,
      '',
      '.',
      'whatever',
    ];
    for (const candidate of near) assert.equal(await isTicketId(SECRET, candidate), false, candidate);
    assert.equal(await isTicketId('another-secret-another-secret', id), false);
    assert.equal(await isTicketId(SECRET, await signedTicketId(SECRET)), true);
  });
});
