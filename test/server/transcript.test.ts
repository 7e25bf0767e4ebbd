// Issue 17, "E-mail me this conversation" on the real server: `POST ticket/{id}/transcript`
// with the ticket token sends the conversation to the shopper's account e-mail through
// the shop's provider (a fake Postmark of ours on loopback), never to an address the
// request names, once per ticket per ten minutes however often it is asked, with every
// message text escaped in the HTML and images as links. Anonymous visitors, other
// tickets' tokens, agents and shops without e-mail are refused with typed errors.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shopperEmailRig, waitFor } from './fake-email.js';
import { Peer, SHOP, tinyPng } from './harness.js';
import { sendShopifyWebhook, signProxy } from './shopify-webhook.js';

const TOKEN = 'pm-transcript-token';

describe('transcript by e-mail (issue 17)', () => {
  const { rig, saveEmail, chatAs } = shopperEmailRig(TOKEN);
  const transcript = (ticketId: string, token?: string, body?: unknown) =>
    rig.call('POST', `ticket/${ticketId}/transcript`, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) });
  const mailsTo = (to: string) => rig.fake.mails.filter((m) => m.To === to);

  it('sends the conversation once to the account e-mail, never to a typed address, escaped in HTML, images as links; a burst of 300 sends one', async () => {
    await saveEmail();
    const config = await rig.call('GET', `main/${SHOP}/config`);
    assert.equal(config.body.transcript, true, 'the config tells the widget to offer it');
    const address = `ada-${Date.now()}@example.com`;
    const chat = await chatAs(`tr-${Date.now()}`, address, 'Hi <script>alert(1)</script> & "you"');
    const up = await fetch(`${rig.server.origin}/parties/ticket/${chat.ticketId}/uploads`, { method: 'POST', headers: { 'Content-Type': 'image/png', Authorization: `Bearer ${rig.admin}` }, body: tinyPng() as BodyInit });
    const image = (await up.json()) as { url: string };
    const agent = Peer.ticket(rig.server, chat.ticketId, rig.admin, { origin: null });
    await agent.opened();
    agent.send({ type: 'hello', lastSeq: 0 });
    agent.send({ type: 'send', clientId: crypto.randomUUID(), body: 'Here is <b>your</b> parcel', attachments: [{ type: 'image', url: image.url }] });
    await agent.until((p) => p.of('ack').length === 1, 'the reply');
    agent.close();

    const r = await transcript(chat.ticketId, chat.ticketToken, { to: 'evil@attacker.example', email: 'evil@attacker.example' });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    assert.equal(r.body.sentTo, `a•••@example.com`);
    await waitFor(() => mailsTo(address).length === 1, 15_000, 'the transcript');
    const mail = mailsTo(address)[0]!;
    assert.equal(mail.From, 'Shop <support@shop.example>');
    assert.equal(mail.Subject, 'Your conversation with Demo Store', 'named by the dev settings’ shopName');
    assert.match(mail.TextBody, /You, [\d-]+ [\d:]+ UTC:\nHi <script>alert\(1\)<\/script> & "you"/);
    assert.match(mail.TextBody, /Alex[^\n]*UTC:\nHere is <b>your<\/b> parcel\n\[image\] http/);
    assert.ok(mail.HtmlBody.includes('Hi &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;you&quot;'), mail.HtmlBody);
    assert.ok(mail.HtmlBody.includes('Here is &lt;b&gt;your&lt;/b&gt; parcel'));
    assert.ok(!mail.HtmlBody.includes('<script>') && !mail.HtmlBody.includes('<b>your'), 'no message text is HTML');
    assert.ok(mail.HtmlBody.includes(`<a href="${image.url}">View image</a>`), 'the image is a link');

    // Twenty at a time, 300 in all: one e-mail, each refusal typed with when to ask again.
    for (let round = 0; round < 15; round++) {
      const answers = await Promise.all(Array.from({ length: 20 }, () => transcript(chat.ticketId, chat.ticketToken)));
      for (const a of answers) {
        assert.equal(a.status, 429);
        assert.equal(a.body.error.code, 'rate_limited');
        assert.ok(Number(a.headers.get('Retry-After')) > 0);
      }
    }
    await new Promise((res) => setTimeout(res, 2000));
    assert.equal(mailsTo(address).length, 1);
    assert.equal(rig.fake.mails.filter((m) => m.To.includes('attacker')).length, 0, 'never to a typed address');
  });

  it('a Shopify theme shopper (an app-proxy session names only the customer) gets it at their Shopify customer’s e-mail', async () => {
    await saveEmail();
    const id = String(880_000 + Math.floor(Math.random() * 10_000));
    const address = `grace-${id}@example.com`;
    const created = await sendShopifyWebhook(rig.server.origin, 'customers/create', { id: Number(id), first_name: 'Grace', last_name: 'Hopper', email: address, created_at: new Date().toISOString(), updated_at: new Date().toISOString() });
    assert.equal(created.status, 200);
    const params: Array<[string, string]> = [['shop', SHOP], ['logged_in_customer_id', id], ['path_prefix', '/apps/customer-hub'], ['timestamp', String(Math.floor(Date.now() / 1000))]];
    const query = new URLSearchParams([...params, ['signature', signProxy(params)]]).toString();
    const session = await rig.call('GET', `main/${SHOP}/session?${query}`);
    assert.deepEqual(session.body.customer, { id }, 'the session has no e-mail');
    const chat = await rig.call('POST', `main/${SHOP}/chats`, { token: session.body.token, body: { clientId: crypto.randomUUID(), body: 'From the theme' } });
    assert.equal(chat.status, 201, JSON.stringify(chat.body));
    const r = await transcript(chat.body.ticket.id, chat.body.ticketToken);
    assert.deepEqual([r.status, r.body.sentTo], [202, 'g•••@example.com']);
    await waitFor(() => mailsTo(address).length === 1, 15_000, 'the transcript');
  });

  it('refuses no token, an anonymous session, another ticket’s token and an agent, and sends nothing', async () => {
    await saveEmail();
    const address = `bo-${Date.now()}@example.com`;
    const mine = await chatAs(`tr-mine-${Date.now()}`, address, 'Mine');
    const other = await chatAs(`tr-other-${Date.now()}`, `other-${Date.now()}@example.com`, 'Other');
    const anonymous = (await rig.call('POST', `main/${SHOP}/session`, { body: {} })).body;
    assert.equal(anonymous.customer, null);

    const none = await transcript(mine.ticketId);
    assert.deepEqual([none.status, none.body.error.code], [401, 'unauthorized']);
    const anon = await transcript(mine.ticketId, anonymous.token);
    assert.deepEqual([anon.status, anon.body.error.code], [401, 'unauthorized'], 'a session token is not a ticket token');
    const foreign = await transcript(mine.ticketId, other.ticketToken);
    assert.deepEqual([foreign.status, foreign.body.error.code], [403, 'forbidden']);
    const byAgent = await transcript(mine.ticketId, rig.admin);
    assert.deepEqual([byAgent.status, byAgent.body.error.code], [403, 'forbidden']);
    const get = await rig.call('GET', `ticket/${mine.ticketId}/transcript`, { token: mine.ticketToken });
    assert.equal(get.status, 405);
    await new Promise((res) => setTimeout(res, 1500));
    assert.equal(mailsTo(address).length, 0);
  });

  it('says so when the account has no e-mail, and when the shop turned transcripts off (the config no longer offers it)', async () => {
    await saveEmail();
    const noEmail = await chatAs(`tr-noemail-${Date.now()}`, undefined, 'No address here');
    const r = await transcript(noEmail.ticketId, noEmail.ticketToken);
    assert.deepEqual([r.status, r.body.error.code], [409, 'no_email']);

    await saveEmail({ transcript: false });
    assert.equal((await rig.call('GET', `main/${SHOP}/config`)).body.transcript, undefined);
    const address = `off-${Date.now()}@example.com`;
    const off = await chatAs(`tr-off-${Date.now()}`, address, 'Off');
    const refused = await transcript(off.ticketId, off.ticketToken);
    assert.deepEqual([refused.status, refused.body.error.code], [409, 'email_off']);
    await new Promise((res) => setTimeout(res, 1500));
    assert.equal(mailsTo(address).length, 0);
  });

  it('a French shopper gets it in French, naming the shop by its display name and the storefront page the chat was on (issue 17 review)', async () => {
    await saveEmail({}, (settings) => {
      settings.shopName = 'Maison Lumière';
      settings.translations = { fr: { welcomeMessage: 'Bonjour !' } };
    });
    const address = `lea-${Date.now()}@example.com`;
    const context = { pageUrl: 'https://www.maison-lumiere.example/products/lampe?variant=2' };
    const chat = await chatAs(`tr-fr-${Date.now()}`, address, 'Elle arrive quand ?', { lang: 'fr', context });
    const agent = Peer.ticket(rig.server, chat.ticketId, rig.admin, { origin: null });
    await agent.opened();
    agent.send({ type: 'hello', lastSeq: 0 });
    agent.send({ type: 'send', clientId: crypto.randomUUID(), body: 'Demain matin.' });
    await agent.until((p) => p.of('ack').length === 1, 'the reply');
    agent.close();
    assert.equal((await transcript(chat.ticketId, chat.ticketToken)).status, 202);
    await waitFor(() => mailsTo(address).length === 1, 15_000, 'the transcript');
    const mail = mailsTo(address)[0]!;
    assert.equal(mail.Subject, 'Votre conversation avec Maison Lumière');
    assert.match(mail.TextBody, /^Votre conversation avec Maison Lumière \(commencée le \d{4}-\d{2}-\d{2}\)/);
    assert.match(mail.TextBody, /Vous, [\d-]+ [\d:]+ UTC:\nElle arrive quand \?/);
    assert.match(mail.TextBody, /Alex[^\n]*UTC:\nDemain matin\./);
    assert.ok(mail.TextBody.endsWith('Maison Lumière · https://www.maison-lumiere.example/'), mail.TextBody);
    assert.ok(mail.HtmlBody.includes('Maison Lumière · <a href="https://www.maison-lumiere.example/">maison-lumiere.example</a>'), mail.HtmlBody);
    assert.ok(!`${mail.Subject}${mail.TextBody}${mail.HtmlBody}`.includes('myshopify'), 'never the myshopify domain');
    assert.ok(!/Your conversation|started|You,/.test(mail.TextBody), 'no English left');
  });
});
