// The inbox search and internal notes (issue 17 E1, E2) in Chromium against the msw
// mock (the server's own domain code): `/` focuses the search, results replace the list
// and stay live, the empty state, Escape clears, j/k walk the results; the composer's
// note mode writes a note the shopper never receives (not even "typing"), shown in its
// own colour in both themes, labelled for screen readers, back after a reload. Axe.
import { expect } from '@open-wc/testing';
import '../../src/inbox.js';
import type { CustomerHubInbox } from '../../src/inbox.js';
import type { ServerFrame } from '../../src/index.js';
import { devBackend } from '../../server-mock/handlers.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import type { Claims } from '../../party/core/auth.js';
import { all, mountInbox, one, open, press, settle, signedIn, textOf, type } from './inbox-harness.js';
import { useMockShop } from './mock-server.js';

const backend = devBackend();
useMockShop(backend);

let n = 0;
const uid = () => `${++n}${Math.random().toString(36).slice(2, 7)}`;

/** A shopper with an open chat on the other end of the ticket room, recording every frame it gets. */
async function shopper(name: string, body: string) {
  const shop = await backend.shop(DEV_SHOP);
  const claims: Claims = { shop: DEV_SHOP, role: 'shopper', sub: `c-${uid()}`, name, exp: 0 };
  const out = await shop.startChat(claims, { clientId: crypto.randomUUID(), body }, location.origin);
  if (out.kind === 'rate_limited') throw new Error('chat starts are rate limited');
  const frames: ServerFrame[] = [];
  const conn = await backend.connect(out.ticket.id, { ...claims, tid: out.ticket.id }, (f) => frames.push(structuredClone(f)));
  if ('ok' in conn) throw new Error(conn.message);
  await conn.receive(JSON.stringify({ type: 'hello', lastSeq: 0 }));
  return { frames, say: (text: string) => conn.receive(JSON.stringify({ type: 'send', clientId: crypto.randomUUID(), body: text })), close: () => conn.close() };
}

const search = (el: CustomerHubInbox) => one<HTMLInputElement>(el, '#ticket-search');
async function typeSearch(el: CustomerHubInbox, text: string) {
  const input = search(el);
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
}
const rowNames = (el: CustomerHubInbox) => all(el, '[part="ticket-row"] .name').map((r) => r.textContent!.trim());

/** The relative luminance of a CSS rgb() colour (WCAG). */
function luminance(rgb: string): number {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g)!.slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
};

describe('<customer-hub-inbox> search (issue 17)', () => {
  it('`/` focuses the search; results replace the list, stay live, show an empty state; Escape clears; j walks the results', async () => {
    const word = `umbrella${uid()}`;
    const zoraName = `Zora ${uid()}`;
    const zora = await shopper(zoraName, `I lost my ${word} in the store`);
    const other = await shopper(`Otto ${uid()}`, 'Hello there');
    const el = await signedIn();
    await settle(el, () => rowNames(el).length >= 2, 'the list');

    press('/');
    await settle(el, () => el.shadowRoot!.activeElement === search(el), 'the search field focused by /');
    expect(search(el).getAttribute('aria-label')).to.equal('Search tickets');

    await typeSearch(el, word.slice(0, -2)); // the last word is a prefix
    await settle(el, () => rowNames(el).length === 1 && rowNames(el)[0] === zoraName, 'only the matching ticket');

    // Live: a new message that matches moves its ticket into the results.
    await typeSearch(el, `parcel${word}`);
    await settle(el, () => textOf(el, '.list .state').includes(`No tickets match “parcel${word}”.`), 'the empty state');
    expect(rowNames(el)).to.deep.equal([]);
    await other.say(`Where is my parcel${word}?`);
    await settle(el, () => rowNames(el).length === 1 && rowNames(el)[0]!.startsWith('Otto'), 'the ticket that now matches, live');

    // The search is within the shown tab, as the list: none of these is closed.
    all<HTMLButtonElement>(el, '.tabs button').find((b) => b.textContent!.trim() === 'Closed')!.click();
    await settle(el, () => textOf(el, '.list .state').includes('No tickets match'), 'nothing closed matches');
    all<HTMLButtonElement>(el, '.tabs button').find((b) => b.textContent!.trim() === 'Open')!.click();
    await settle(el, () => rowNames(el).length === 1 && rowNames(el)[0]!.startsWith('Otto'), 'the open result again');

    // Keyboard: j opens the first result, as in the list.
    search(el).blur();
    press('j');
    await settle(el, () => one(el, '.head h2')?.textContent?.startsWith('Otto') === true, 'the result opened with j');

    // Escape in the field clears it: the list is back.
    search(el).focus();
    search(el).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await settle(el, () => search(el).value === '' && rowNames(el).length >= 2, 'the list again');
    await expect(el).shadowDom.to.be.accessible();
    zora.close();
    other.close();
  });

  it('treats typed syntax as words and shows what is typed as text', async () => {
    const el = await signedIn();
    const xss = '<img src=x onerror="window.__xss=1"> NEAR(*';
    await typeSearch(el, xss);
    await settle(el, () => textOf(el, '.list .state').includes('No tickets match'), 'the empty state');
    expect(textOf(el, '.list .state')).to.contain(xss);
    expect(all(el, '.list .state img').length).to.equal(0);
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
  });
});

describe('<customer-hub-inbox> internal notes (issue 17)', () => {
  it('a note in its own colour, labelled, never reaching the shopper (no frame, no typing); replies still go; back after a reload; dark theme readable', async () => {
    const name = `Nora ${uid()}`;
    const secret = `note-${uid()}`;
    const nora = await shopper(name, 'Is my order shipped?');
    const el = await signedIn();
    await open(el, name);
    const toggle = one<HTMLButtonElement>(el, '[data-note-toggle]');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    // `n` from the thread switches the composer to a note and puts the cursor there.
    one<HTMLElement>(el, '[part="thread"]').focus();
    press('n');
    await settle(el, () => one(el, '[data-note-toggle]')!.getAttribute('aria-pressed') === 'true', 'note mode by n');
    expect(one<HTMLTextAreaElement>(el, 'textarea[part="input"]').placeholder).to.contain('only your team sees it');
    expect(textOf(el, '[part="send-button"]')).to.equal('Add note');

    await type(el, `${secret}: check the warehouse first`, 'Enter');
    await settle(el, () => all(el, '.note:not([data-pending])').some((x) => x.textContent!.includes(secret)), 'the stored note in the thread');
    const note = all(el, '.note').find((x) => x.textContent!.includes(secret))!;
    expect(note.getAttribute('role')).to.equal('note');
    expect(note.getAttribute('aria-label')).to.equal('Internal note');
    expect(note.textContent).to.contain('Internal note');
    // A colour of its own: yellow-ish, unlike the team's bubbles, and readable.
    const light = getComputedStyle(note);
    const [r, g, b] = light.backgroundColor.match(/\d+/g)!.map(Number);
    expect(r! > b! && g! > b!, `yellow-ish ${light.backgroundColor}`).to.equal(true);
    expect(contrast(light.color, light.backgroundColor)).to.be.greaterThan(4.5);
    // After the shopper's message, where it was written.
    const items = all(el, '[part="thread"] > .msg, [part="thread"] > .note');
    expect(items.indexOf(note)).to.equal(items.length - 1);

    // The shopper got nothing of it: no frame with its text, no "typing" while it was written.
    await new Promise((r) => setTimeout(r, 300));
    expect(JSON.stringify(nora.frames)).not.to.contain(secret);
    expect(nora.frames.some((f) => f.type === 'typing' && f.role === 'agent' && f.active)).to.equal(false);

    // Back to replying: the reply reaches the shopper as before.
    one<HTMLButtonElement>(el, '[data-note-toggle]').click();
    await settle(el, () => one(el, '[data-note-toggle]')!.getAttribute('aria-pressed') === 'false', 'reply mode');
    await type(el, 'It ships today.', 'Enter');
    await settle(el, () => nora.frames.some((f) => f.type === 'message' && f.message.body === 'It ships today.'), 'the reply at the shopper');
    expect(JSON.stringify(nora.frames)).not.to.contain(secret);

    // Dark theme: still its own colour, still readable.
    el.theme = 'dark';
    await settle(el, () => luminance(getComputedStyle(all(el, '.note')[0]!).backgroundColor) < 0.1, 'the dark note');
    const dark = getComputedStyle(all(el, '.note')[0]!);
    expect(contrast(dark.color, dark.backgroundColor)).to.be.greaterThan(4.5);
    await expect(el).shadowDom.to.be.accessible();

    // A reload: the note comes back with the thread's sync, before the reply.
    el.remove();
    const again = await mountInbox();
    await settle(again, () => !!one(again, '[part="ticket-list"]'), 'the remembered session');
    await open(again, name);
    await settle(again, () => all(again, '.note').some((x) => x.textContent!.includes(secret)), 'the note after a reload');
    const order = all(again, '[part="thread"] > .msg, [part="thread"] > .note').map((x) => (x.classList.contains('note') ? 'note' : x.textContent!.includes('It ships today.') ? 'reply' : 'msg'));
    expect(order.indexOf('note')).to.be.lessThan(order.indexOf('reply'));
    nora.close();
  });
});
