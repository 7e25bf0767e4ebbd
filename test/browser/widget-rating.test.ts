// Issue 17 in Chromium through the real partykit transport against the msw mock (the
// server's own domain code): after the end, by the shopper or the team, the shopper sees
// who closed the chat and rates it once (radios named "1 of 5 – Very poor" …, arrow
// keys), with an optional comment; a reload shows the stored rating read-only and never
// asks again; Skip asks no more; `chat.rating: false` asks nothing.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CustomerHubChat } from '../../src/index.js';
import type { Ticket } from '../../src/protocol/index.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { until } from './mock-server.js';
import { $, $$, button, clientOf, focused, mount, newCustomer, openToComposer, sendText, settle, text, transport, useMockShop, type Customer } from './widget-harness.js';

const dev = useMockShop();

const ticketOf = (el: CustomerHubChat) => clientOf(el).$ticket.get() as Ticket | null;

/** A chat with one message, then ended by the shopper (End chat, confirmed). */
async function endedByShopper(el: CustomerHubChat): Promise<void> {
  await openToComposer(el);
  sendText(el, 'Where is my parcel?');
  await settle(el, () => !!$(el, '[part="end-chat-button"]'), 'the thread');
  $(el, '[part="end-chat-button"]')!.click();
  await el.updateComplete;
  $(el, '.confirm .primary')!.click();
  await settle(el, () => !!$(el, '.ended'), 'the ended view');
}

/** A chat with one message, then closed by an agent of that name (none: no name). */
async function closedByTeam(el: CustomerHubChat, name?: string): Promise<void> {
  await openToComposer(el);
  sendText(el, 'Where is my parcel?');
  await until(() => ticketOf(el) !== null, 'the ticket');
  const conn = await dev.mock.backend.connect(ticketOf(el)!.id, { shop: DEV_SHOP, role: 'agent', sub: 'agent-1', ...(name ? { name } : {}), exp: 0 }, () => undefined);
  if ('ok' in conn) throw new Error(conn.message);
  await conn.receive(JSON.stringify({ type: 'hello', lastSeq: 0 }));
  await conn.receive(JSON.stringify({ type: 'status', status: 'closed' }));
  await settle(el, () => !!$(el, '.ended'), 'the ended view');
  conn.close();
}

const radios = (el: CustomerHubChat) => $$(el, '[part="rating"] [type="radio"]') as HTMLInputElement[];

describe('rating after the chat (issue 17)', () => {
  it('the shopper who ended the chat rates it once, by keyboard, with a comment; a reload shows it read-only and never asks again', async () => {
    const customer: Customer = newCustomer();
    const el = await mount({ customer, mode: 'inline' });
    await endedByShopper(el);
    expect(text(el)).to.contain('This chat has ended');
    expect($(el, '[part="rating"] legend')!.textContent).to.equal('How was this conversation?');
    expect(radios(el).map((r) => r.getAttribute('aria-label'))).to.deep.equal(['1 of 5 – Very poor', '2 of 5 – Poor', '3 of 5 – Okay', '4 of 5 – Good', '5 of 5 – Excellent']);
    expect(button(el, 'Send')!.hasAttribute('disabled')).to.equal(true, 'no score, nothing to send');
    await expect(el).to.be.accessible();

    // Keyboard: focus the first score, arrows move (and pick) along the group.
    radios(el)[0]!.focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await settle(el, () => radios(el)[3]!.checked, 'score 4 by arrows');
    expect(focused(el)).to.equal(radios(el)[3]);
    const comment = $<HTMLInputElement>(el, '[part="rating"] [name="comment"]')!;
    expect(comment.placeholder).to.equal('Add a comment (optional)');
    comment.value = '  Quick and kind  ';
    button(el, 'Send')!.click();
    await settle(el, () => ticketOf(el)?.rating?.score === 4, 'the stored rating');
    expect(ticketOf(el)!.rating!.comment).to.equal('Quick and kind');
    await settle(el, () => $(el, '[part="rating"] legend')?.textContent === 'Thanks for your feedback', 'thanks');
    expect($(el, '[part="rating"] [name="comment"]')).to.equal(null);
    el.remove();

    // The reload: the same shopper, a new element.
    const again = await mount({ customer, mode: 'inline' });
    await settle(again, () => !!$(again, '.ended'), 'the ended chat after the reload');
    await settle(again, () => $(again, '[part="rating"] legend')?.textContent === 'Thanks for your feedback', 'the stored rating');
    expect(radios(again).map((r) => [r.checked, r.matches(':disabled')])).to.deep.equal([[false, true], [false, true], [false, true], [true, true], [false, true]]);
    expect(button(again, 'Send')).to.equal(undefined, 'never asks again');
    await expect(again).to.be.accessible();
  });

  it('closed by the team: the shopper is told by whom (the agent\'s name, else "The team"), then may rate; in French too', async () => {
    const el = await mount({ mode: 'inline' });
    await closedByTeam(el, 'Alex');
    await settle(el, () => text(el).includes('Alex closed this conversation'), 'closed by Alex');
    expect(text(el)).not.to.contain('This chat has ended');
    expect(radios(el)).to.have.length(5);

    const anonymous = await mount({ mode: 'inline' });
    await closedByTeam(anonymous);
    await settle(anonymous, () => text(anonymous).includes('The team closed this conversation'), 'closed by the team');

    const fr = await mount({ mode: 'inline', lang: 'fr' });
    fr.show();
    await settle(fr, () => !!button(fr, 'Discutez avec nous'), 'the French FAQ');
    button(fr, 'Discutez avec nous')!.click();
    await settle(fr, () => !!$(fr, 'textarea'), 'the composer');
    sendText(fr, 'Bonjour');
    await until(() => ticketOf(fr) !== null, 'the ticket');
    const conn = await dev.mock.backend.connect(ticketOf(fr)!.id, { shop: DEV_SHOP, role: 'agent', sub: 'agent-2', name: 'Camille', exp: 0 }, () => undefined);
    if ('ok' in conn) throw new Error(conn.message);
    await conn.receive(JSON.stringify({ type: 'hello', lastSeq: 0 }));
    await conn.receive(JSON.stringify({ type: 'status', status: 'closed' }));
    await settle(fr, () => text(fr).includes('Camille a clos cette conversation'), 'fermé par Camille');
    expect(radios(fr).map((r) => r.getAttribute('aria-label'))[0]).to.equal('1 sur 5 – Très mauvais');
    expect($(fr, '[part="rating"] legend')!.textContent).to.equal('Comment s’est passée cette conversation ?');
    await expect(fr).to.be.accessible();
    conn.close();
  });

  it('closed by the team while the shopper is in the composer: focus moves to "Start a new chat" inside the dialog, and the notice is a status (review)', async () => {
    const el = await mount();
    await openToComposer(el);
    sendText(el, 'Where is my parcel?');
    await until(() => ticketOf(el) !== null, 'the ticket');
    ($(el, 'textarea') as HTMLTextAreaElement).focus();
    expect(focused(el)).to.equal($(el, 'textarea'));
    const conn = await dev.mock.backend.connect(ticketOf(el)!.id, { shop: DEV_SHOP, role: 'agent', sub: 'agent-1', name: 'Alex', exp: 0 }, () => undefined);
    if ('ok' in conn) throw new Error(conn.message);
    await conn.receive(JSON.stringify({ type: 'hello', lastSeq: 0 }));
    await conn.receive(JSON.stringify({ type: 'status', status: 'closed' }));
    await settle(el, () => focused(el) === $(el, '.ended .new'), 'focus on Start a new chat');
    expect($(el, '.ended [role="status"]')!.textContent).to.contain('Alex closed this conversation');
    expect(el.open).to.equal(true);
    conn.close();
  });

  it('in the dark theme the comment field wears the panel\u2019s colours, not the browser\u2019s white (review)', async () => {
    const el = await mount({ mode: 'inline', theme: 'dark' });
    await endedByShopper(el);
    await settle(el, () => !!$(el, ".rate [name='comment']"), 'the rating form');
    const field = getComputedStyle($(el, ".rate [name='comment']")!);
    const panel = getComputedStyle($(el, '.composer, .ended')!.closest('[part="panel"]') ?? $(el, '.ended')!);
    expect(field.backgroundColor).to.not.equal('rgb(255, 255, 255)');
    expect(field.color).to.equal(panel.color);
  });

  it('Skip asks no more and sends nothing; with chat.rating off nothing is asked', async () => {
    const el = await mount({ mode: 'inline' });
    await endedByShopper(el);
    button(el, 'Skip')!.click();
    await settle(el, () => !$(el, '[part="rating"]'), 'the form gone');
    expect(focused(el)).to.equal(button(el, 'Start a new chat'));
    expect(ticketOf(el)!.rating).to.equal(undefined);

    await dev.saveSettings((s) => (s.chat = { rating: false }));
    const off = await mount({ customer: newCustomer(), transport: transport(newCustomer()), mode: 'inline' });
    await endedByShopper(off);
    await off.updateComplete;
    expect($(off, '[part="rating"]')).to.equal(null);
    expect(button(off, 'Start a new chat')).to.exist;
  });
});
