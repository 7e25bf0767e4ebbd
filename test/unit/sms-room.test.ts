// A ticket room's SMS side (issue 16, R13) against the fake Twilio: a refused request
// (a 4xx other than 408/429) fails the reply at once, with Twilio's error in words,
// and is not retried; with SMS switched off nothing is stored nor sent.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NewTicket } from '../../party/core/ticket-state.js';
import { FakeTwilio, sid } from '../server/fake-twilio.js';
import { roomHarness } from './room-harness.js';

const until = async (check: () => boolean | Promise<boolean>, what: string) => {
  const end = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('SMS replies in the ticket room', () => {
  let twilio: FakeTwilio;
  before(async () => {
    twilio = await new FakeTwilio().start();
  });
  after(() => twilio.stop());

  const smsTicket = async (withChannel: boolean) => {
    const h = roomHarness();
    const init: NewTicket = {
      id: 't1',
      shop: 'demo.myshopify.com',
      customer: { id: 'sms:+15145550123', phone: '+15145550123' },
      handler: 'team',
      channel: 'sms',
      first: { clientId: 'sms:x', body: 'Hi' },
      ...(withChannel ? { sms: { accountSid: twilio.accountSid, authToken: twilio.authToken, from: '+15145550100', apiBaseUrl: twilio.base } } : {}),
    };
    const text = { sid: sid('SM'), from: '+15145550123', body: 'Hi', media: [], opt: null, publicOrigin: null };
    const outcome = await h.room.sms.receive(text, init);
    assert.equal(outcome.kind, 'stored');
    return h;
  };

  it('a 4xx from Twilio fails the reply at once with the error in words, with no retry', async () => {
    const h = await smsTicket(true);
    const agent = h.join('agent', 'a1', 'Sam');
    const before = twilio.sends().length;
    twilio.script = [{ status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' }];
    await agent.say({ type: 'send', clientId: 'c-1', body: 'Hello' });
    await until(() => agent.of('delivery').length > 0, 'the delivery frame');
    assert.deepEqual(agent.of('delivery'), [{ type: 'delivery', seq: 2, state: 'failed', error: '21610: The recipient has unsubscribed (STOP)' }]);
    assert.equal(twilio.sends().length, before + 1);
    assert.deepEqual(await h.room.pendingDeliveries(), [], 'nothing left to retry');
  });

  it('with SMS switched off a reply is refused and nothing is stored nor sent', async () => {
    const h = await smsTicket(false);
    const agent = h.join('agent', 'a1', 'Sam');
    const before = twilio.sends().length;
    await agent.say({ type: 'send', clientId: 'c-2', body: 'Hello' });
    assert.equal(agent.of('error')[0]?.code, 'forbidden');
    assert.equal(agent.of('message').length, 0);
    assert.equal(twilio.sends().length, before);
  });
});
