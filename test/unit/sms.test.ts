// SMS through Twilio, the pure parts (issue 16, R13): the webhook signature against
// vectors computed here with node:crypto and Twilio's documented example, the opt-out
// keywords, what an inbound webhook must carry, and the write-only auth token.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { defaultSettings, mergeSettings, redactSettings } from '../../party/core/settings.js';
import { optChange } from '../../party/core/sms/keywords.js';
import { isForChannel, readInbound } from '../../party/core/sms/inbound.js';
import { calledUrl, twilioSignature, verifyTwilio } from '../../party/core/sms/signature.js';
import { deliveryStateOf, errorInWords, isAdvance, messageRequest } from '../../party/core/sms/twilio.js';

/** Twilio's scheme, written from its docs: URL, then each POST parameter's name and value sorted by name. */
const reference = (token: string, url: string, params: Record<string, string>): string =>
  createHmac('sha1', token)
    .update(url + Object.keys(params).sort().map((k) => k + params[k]).join(''))
    .digest('base64');

const ACCOUNT = 'AC' + 'a'.repeat(32);
const SERVICE = 'MG' + 'b'.repeat(32);

describe('Twilio signature', () => {
  it("matches Twilio's documented example (webhooks-security)", async () => {
    // https://www.twilio.com/docs/usage/webhooks/webhooks-security: token 12345, this URL and these parameters.
    const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
    assert.equal(await twilioSignature('12345', url, Object.entries(params)), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('agrees with node:crypto on SMS webhooks, unicode and MMS fields included', async () => {
    const cases: Array<[string, Record<string, string>]> = [
      ['https://chat.example.com/parties/main/demo.myshopify.com/sms/twilio', { From: '+15145550123', To: '+15145550100', Body: 'Bonjour, où est ma commande ? 📦', MessageSid: 'SM' + '1'.repeat(32), NumMedia: '0' }],
      ['http://127.0.0.1:8787/x?ticket=t%2F1&seq=3', { MessageStatus: 'delivered', MessageSid: 'SM' + '2'.repeat(32), MediaUrl0: 'https://api.twilio.com/m/1', MediaUrl1: 'https://api.twilio.com/m/2', Body: '' }],
    ];
    for (const [url, params] of cases) {
      const expected = reference('tok-' + url.length, url, params);
      assert.equal(await twilioSignature('tok-' + url.length, url, Object.entries(params)), expected);
      assert.equal(await verifyTwilio('tok-' + url.length, url, Object.entries(params), expected), true);
    }
  });

  it('refuses a missing, a foreign and a replayed-elsewhere signature', async () => {
    const url = 'https://chat.example.com/parties/main/a.myshopify.com/sms/twilio';
    const params = { From: '+15145550123', Body: 'hi' };
    const good = reference('secret', url, params);
    assert.equal(await verifyTwilio('secret', url, Object.entries(params), null), false);
    assert.equal(await verifyTwilio('secret', url, Object.entries(params), reference('other', url, params)), false);
    assert.equal(await verifyTwilio('secret', url.replace('a.myshopify', 'b.myshopify'), Object.entries(params), good), false);
    assert.equal(await verifyTwilio('secret', url, Object.entries({ ...params, Body: 'hi!' }), good), false);
  });

  it('signs the public URL Twilio called when publicUrl is set, else the request URL', () => {
    const req = 'http://10.0.0.5:8787/parties/main/a.myshopify.com/sms/twilio/status?ticket=t&seq=2';
    assert.equal(calledUrl(req, undefined), req);
    assert.equal(calledUrl(req, 'https://chat.example.com/'), 'https://chat.example.com/parties/main/a.myshopify.com/sms/twilio/status?ticket=t&seq=2');
  });
});

describe('SMS keywords and webhooks', () => {
  it('knows the opt-out and opt-in keywords, in any case, with ARRET accented or not', () => {
    for (const w of ['STOP', 'stop', ' Stop. ', 'STOPALL', 'UNSUBSCRIBE', 'cancel', 'END', 'QUIT', 'ARRET', 'Arrêt']) assert.equal(optChange(w), 'out', w);
    for (const w of ['START', 'unstop', 'Yes']) assert.equal(optChange(w), 'in', w);
    for (const w of ['HELP', 'please stop sending', 'stopped', '']) assert.equal(optChange(w), null, w);
  });

  it('reads an inbound text and refuses malformed ones', () => {
    const base = { MessageSid: 'SM' + 'c'.repeat(32), From: '+15145550123', To: '+15145550100', Body: 'Hi', NumMedia: '0' };
    const ok = readInbound(new URLSearchParams(base));
    assert.ok(ok.ok);
    assert.equal(ok.text.from, '+15145550123');
    assert.equal(readInbound(new URLSearchParams({ ...base, From: '5145550123' })).ok, false);
    assert.equal(readInbound(new URLSearchParams({ ...base, MessageSid: 'x' })).ok, false);
    assert.equal(readInbound(new URLSearchParams({ ...base, Body: 'x'.repeat(1601) })).ok, false);
    assert.equal(readInbound(new URLSearchParams({ ...base, NumMedia: '11' })).ok, false);
    assert.equal(readInbound(new URLSearchParams({ ...base, NumMedia: '1' })).ok, false, 'a medium without its URL');
    const mms = readInbound(new URLSearchParams({ ...base, Body: '', NumMedia: '1', MediaUrl0: 'https://api.twilio.com/m', MediaContentType0: 'IMAGE/JPEG' }));
    assert.ok(mms.ok);
    assert.deepEqual(mms.text.media, [{ url: 'https://api.twilio.com/m', contentType: 'image/jpeg' }]);
  });

  it('finds the channel by MessagingServiceSid, else by AccountSid and To', () => {
    const sms = { enabled: true, accountSid: ACCOUNT, authToken: 't', from: '+15145550100', messagingServiceSid: SERVICE };
    assert.equal(isForChannel(new URLSearchParams({ AccountSid: ACCOUNT, MessagingServiceSid: SERVICE, To: '+19999999999' }), sms), true);
    assert.equal(isForChannel(new URLSearchParams({ AccountSid: ACCOUNT, To: '+15145550100' }), sms), true, 'no service id: the number');
    assert.equal(isForChannel(new URLSearchParams({ AccountSid: ACCOUNT, MessagingServiceSid: 'MG' + 'f'.repeat(32), To: '+15145550100' }), sms), true, 'another service, but our number');
    assert.equal(isForChannel(new URLSearchParams({ AccountSid: 'AC' + 'f'.repeat(32), To: '+15145550100' }), sms), false);
    assert.equal(isForChannel(new URLSearchParams({ AccountSid: ACCOUNT, To: '+19999999999' }), sms), false);
  });

  it('maps Twilio statuses forward only and names error codes in words', () => {
    assert.equal(deliveryStateOf('queued'), 'sending');
    assert.equal(deliveryStateOf('undelivered'), 'failed');
    assert.equal(deliveryStateOf('receiving'), null);
    assert.equal(isAdvance('delivered', 'sent'), false);
    assert.equal(isAdvance('sending', 'failed'), true);
    assert.equal(errorInWords('30003'), '30003: Unreachable destination handset');
    assert.equal(errorInWords(21999, 'Something else'), '21999: Something else');
  });
});

describe('SMS replies', () => {
  const message = {
    id: 'm', seq: 7, author: { role: 'agent' as const, id: 'a1' }, body: 'Here it is', createdAt: '2026-12-01T00:00:00Z',
    attachments: [{ type: 'image' as const, url: 'https://chat.example.com/parties/ticket/t1/uploads/u1' }, { type: 'file' as const, url: 'https://api.twilio.com/m', contentType: 'application/pdf' }],
  };

  it('sends through the Messaging Service when one is set (no From), with one MediaUrl per image and the signed callback URL', () => {
    const r = messageRequest({ accountSid: ACCOUNT, authToken: 'tok', from: '+15145550100', messagingServiceSid: SERVICE, apiBaseUrl: 'https://api.twilio.com/', callbackBase: 'https://chat.example.com/' }, 'a.myshopify.com', 't1', '+15145550123', message);
    assert.equal(r.url, `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Messages.json`);
    assert.equal(r.headers.Authorization, `Basic ${Buffer.from(`${ACCOUNT}:tok`).toString('base64')}`);
    const form = new URLSearchParams(r.body);
    assert.equal(form.get('MessagingServiceSid'), SERVICE);
    assert.equal(form.get('From'), null);
    assert.deepEqual(form.getAll('MediaUrl'), ['https://chat.example.com/parties/ticket/t1/uploads/u1']);
    assert.equal(form.get('StatusCallback'), 'https://chat.example.com/parties/main/a.myshopify.com/sms/twilio/status?ticket=t1&seq=7');
    assert.equal(r.id, r.headers['I-Twilio-Idempotency-Token']);
  });

  it('sends From the number without a service, and asks no callback without a public URL', () => {
    const form = new URLSearchParams(messageRequest({ accountSid: ACCOUNT, authToken: 'tok', from: '+15145550100', apiBaseUrl: 'https://api.twilio.com' }, 'a.myshopify.com', 't1', '+15145550123', message).body);
    assert.equal(form.get('From'), '+15145550100');
    assert.equal(form.get('StatusCallback'), null);
  });
});

describe('SMS settings', () => {
  const sms = { enabled: true, accountSid: ACCOUNT, authToken: 'auth-token-1', from: '+15145550100' };

  it('keeps the auth token write-only and kept by a GET → PUT round trip', () => {
    const saved = mergeSettings(defaultSettings(), { ...defaultSettings(), sms });
    assert.ok(saved.ok);
    const shown = redactSettings(saved.frame);
    assert.equal(shown.sms?.authToken, undefined);
    assert.equal(JSON.stringify(shown).includes('auth-token-1'), false);
    const again = mergeSettings(saved.frame, shown);
    assert.ok(again.ok);
    assert.equal(again.frame.sms?.authToken, 'auth-token-1');
  });

  it('never sends a stored token to another account or API, and refuses an incomplete channel', () => {
    const saved = mergeSettings(defaultSettings(), { ...defaultSettings(), sms });
    assert.ok(saved.ok);
    const { authToken: _, ...noToken } = sms;
    assert.equal(mergeSettings(saved.frame, { ...defaultSettings(), sms: { ...noToken, apiBaseUrl: 'https://evil.example' } }).ok, false);
    assert.equal(mergeSettings(saved.frame, { ...defaultSettings(), sms: { ...noToken, accountSid: 'AC' + 'e'.repeat(32) } }).ok, false);
    assert.equal(mergeSettings(defaultSettings(), { ...defaultSettings(), sms: noToken }).ok, false, 'enabled without a token');
    assert.equal(mergeSettings(defaultSettings(), { ...defaultSettings(), sms: { enabled: true, accountSid: ACCOUNT, authToken: 'x' } }).ok, false, 'neither from nor service');
    assert.equal(mergeSettings(defaultSettings(), { ...defaultSettings(), sms: { ...sms, from: '514-555-0100' } }).ok, false, 'from not E.164');
  });
});
