// Issue 17 in Chromium against the msw mock: a page opened with `?chc=open` (the link of
// the "you have a reply" e-mail) opens the chat; without it the launcher stays closed.
// (The ended view's "E-mail me this conversation" button waits for room in the widget's
// size budget; its route is tested in test/server/transcript.test.ts.)
import { expect } from '@open-wc/testing';
import { $, mount, settle, useMockShop } from './widget-harness.js';

useMockShop();

describe('issue 17: the reply e-mail link', () => {
  it('`?chc=open`, the reply e-mail’s link, opens the chat on load; without it the launcher stays closed', async () => {
    const plain = await mount();
    await plain.updateComplete;
    expect(plain.open).to.equal(false);
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?chc=open`);
    try {
      const el = await mount();
      await settle(el, () => !!$(el, '[part="panel"]') && el.open, 'the open panel');
      expect(el.open).to.equal(true);
    } finally {
      history.replaceState(null, '', before);
    }
  });
});
