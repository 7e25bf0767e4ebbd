// The launcher's reply preview (issue 17 B2) in real Chromium against the msw mock: a
// team reply while the panel is closed shows beside the launcher (author, first line, as
// text, in a polite live region), opens the chat, is dismissed for that message across a
// reload, and never shows for the shopper's own messages, with the panel open, or on
// `launcher="none"` pages (which get the existing event).
import { expect, fixture, html } from '@open-wc/testing';
import type { CustomerHubChat } from '../../src/index.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { $, accessible, clientOf, mount, newCustomer, openToComposer, sendText, settle, text, transport, useMockShop, type Customer } from './widget-harness.js';

const dev = useMockShop();


const preview = (el: CustomerHubChat) => $(el, '[part="reply-preview"]');

/** A launcher widget whose shopper started a chat, then closed the panel. */
async function chatThenClose(customer: Customer = newCustomer(), lang = 'en'): Promise<CustomerHubChat> {
  const el = await mount({ customer, lang });
  await openToComposer(el, lang === 'fr' ? 'Discutez avec nous' : undefined);
  sendText(el, 'Where is my parcel?');
  await settle(el, () => !!$(el, '[part="end-chat-button"]') && clientOf(el).$ticket.get() !== null, 'the thread');
  el.hide();
  await el.updateComplete;
  return el;
}

const agentSays = (el: CustomerHubChat, body: string, name = 'Alex') =>
  dev.mock.backend.ticket(clientOf(el).$ticket.get()!.id).room.post({ role: 'agent', id: 'a1', name }, body);

describe('<customer-hub-chat> the launcher shows a reply (issue 17 B2)', () => {
  it('shows the author and the first line of a team reply, as text, in a polite live region there before the reply', async () => {
    const el = await chatThenClose();
    const region = $(el, '[aria-live="polite"]:not([part])')!;
    expect(!!region, 'the live region is in place before any reply').to.equal(true);
    expect(region.textContent!.trim()).to.equal('');
    await agentSays(el, 'Your parcel left today <img src=x onerror="window.hacked=1">\nTracking: 1Z999');
    await settle(el, () => !!preview(el), 'the preview');
    expect(region.contains(preview(el)), 'announced through the live region').to.equal(true);
    expect(preview(el)!.querySelector('b')!.textContent).to.equal('Alex');
    expect(preview(el)!.textContent).to.include('Your parcel left today <img src=x onerror="window.hacked=1">');
    expect(preview(el)!.textContent).to.not.include('Tracking');
    expect(!!preview(el)!.querySelector('img')).to.equal(false);
    const box = preview(el)!.getBoundingClientRect();
    expect(box.right).to.be.at.most(innerWidth);
    expect(box.width).to.be.at.most(300);
    await accessible(el);

    // A long reply is cut to the name and two lines, not a sheet over the page.
    await agentSays(el, `Long answer ${'with many words '.repeat(60)}`);
    await settle(el, () => !!preview(el)?.textContent?.includes('Long answer'), 'the long reply');
    const line = parseFloat(getComputedStyle(preview(el)!).lineHeight) || 20;
    expect(preview(el)!.getBoundingClientRect().height).to.be.below(line * 5);
  });

  it('a click on it opens the chat at the thread, and it goes', async () => {
    const el = await chatThenClose();
    await agentSays(el, 'Hi, Alex here.');
    await settle(el, () => !!preview(el), 'the preview');
    (preview(el)!.querySelector('button') as HTMLButtonElement).click();
    await settle(el, () => el.open && text(el).includes('Hi, Alex here.') && !preview(el), 'the open thread');
    expect(!!$(el, '[part="thread"]')).to.equal(true);
  });

  it('its dismiss button, named for what it hides, dismisses it for that message, also after a reload; the next reply shows again', async () => {
    const customer = newCustomer();
    const el = await chatThenClose(customer);
    await agentSays(el, 'First answer');
    await settle(el, () => !!preview(el), 'the preview');
    // A button's accessible name is its aria-label (the × is not read): one name, and it says what goes.
    const names = [...preview(el)!.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'));
    expect(names).to.deep.equal([null, 'Dismiss reply preview']);
    const close = [...preview(el)!.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === 'Dismiss reply preview')!;
    close.click();
    await settle(el, () => !preview(el), 'dismissed');
    el.remove();

    const again = await mount({ customer });
    await settle(again, () => !!(again as unknown as { panelInstance: unknown }).panelInstance && (clientOf(again) as unknown as { $unread: { get(): number } }).$unread.get() === 1, 'the restored chat, still unread');
    await again.updateComplete;
    expect(!!preview(again), 'still dismissed after the reload').to.equal(false);
    await agentSays(again, 'Second answer');
    await settle(again, () => preview(again)?.textContent?.includes('Second answer') === true, 'the next reply');
  });

  it('review r1 #2 (issue 13 #3): what one customer dismissed is not kept for the next on the same browser, and an open panel without a chat stores no mark', async () => {
    const key = `customer-hub-chat:${DEV_SHOP}:preview`;
    const first = await mount({ customer: newCustomer() });
    await openToComposer(first);
    await first.updateComplete;
    expect(localStorage.getItem(key), 'no reply, no ticket: nothing to mark').to.equal(null);
    first.remove();

    const el = await chatThenClose();
    await agentSays(el, 'For the first customer');
    await settle(el, () => !!preview(el), 'the preview');
    [...preview(el)!.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === 'Dismiss reply preview')!.click();
    await settle(el, () => !preview(el), 'dismissed');
    expect(localStorage.getItem(key)).to.match(/^[^:]+:\d+$/);
    el.remove();

    // Another customer logs in on this browser: the last one's mark goes with their data.
    const next = await mount({ customer: newCustomer() });
    await settle(next, () => localStorage.getItem(key) === null, 'the last customer\u2019s mark forgotten');
  });

  it('in French, the dismiss button says so in French', async () => {
    const el = await chatThenClose(newCustomer(), 'fr');
    await agentSays(el, 'Votre colis est parti');
    await settle(el, () => !!preview(el), 'the preview');
    expect(preview(el)!.querySelectorAll('button')[1]!.getAttribute('aria-label')).to.equal('Masquer l’aperçu de la réponse');
  });

  it('is not shown for the shopper\u2019s own messages, nor while the panel is open', async () => {
    const el = await chatThenClose();
    const messages = (clientOf(el) as unknown as { $messages: { get(): Array<{ body: string; seq?: number }> } }).$messages;
    await el.send('One more thing');
    await settle(el, () => messages.get().some((m) => m.body === 'One more thing' && m.seq), 'stored');
    await el.updateComplete;
    expect(!!preview(el)).to.equal(false);

    el.show();
    await el.updateComplete;
    await agentSays(el, 'Seen in the open panel');
    await settle(el, () => text(el).includes('Seen in the open panel'), 'the reply in the thread');
    expect(!!preview(el)).to.equal(false);
    el.hide();
    await el.updateComplete;
    expect(!!preview(el), 'read while open: nothing to preview on close').to.equal(false);
  });

  it('launcher="none" pages get no preview, only the customer-hub-message event', async () => {
    const customer = newCustomer();
    const el = await fixture<CustomerHubChat>(html`<customer-hub-chat shop=${DEV_SHOP} launcher="none" lang="en" .transport=${transport(customer)}></customer-hub-chat>`);
    await openToComposer(el);
    sendText(el, 'Hello');
    await settle(el, () => clientOf(el).$ticket.get() !== null, 'the ticket');
    el.hide();
    const events: string[] = [];
    el.addEventListener('customer-hub-message', (e) => events.push(e.message.body));
    await agentSays(el, 'Reply for a page of its own');
    await settle(el, () => events.includes('Reply for a page of its own'), 'the event');
    await el.updateComplete;
    expect(!!preview(el)).to.equal(false);
  });
});
