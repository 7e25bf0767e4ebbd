// The inbox's team side (issue 17 part F) in Chromium against the msw mock (the server's
// own domain code, with a second agent, Sam, in the team): the assignee menu and the
// list's "Mine" / "Unassigned" / "All" views remembered per agent, "who did what" lines
// in the thread in the agent's language, other agents viewing and typing, and the
// collision flag before a reply goes. A shopper on the same ticket gets none of it.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/inbox.js';
import type { ServerFrame } from '../../src/index.js';
import type { CustomerHubInbox } from '../../src/inbox.js';
import { MemoryBackend } from '../../party/memory/memory-backend.js';
import { DEV_AGENT_KEY, DEV_ENV, DEV_SHOP, devSettings } from '../../party/core/seed.js';
import type { Claims } from '../../party/core/auth.js';
import { all, mountInbox, one, open, row, settle, signedIn, textOf, type } from './inbox-harness.js';
import { useMockShop } from './mock-server.js';

const TEAM = JSON.stringify([
  { key: DEV_AGENT_KEY, id: 'agent-dev', name: 'Alex (Support)', role: 'admin', shops: [DEV_SHOP] },
  { key: 'sam-key', id: 'agent-sam', name: 'Sam', role: 'agent', shops: [DEV_SHOP] },
]);
const backend = new MemoryBackend({ env: { ...DEV_ENV, AGENT_KEYS: TEAM }, seed: () => devSettings() });
useMockShop(backend);

let n = 0;
const uid = () => `${++n}-${Math.random().toString(36).slice(2, 8)}`;

/** Someone on a ticket's room as the server sees them: every frame they get, and a way to send. */
async function on(ticketId: string, claims: Claims) {
  const frames: ServerFrame[] = [];
  const conn = await backend.connect(ticketId, claims, (f) => frames.push(f));
  if ('ok' in conn) throw new Error(conn.message);
  const say = (frame: object) => conn.receive(JSON.stringify(frame));
  await say({ type: 'hello', lastSeq: 0 });
  return { frames, say, close: () => conn.close() };
}

/** A shopper's new chat, with the shopper's socket on it. */
async function chat(name: string, body: string) {
  const shop = await backend.shop(DEV_SHOP);
  const claims: Claims = { shop: DEV_SHOP, role: 'shopper', sub: `c-${uid()}`, name, exp: 0 };
  const out = await shop.startChat(claims, { clientId: crypto.randomUUID(), body }, location.origin);
  if (out.kind === 'rate_limited') throw new Error('rate limited');
  return { ticket: out.ticket, shopper: await on(out.ticket.id, { ...claims, tid: out.ticket.id }) };
}
const samOn = (ticketId: string) => on(ticketId, { shop: DEV_SHOP, role: 'agent', sub: 'agent-sam', name: 'Sam', exp: 0 });
const noAgentFrames = (frames: ServerFrame[]) => expect(frames.filter((f) => f.type === 'events' || f.type === 'presence')).to.deep.equal([]);

const pickView = async (el: CustomerHubInbox, view: string) => {
  const select = one<HTMLSelectElement>(el, 'select#assignee-view');
  select.value = view;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
};

describe('<customer-hub-inbox> assignment, events and collision (issue 17)', () => {
  it('assigns from the header menu (keyboard), and the Mine / Unassigned / All views follow live, remembered per agent (R18)', async () => {
    const { ticket, shopper } = await chat('Tess Team', 'Who handles my return?');
    const el = await signedIn();
    await open(el, 'Tess Team');
    await settle(el, () => !!one(el, '[data-trigger="assign"]'), 'the assignee menu');
    const trigger = one<HTMLButtonElement>(el, '[data-trigger="assign"]');
    expect(trigger.textContent!.trim()).to.equal('Unassigned');
    trigger.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el, () => all(el, '[role="menuitemradio"]').length === 3, 'the team in the menu');
    expect(all(el, '[role="menuitemradio"]').map((b) => b.textContent!.trim())).to.deep.equal(['Unassigned', 'Alex (Support)', 'Sam']);
    expect(one(el, '[role="menuitemradio"][aria-checked="true"]')!.textContent!.trim()).to.equal('Unassigned');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await settle(el, () => one(el, '[data-trigger="assign"]')?.textContent!.trim() === 'Sam', 'assigned to Sam');
    expect(all(el, '[role="menu"]')).to.have.length(0);
    await settle(el, () => textOf(el, '[data-event="assigned"]').includes('You assigned this to Sam'), 'the event line');

    // Not mine, not unassigned: only in "All".
    await pickView(el, 'mine');
    await settle(el, () => !row(el, 'Tess Team'), 'not in Mine');
    await pickView(el, 'unassigned');
    await settle(el, () => !row(el, 'Tess Team'), 'not in Unassigned');
    // Sam hands it back to nobody: it moves to "Unassigned" live.
    const sam = await samOn(ticket.id);
    await sam.say({ type: 'assign', agentId: null });
    await settle(el, () => !!row(el, 'Tess Team'), 'live in Unassigned');
    expect(one<HTMLOptionElement>(el, 'select#assignee-view option[value="unassigned"]')!.textContent).to.match(/^Unassigned \(\d+\)$/);
    await sam.say({ type: 'assign', agentId: 'agent-dev' });
    await settle(el, () => !row(el, 'Tess Team'), 'out of Unassigned');
    await pickView(el, 'mine');
    await settle(el, () => !!row(el, 'Tess Team'), 'in Mine');
    await settle(el, () => textOf(el, '[data-event="assigned"]').includes('Sam assigned this to you'), 'Sam\u2019s assignment as a line');

    // The view is this agent's, and stays after a reload.
    el.remove();
    const again = await mountInbox(); // the stored session resumes
    await settle(again, () => one<HTMLSelectElement>(again, 'select#assignee-view')?.value === 'mine', 'Mine remembered');
    await settle(again, () => !!row(again, 'Tess Team'), 'the row in Mine');
    noAgentFrames(shopper.frames);
    sam.close();
  });

  it('shows who did what in time order in French, and the other agent viewing and typing; the shopper gets none of it', async () => {
    const { ticket, shopper } = await chat('Fanny Français', 'Bonjour, mon colis ?');
    const el = await signedIn('fr');
    await open(el, 'Fanny Français');
    const sam = await samOn(ticket.id);
    await settle(el, () => textOf(el, '.head .presence') === 'Sam consulte ce ticket', 'Sam viewing');
    expect(one(el, '.head .presence')!.getAttribute('aria-live')).to.equal('polite');
    await sam.say({ type: 'typing', active: true });
    await settle(el, () => textOf(el, '.head .presence') === 'Sam écrit…', 'Sam typing');
    await sam.say({ type: 'typing', active: false });
    await sam.say({ type: 'send', clientId: `sam-${uid()}`, body: 'Je regarde.' });
    await sam.say({ type: 'status', status: 'snoozed', snoozeUntil: new Date(Date.now() + 3_600_000).toISOString() });
    await shopper.say({ type: 'send', clientId: `s-${uid()}`, body: 'Des nouvelles ?' });
    await settle(el, () => all(el, '[data-event]').length === 3, 'three events');
    // In the thread's order: Sam's reply assigned it to him, then the snooze, then the shopper's message reopened it.
    const order = all(el, '.thread > .msg, .thread > .event').map((x) => (x.classList.contains('event') ? `[${x.textContent!.split(' · ')[0]!.trim()}]` : x.querySelector('.bubble')!.textContent!.trim()));
    expect(order[3]).to.match(/^\[En attente jusqu’au .+, par Sam\]$/);
    expect(order.map((x) => (x.startsWith('[En attente') ? '[snoozed]' : x))).to.deep.equal([
      'Bonjour, mon colis ?',
      'Je regarde.',
      '[Attribué à Sam]',
      '[snoozed]',
      'Des nouvelles ?',
      '[Rouvert par le client]',
    ]);
    sam.close();
    await settle(el, () => textOf(el, '.head .presence') === '', 'Sam left');
    noAgentFrames(shopper.frames);
  });

  it('flags a reply when another agent replied after the draft began: Escape reviews, Enter sends anyway', async () => {
    const { ticket, shopper } = await chat('Colin Collision', 'Is my order shipped?');
    const el = await signedIn();
    await open(el, 'Colin Collision');
    const sam = await samOn(ticket.id);
    await type(el, 'Let me check for you');
    await sam.say({ type: 'send', clientId: `sam-${uid()}`, body: 'It shipped this morning.' });
    await settle(el, () => textOf(el, '.thread').includes('It shipped this morning.'), 'Sam\u2019s reply');
    const input = one<HTMLTextAreaElement>(el, 'textarea[part="input"]');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await settle(el, () => !!one(el, '.collision[role="alertdialog"]'), 'the flag');
    expect(textOf(el, '.collision p')).to.equal('Sam replied while you were writing');
    await expect(el).to.be.accessible();
    const root = el.shadowRoot!.querySelector('customer-hub-inbox-ticket')!.shadowRoot!;
    expect(root.activeElement?.textContent?.trim()).to.equal('Send anyway');
    await sendKeys({ press: 'Escape' });
    await settle(el, () => !one(el, '.collision'), 'reviewed');
    expect(input.value).to.equal('Let me check for you');
    expect(root.activeElement).to.equal(input);
    const sent = () => shopper.frames.some((f) => f.type === 'message' && f.message.body.startsWith('Let me check'));
    expect(sent()).to.equal(false);

    // Another reply from Sam; this time Enter on the flag sends.
    await sam.say({ type: 'send', clientId: `sam-${uid()}`, body: 'Tracking: 1Z999' });
    await settle(el, () => textOf(el, '.thread').includes('Tracking: 1Z999'), 'Sam\u2019s second reply');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await settle(el, () => !!one(el, '.collision'), 'flagged again');
    await sendKeys({ press: 'Enter' });
    await settle(el, () => sent(), 'sent anyway');
    expect(one(el, '.collision')).to.equal(undefined);

    // With no other reply since the draft began, Send goes at once.
    await type(el, 'Anything else?', 'Enter');
    await settle(el, () => shopper.frames.some((f) => f.type === 'message' && f.message.body === 'Anything else?'), 'sent at once');
    expect(one(el, '.collision')).to.equal(undefined);
    sam.close();
  });
});
