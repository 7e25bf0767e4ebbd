// Issue 17 in the team's inbox, in Chromium against the msw mock (the server's own domain
// code): a shopper's rating of an ended chat reaches the open inbox live, on the ticket's
// row (a badge read out as "Rated 4 of 5") and in the ticket's header with the comment,
// rendered as text.
import { expect } from '@open-wc/testing';
import '../../src/inbox.js';
import type { ServerFrame } from '../../src/index.js';
import type { InboxClient } from '../../src/inbox/inbox-client.js';
import type { Claims } from '../../party/core/auth.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { all, one, row, settle, signedIn } from './inbox-harness.js';
import { useMockShop } from './mock-server.js';

const dev = useMockShop();

/** A shopper whose chat has ended (End chat), still on its socket to rate it. */
async function endedChat(name: string) {
  const shop = await dev.mock.backend.shop(DEV_SHOP);
  const claims: Claims = { shop: DEV_SHOP, role: 'shopper', sub: `r-${Math.random()}`, name, exp: 0 };
  const out = await shop.startChat(claims, { clientId: crypto.randomUUID(), body: `Hello from ${name}` }, location.origin);
  if (out.kind === 'rate_limited') throw new Error('rate limited');
  const frames: ServerFrame[] = [];
  const conn = await dev.mock.backend.connect(out.ticket.id, { ...claims, tid: out.ticket.id }, (f) => frames.push(f));
  if ('ok' in conn) throw new Error(conn.message);
  await conn.receive(JSON.stringify({ type: 'hello', lastSeq: 0 }));
  await conn.receive(JSON.stringify({ type: 'end' }));
  return { rate: (score: number, comment?: string) => conn.receive(JSON.stringify({ type: 'rate', score, ...(comment ? { comment } : {}) })), close: () => conn.close(), frames };
}

describe('the inbox shows ratings (issue 17)', () => {
  it('a rating arrives live on the closed ticket\'s row and in its header, the comment as text', async () => {
    const shopper = await endedChat('Rita Rating');
    const el = await signedIn();
    all<HTMLButtonElement>(el, '.tabs button').find((b) => b.textContent!.trim() === 'Closed')!.click();
    await settle(el, () => !!row(el, 'Rita Rating'), 'the closed row');
    expect(row(el, 'Rita Rating')!.querySelector('[data-rating]')).to.equal(null, 'not rated yet');

    await shopper.rate(4, '<b>Quick</b> and kind');
    await settle(el, () => !!row(el, 'Rita Rating')?.querySelector('[data-rating]'), 'the badge, live');
    const badge = row(el, 'Rita Rating')!.querySelector('[data-rating]')!;
    expect(badge.textContent!.replace(/\s+/g, ' ')).to.contain('★ 4/5');
    expect(badge.querySelector('.sr-only')!.textContent).to.equal('Rated 4 of 5');

    row(el, 'Rita Rating')!.click();
    await settle(el, () => one(el, '.head h2')?.textContent === 'Rita Rating', 'the ticket');
    await settle(el, () => !!one(el, '.head [data-rating]'), 'the header rating');
    const line = one(el, '.head [data-rating]');
    expect(line.textContent!.replace(/\s+/g, ' ').trim()).to.equal('★ Rated 4 of 5 · “<b>Quick</b> and kind”');
    expect(line.querySelector('b')).to.equal(null, 'the comment is text, never HTML');
    await expect(el).to.be.accessible();
    shopper.close();
  });

  it('a list page answered before the rating does not take the badge back off the row', async () => {
    const shopper = await endedChat('Rhea Race');
    const el = await signedIn();
    // The Closed tab's page is answered from the index as it was before the rating, then held
    // until the rating has reached the row live: the two cross, as they do on a busy machine.
    const backend = dev.mock.backend;
    const fetch = backend.fetch.bind(backend);
    let answered!: () => void;
    let release!: () => void;
    const pageAnswered = new Promise<void>((r) => (answered = r));
    const released = new Promise<void>((r) => (release = r));
    backend.fetch = async (request, origin) => {
      const response = await fetch(request, origin);
      if (!request.url.includes('status=closed')) return response;
      answered();
      await released;
      return response;
    };
    try {
      all<HTMLButtonElement>(el, '.tabs button').find((b) => b.textContent!.trim() === 'Closed')!.click();
      await pageAnswered;
      await shopper.rate(5);
      // The row and its badge come by the feed alone: its first frame lists the shop's newest tickets, closed ones too.
      await settle(el, () => !!row(el, 'Rhea Race')?.querySelector('[data-rating]'), 'the badge, live');
      release();
      // Nothing on screen tells a page that changed nothing has landed: its client's list state does.
      const inbox = (el as unknown as { inbox: InboxClient }).inbox;
      await settle(el, () => inbox.$listState.get() === 'ready', 'the Closed page');
      await el.updateComplete;
      expect(row(el, 'Rhea Race')!.querySelector('[data-rating]')?.textContent).to.contain('★ 5/5', 'the older page left the rating on the row');
    } finally {
      backend.fetch = fetch;
      release();
      shopper.close();
    }
  });
});
