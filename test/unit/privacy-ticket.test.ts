// customers/redact inside a ticket room (issue 15, party/core/privacy-ticket.ts): what is
// replaced, what stays, and that a second run changes nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportTicket, redactTicket } from '../../party/core/privacy-ticket.js';
import type { Message } from '../../src/protocol/index.js';
import { roomHarness } from './room-harness.js';

describe('privacy: redacting a ticket', () => {
  const setUp = async () => {
    const h = roomHarness();
    await h.room.create({
      id: 't1',
      shop: 'demo.myshopify.com',
      customer: { id: 'c1', name: 'Ann-Marie O\u2019Neil (VIP)', email: 'Ann@Example.com' },
      handler: 'team',
      first: { clientId: 'first', body: 'My number is +33 6 12 34 56 78' },
    });
    const agent = h.join('agent', 'a1', 'Adam');
    await agent.say({ type: 'send', clientId: 'g1', body: 'Hello Ann-Marie, I am Adam. We wrote to ann@example.com and to ANN@EXAMPLE.COM, and will call +33 6 12 34 56 78. O\u2019Neil (VIP) noted.' });
    return h;
  };
  const messages = async (h: Awaited<ReturnType<typeof setUp>>) => (await h.room.rewrite((s, meta) => exportTicket(s, meta)))!.messages;

  it('replaces the customer\u2019s messages and their name, e-mail and phone in the team\u2019s, whole words only; the team\u2019s own words stay', async () => {
    const h = await setUp();
    const who = { id: 'c1', email: 'ann@example.com', phone: '+33 6 12 34 56 78' };
    const done = await h.room.rewrite((s, meta) => redactTicket(s, meta, who));
    assert.deepEqual(done!.ticket.customer, { id: 'redacted' });
    assert.equal(done!.ticket.status, 'closed');
    const [first, reply] = await messages(h);
    assert.deepEqual([first!.author, first!.body], [{ role: 'shopper' }, '[redacted]']);
    // "Ann-Marie", "O’Neil" and "(VIP)" are words of the name; "Adam" is not touched by "Ann" nor by anything else.
    assert.equal(reply!.body, 'Hello [redacted], I am Adam. We wrote to [redacted] and to [redacted], and will call [redacted]. [redacted] [redacted] noted.');
    assert.deepEqual(reply!.author, { role: 'agent', id: 'a1', name: 'Adam' });
    assert.equal(done!.ticket.lastMessage!.body.includes('Ann'), false);
    // A second run finds the ticket no longer theirs and changes nothing.
    const before = JSON.stringify(await messages(h));
    assert.equal(await h.room.rewrite((s, meta) => redactTicket(s, meta, who)), null);
    assert.equal(JSON.stringify(await messages(h)), before);
  });

  it('removes the page\u2019s context from the ticket (issue 15 setContext)', async () => {
    const h = roomHarness();
    await h.room.create({
      id: 't2',
      shop: 'demo.myshopify.com',
      customer: { id: 'c1', email: 'ann@example.com' },
      handler: 'team',
      first: { clientId: 'first', body: 'Hello', context: { pageUrl: 'https://shop.example/account', cart: 'Ann: 2 items', order: '#1001' } },
    });
    assert.deepEqual((await h.room.ticket())!.context, { pageUrl: 'https://shop.example/account', cart: 'Ann: 2 items', order: '#1001' });
    const done = await h.room.rewrite((s, meta) => redactTicket(s, meta, { id: 'c1' }));
    assert.equal(done!.ticket.context, undefined);
    assert.equal((await h.room.ticket())!.context, undefined);
  });

  it('removes the rating\u2019s comment (the score stays) and the e-mails not sent yet, which quote the conversation (review)', async () => {
    const h = await setUp();
    await h.room.rewrite(async (s, meta) => {
      meta!.ticket.status = 'closed';
      meta!.ticket.rating = { score: 2, comment: 'Ann here, call me on +33 6 12 34 56 78', at: new Date(0).toISOString() };
      await s.put({ meta: meta!, 'email:digest': { messages: [{ author: 'Ann', body: 'My number is +33 6 12 34 56 78' }] }, 'email:reply-notice': { count: 1 } });
      return null;
    });
    const done = await h.room.rewrite((s, meta) => redactTicket(s, meta, { id: 'c1' }));
    assert.deepEqual(done!.ticket.rating, { score: 2, at: new Date(0).toISOString() });
    const left = await h.room.rewrite(async (s) => [await s.get('email:digest'), await s.get('email:reply-notice')]);
    assert.deepEqual(left, [undefined, undefined]);
  });

  it('deletes every image the shopper uploaded, also one a team message carries (stored before a send could carry only its own side\u2019s uploads); the team\u2019s stay (issue 17 B1)', async () => {
    const h = await setUp();
    const ids = { shopper: '11111111-1111-4111-8111-111111111111', unnamed: '22222222-2222-4222-8222-222222222222', team: '33333333-3333-4333-8333-333333333333' };
    const image = (id: string) => ({ type: 'image' as const, url: `https://chat.example.com/parties/ticket/t1/uploads/${id}` });
    await h.room.rewrite(async (s) => {
      const stored = [...(await s.list<Message>({ prefix: 'm:' }))];
      const [firstKey, first] = stored.find(([, m]) => m.author.role === 'shopper')!;
      const [replyKey, reply] = stored.find(([, m]) => m.author.role === 'agent')!;
      // The shopper sent the unnamed one (an upload stored before uploads named their side); the agent re-sent both of theirs.
      await s.put({
        [firstKey]: { ...first, attachments: [image(ids.unnamed)] },
        [replyKey]: { ...reply, attachments: [image(ids.shopper), image(ids.unnamed), image(ids.team)] },
        [`u:${ids.shopper}`]: { type: 'image/png', size: 1, chunks: 1, url: image(ids.shopper).url, by: 'shopper' },
        [`u:${ids.unnamed}`]: { type: 'image/png', size: 1, chunks: 1, url: image(ids.unnamed).url },
        [`u:${ids.team}`]: { type: 'image/png', size: 1, chunks: 1, url: image(ids.team).url, by: 'team' },
        ...Object.fromEntries(Object.values(ids).map((id) => [`u:${id}:0`, new Uint8Array([1])])),
      });
      return null;
    });
    await h.room.rewrite((s, meta) => redactTicket(s, meta, { id: 'c1' }));
    const reply = (await messages(h)).find((m) => m.author.role === 'agent')!;
    assert.deepEqual(reply.attachments, [image(ids.team)], 'the team\u2019s reply shows only the team\u2019s image');
    const left = await h.room.rewrite(async (s) => [...(await s.list({ prefix: 'u:' })).keys()]);
    assert.deepEqual(left, [`u:${ids.team}`, `u:${ids.team}:0`]);
  });

  it('leaves another customer\u2019s ticket alone, matched neither by id nor by e-mail', async () => {
    const h = await setUp();
    assert.equal(await h.room.rewrite((s, meta) => redactTicket(s, meta, { id: 'c2', email: 'other@example.com' })), null);
    assert.equal((await messages(h))[0]!.body, 'My number is +33 6 12 34 56 78');
    // The same e-mail in another case is the same customer.
    assert.notEqual(await h.room.rewrite((s, meta) => redactTicket(s, meta, { email: 'ANN@example.COM' })), null);
  });
});
