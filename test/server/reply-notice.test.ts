// Issue 17, "you have a reply" on the real server: a team reply to a shopper with no
// socket open is e-mailed to the shopper's account address (a fake Postmark of ours on
// loopback) after REPLY_NOTICE_SECONDS, once for a burst of replies and not again until
// the shopper has read them; never while their socket is open or once they read it;
// never when the shop turned it off. The link opens the chat on the storefront
// (`?chc=open`). Away (R9): the auto-reply says the answer will also come by e-mail.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shopperEmailRig, waitFor } from './fake-email.js';
import { Peer, SHOP } from './harness.js';

const TOKEN = 'pm-reply-token';
const NOTICE_S = 2;
const STOREFRONT = 'https://shop.example/pages/help';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Long enough for a notice that was due to have gone out. */
const pastNotice = () => sleep((NOTICE_S + 2) * 1000);

describe('reply notice by e-mail (issue 17)', () => {
  const { rig, saveEmail, chatAs: startAs } = shopperEmailRig(TOKEN, { REPLY_NOTICE_SECONDS: String(NOTICE_S) });
  /** Office hours all day (or none), and e-mail through the fake linking to the storefront. */
  const all = [['00:00', '24:00']];
  const saveSettings = (extra: Record<string, unknown>, open = true, change: (settings: Record<string, any>) => void = () => undefined) =>
    saveEmail({ storefrontUrl: STOREFRONT, ...extra }, (settings) => {
      const day = open ? all : [];
      settings.officeHours = { ...settings.officeHours, weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }, holidays: [] };
      change(settings);
    });
  const chatAs = (label: string, email: string | undefined) => startAs(`${label}-${Date.now()}`, email);

  /** The agent sends `bodies` on the ticket and waits for their acks. */
  async function agentSays(ticketId: string, ...bodies: string[]) {
    const agent = Peer.ticket(rig.server, ticketId, rig.admin, { origin: null });
    await agent.opened();
    agent.send({ type: 'hello', lastSeq: 0 });
    for (const body of bodies) agent.send({ type: 'send', clientId: crypto.randomUUID(), body });
    await agent.until((p) => p.of('ack').length === bodies.length, 'the replies');
    const lastSeq = Math.max(...agent.of('ack').map((a) => a.seq));
    agent.close();
    return lastSeq;
  }

  /**
   * The shopper comes back: opens the chat, reads up to `seq`, leaves; returns once the
   * room has seen them leave (a reply stored before that finds them there and is never
   * e-mailed): the room tells the agents' sockets of every socket that leaves.
   */
  async function shopperReads(ticketId: string, ticketToken: string, seq: number) {
    const watcher = Peer.ticket(rig.server, ticketId, rig.admin, { origin: null });
    await watcher.opened();
    watcher.send({ type: 'hello', lastSeq: 0 });
    await watcher.until((p) => p.of('presence').length === 1, 'the watcher in the room');
    const shopper = Peer.ticket(rig.server, ticketId, ticketToken);
    await shopper.opened();
    shopper.send({ type: 'hello', lastSeq: 0 });
    await shopper.until((p) => p.of('sync').length === 1, 'the sync');
    shopper.send({ type: 'read', seq });
    await shopper.until((p) => p.of('receipt').some((r) => r.role === 'shopper' && r.seq >= seq), 'the receipt');
    shopper.close();
    await watcher.until((p) => p.of('presence').length === 2, 'the room to see the shopper leave', 60_000);
    watcher.close();
  }

  const mailsTo = (to: string) => rig.fake.mails.filter((m) => m.To === to);

  it('three replies to a shopper who left make one e-mail to their account, with a link back to the chat; none again until they read', async () => {
    // No display name: the shop is named by its storefront's domain, not its myshopify one.
    await saveSettings({}, true, (settings) => delete settings.shopName);
    assert.equal((await rig.call('GET', `main/${SHOP}/config`)).body.replyByEmail, true, 'the config says replies also come by e-mail');
    const address = `ada-${Date.now()}@example.com`;
    const chat = await chatAs('rn-three', address);
    await agentSays(chat.ticketId, 'Hi Ada', 'Let me check <b>that</b>', 'It ships tomorrow');
    await waitFor(() => mailsTo(address).length === 1, 60_000, 'the reply notice');
    const mail = mailsTo(address)[0]!;
    assert.equal(mail.Subject, 'You have 3 replies from shop.example');
    assert.match(mail.TextBody, /Alex \(Support\) wrote:\n> Hi Ada\n[\s\S]*> Let me check <b>that<\/b>[\s\S]*> It ships tomorrow/);
    const link = `${STOREFRONT}?chc=open`;
    assert.ok(mail.TextBody.includes(`Continue the conversation on shop.example: ${link}`), mail.TextBody);
    assert.ok(mail.HtmlBody.includes(`<a href="${link}">Continue the conversation on shop.example</a>`));
    assert.ok(mail.HtmlBody.includes('Let me check &lt;b&gt;that&lt;/b&gt;') && !mail.HtmlBody.includes('<b>that'), 'reply text is escaped');

    // Still away and unread: another reply sends nothing more.
    await agentSays(chat.ticketId, 'Anything else?');
    await pastNotice();
    assert.equal(mailsTo(address).length, 1, 'not again until the shopper came back');

    // They came back and read; they left again; the next reply is e-mailed again.
    await shopperReads(chat.ticketId, chat.ticketToken, chat.message.seq + 4);
    await agentSays(chat.ticketId, 'Your refund went through');
    await waitFor(() => mailsTo(address).length === 2, 60_000, 'the second notice');
    assert.equal(mailsTo(address)[1]!.Subject, 'You have a reply from shop.example');
  });

  it('sends nothing when the shopper read the reply before the delay (on any device)', async () => {
    await saveSettings({});
    const address = `read-${Date.now()}@example.com`;
    const chat = await chatAs('rn-read', address);
    const seq = await agentSays(chat.ticketId, 'Found it!');
    await shopperReads(chat.ticketId, chat.ticketToken, seq);
    await pastNotice();
    assert.equal(mailsTo(address).length, 0);
  });

  it('sends nothing while the shopper’s socket is open, nor to a shopper without an account e-mail', async () => {
    await saveSettings({});
    const sentBefore = rig.fake.mails.length;
    const address = `here-${Date.now()}@example.com`;
    const here = await chatAs('rn-here', address);
    const shopper = Peer.ticket(rig.server, here.ticketId, here.ticketToken);
    await shopper.opened();
    shopper.send({ type: 'hello', lastSeq: 0 });
    await agentSays(here.ticketId, 'Hello, I am here');
    const noEmail = await chatAs('rn-noemail', undefined);
    await agentSays(noEmail.ticketId, 'Hello?');
    await pastNotice();
    shopper.close();
    assert.equal(mailsTo(address).length, 0, 'the shopper was on the page');
    assert.equal(rig.fake.mails.length, sentBefore, 'nothing to anyone');
  });

  it('the off switch: no e-mail, and the config no longer says so', async () => {
    await saveSettings({ replyNotice: false });
    assert.equal((await rig.call('GET', `main/${SHOP}/config`)).body.replyByEmail, undefined);
    const address = `off-${Date.now()}@example.com`;
    const chat = await chatAs('rn-off', address);
    await agentSays(chat.ticketId, 'Hi');
    await pastNotice();
    assert.equal(mailsTo(address).length, 0);
  });

  it('away (R9): the auto-reply says the answer also comes by e-mail to a logged-in shopper with an address, and is unchanged otherwise', async () => {
    await saveSettings({}, false);
    const withEmail = await chatAs('rn-away', `away-${Date.now()}@example.com`);
    const without = await chatAs('rn-away-none', undefined);
    await saveSettings({ replyNotice: false }, false);
    const switchedOff = await chatAs('rn-away-off', `away-off-${Date.now()}@example.com`);
    const away = async (chat: { ticketId: string; ticketToken: string }) => {
      const peer = Peer.ticket(rig.server, chat.ticketId, chat.ticketToken);
      await peer.opened();
      peer.send({ type: 'hello', lastSeq: 0 });
      await peer.until((p) => p.of('sync').length === 1, 'the sync');
      peer.close();
      const reply = peer.of('sync')[0]!.messages.find((m) => m.author.role === 'system' && m.author.name === 'away');
      assert.ok(reply, 'an away reply');
      return reply.body;
    };
    const settings = (await rig.call('GET', `main/${SHOP}/settings`, { token: rig.admin })).body;
    const message = settings.officeHours.awayMessage as string;
    assert.equal(await away(withEmail), `${message}\n\nIf you leave this page, we'll also e-mail you at a•••@example.com when we reply.`);
    assert.equal(await away(without), message);
    assert.equal(await away(switchedOff), message);
  });

  it('a French shopper’s e-mail is in French and names the shop by its display name and storefront (issue 17 review)', async () => {
    await saveSettings({}, true, (settings) => {
      settings.shopName = 'Maison Lumière';
      settings.translations = { fr: { welcomeMessage: 'Bonjour !' } };
    });
    const address = `lea-${Date.now()}@example.com`;
    const chat = await startAs(`rn-fr-${Date.now()}`, address, 'Où est mon colis ?', { lang: 'fr-CA' });
    const agent = Peer.ticket(rig.server, chat.ticketId, rig.admin, { origin: null });
    await agent.opened();
    agent.send({ type: 'hello', lastSeq: 0 });
    for (const body of ['Bonjour Léa', 'Il part demain']) agent.send({ type: 'send', clientId: crypto.randomUUID(), body });
    await agent.until((p) => p.of('ack').length === 2, 'the replies');
    agent.close();
    await waitFor(() => mailsTo(address).length === 1, 60_000, 'the reply notice');
    const mail = mailsTo(address)[0]!;
    assert.equal(mail.Subject, 'Vous avez 2 réponses de Maison Lumière');
    assert.match(mail.TextBody, /Alex \(Support\) a écrit :\n> Bonjour Léa\n/);
    const link = `${STOREFRONT}?chc=open`;
    assert.ok(mail.TextBody.includes(`Continuer la conversation sur shop.example: ${link}`), mail.TextBody);
    assert.ok(mail.HtmlBody.includes(`<a href="${link}">Continuer la conversation sur shop.example</a>`), mail.HtmlBody);
    assert.ok(!`${mail.Subject}${mail.TextBody}${mail.HtmlBody}`.includes('myshopify'), 'never the myshopify domain');
    assert.ok(!/You have|wrote:|Continue the/.test(mail.TextBody), 'no English left');
  });
});
