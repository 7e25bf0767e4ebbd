// Handoffs to external helpdesks (R11) and notification webhooks (R14), against a
// local fake HTTP server that records requests, fails on cue and honours idempotency
// keys as the real services do.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { AiSettings } from '../../party/core/ai/responder.js';
import type { Ticket } from '../../src/protocol/index.js';
import { startFakeHttp, type FakeHttp, type Received as Recorded } from './fake-http.js';
import { roomHarness } from './room-harness.js';

// The sender's give-up time: long enough that a busy machine (npm test runs this suite beside
// the server's) answers in it, as the fake service does at once. The tests run on a fake clock,
// so an attempt timed out by load would wait for a backoff that never comes.
const TIMEOUT_MS = 5_000;
// The retry test's timeout, and its slow answer, which comes well after it.
const SHORT_TIMEOUT_MS = 2_000;
const SLOW_MS = 4_000;

/** Behaves like a helpdesk: creates a resource per idempotency key, once. */
class FakeService {
  server!: FakeHttp;
  base = '';
  requests: Recorded[] = [];
  created = new Map<string, number>();
  script: Array<'ok' | 500 | 'slow'> = [];

  async start() {
    this.server = await startFakeHttp((request, res) => {
      this.requests.push(request);
      const step = this.script.shift() ?? 'ok';
      if (step === 500) return void res.writeHead(500).end('{"error":"boom"}');
      const key = String(request.headers['idempotency-key'] ?? this.requests.length);
      if (!this.created.has(key)) this.created.set(key, this.created.size + 1);
      const reply = () => res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: this.created.get(key) }));
      // 'slow': the work is done, but the answer comes after the sender gave up.
      if (step === 'slow') setTimeout(reply, SLOW_MS);
      else reply();
    });
    this.base = this.server.base;
  }
}

const aiWith = (handoff: AiSettings['handoff']): AiSettings => ({ knowledge: [], maxUnresolvedTurns: 2, handoff });

async function handedOff(h: ReturnType<typeof roomHarness>, ai: AiSettings, notifications?: { webhookUrl: string; secret: string; events: string[] }) {
  await h.room.create({
    id: 't1',
    shop: 'demo.myshopify.com',
    customer: { id: 'c1', name: 'Grace Hopper', email: 'grace@example.com' },
    handler: 'ai',
    first: { clientId: 'f', body: 'Where is my order #1001?' },
    ai,
    ...(notifications ? { notifications } : {}),
  });
  const shopper = h.join('shopper', 'c1', 'Grace Hopper');
  await shopper.say({ type: 'send', clientId: 'h', body: 'I want to talk to a person' });
  return shopper;
}

describe('handoffs to external helpdesks', () => {
  const service = new FakeService();
  before(() => service.start());
  after(() => service.server.close());

  it('Zendesk: the Tickets API payload, API-token auth and an idempotency key; the shopper is told', async () => {
    service.requests = [];
    const h = roomHarness({ deliveryTimeoutMs: TIMEOUT_MS });
    const shopper = await handedOff(h, aiWith({ target: 'zendesk', url: service.base, subdomain: 'demo', email: 'agent@demo.example', apiToken: 'zd-token' }));
    await waitUntil(() => service.requests.length === 1);
    const req = service.requests[0]!;
    assert.equal(req.path, '/api/v2/tickets.json');
    assert.equal(req.headers.authorization, `Basic ${Buffer.from('agent@demo.example/token:zd-token').toString('base64')}`);
    assert.equal(req.headers['idempotency-key'], 'handoff:t1');
    const body = JSON.parse(req.body);
    assert.deepEqual(body.ticket.requester, { name: 'Grace Hopper', email: 'grace@example.com' });
    assert.equal(body.ticket.external_id, 't1');
    assert.match(body.ticket.comment.body, /Grace Hopper: Where is my order #1001\?\n[\s\S]*AI agent: [\s\S]*\n\[[^\]]+\] Grace Hopper: I want to talk to a person$/);
    await shopper.say({ type: 'hello', lastSeq: 0 });
    assert.equal(shopper.of('sync')[0]!.messages.at(-1)!.author.name, 'handoff-external');
    await waitUntil(async () => (await h.room.pendingDeliveries()).length === 0); // acknowledged, so done
  });

  it('Gorgias: its tickets API payload and basic auth', async () => {
    service.requests = [];
    const h = roomHarness({ deliveryTimeoutMs: TIMEOUT_MS });
    await handedOff(h, aiWith({ target: 'gorgias', url: service.base, subdomain: 'demo', email: 'agent@demo.example', apiToken: 'gg-key' }));
    await waitUntil(() => service.requests.length === 1);
    const req = service.requests[0]!;
    assert.equal(req.path, '/api/tickets');
    assert.equal(req.headers.authorization, `Basic ${Buffer.from('agent@demo.example:gg-key').toString('base64')}`);
    const body = JSON.parse(req.body);
    assert.deepEqual([body.channel, body.via, body.customer.email, body.messages[0].from_agent], ['chat', 'api', 'grace@example.com', false]);
    assert.match(body.messages[0].body_text, /I want to talk to a person/);
  });

  it('retries after a 500 and a timeout, with backoff, and creates nothing twice', async () => {
    service.requests = [];
    service.created.clear();
    service.script = [500, 'slow', 'ok'];
    const h = roomHarness({ deliveryTimeoutMs: SHORT_TIMEOUT_MS });
    await handedOff(h, aiWith({ target: 'zendesk', url: service.base, subdomain: 'demo', email: 'a@b.c', apiToken: 't' }));
    await waitUntil(() => service.requests.length === 1);
    await waitUntil(async () => (await h.room.pendingDeliveries())[0]?.attempts === 1);
    assert.equal(await h.room.wake(), (await h.room.pendingDeliveries())[0]!.nextAt, 'not due yet: nothing sent');
    assert.equal(service.requests.length, 1);
    h.advance(1000); // first backoff
    await h.room.wake(); // times out, though the service did the work
    assert.equal(service.requests.length, 2);
    assert.equal((await h.room.pendingDeliveries())[0]!.lastError, 'timeout');
    h.advance(2000); // second backoff
    await h.room.wake();
    assert.equal(service.requests.length, 3);
    assert.deepEqual(await h.room.pendingDeliveries(), []);
    assert.equal(service.created.size, 1, 'one ticket in the helpdesk');
    assert.deepEqual(new Set(service.requests.map((r) => r.headers['idempotency-key'])), new Set(['handoff:t1']));
  });
});

/** A receiver written here, from the documented scheme, not from party/. */
function verify(secret: string, req: Recorded): boolean {
  const ts = String(req.headers['x-customerhub-timestamp']);
  const expected = `sha256=${createHmac('sha256', secret).update(`${ts}.${req.body}`).digest('hex')}`;
  return req.headers['x-customerhub-signature'] === expected && /^\d{10}$/.test(ts);
}

describe('webhooks', () => {
  const receiver = new FakeService();
  before(() => receiver.start());
  after(() => receiver.server.close());

  it('R11 webhook handoff: a signed POST of the transcript', async () => {
    receiver.requests = [];
    const h = roomHarness({ deliveryTimeoutMs: TIMEOUT_MS });
    await handedOff(h, aiWith({ target: 'webhook', url: `${receiver.base}/handoff`, secret: 'whsec_handoff' }));
    await waitUntil(() => receiver.requests.length === 1);
    const req = receiver.requests[0]!;
    assert.ok(verify('whsec_handoff', req), 'signature verifies');
    assert.ok(!verify('another-secret', req));
    const body = JSON.parse(req.body) as { event: string; ticket: Ticket; transcript: Array<{ body: string }> };
    assert.equal(body.event, 'ticket.handoff');
    const shopper = body.transcript.filter((m) => (m as { author?: { role: string } }).author?.role === 'shopper').map((m) => m.body);
    assert.deepEqual(shopper, ['Where is my order #1001?', 'I want to talk to a person']);
  });

  it('R14 notifications: ticket.created, message.created, ticket.closed, each signed with an event id', async () => {
    receiver.requests = [];
    const h = roomHarness({ deliveryTimeoutMs: TIMEOUT_MS });
    await h.room.create({
      id: 't2', shop: 's', customer: { id: 'c1' }, handler: 'team', first: { clientId: 'f', body: 'Hello' },
      notifications: { webhookUrl: `${receiver.base}/notify`, secret: 'whsec_notify', events: ['ticket.created', 'message.created', 'ticket.closed'] },
    });
    const agent = h.join('agent', 'a1', 'Alex');
    await agent.say({ type: 'send', clientId: 'r', body: 'Hi there' });
    await agent.say({ type: 'status', status: 'closed' });
    await waitUntil(() => receiver.requests.length === 4);
    const events = receiver.requests.map((r) => JSON.parse(r.body) as { id: string; event: string; message?: { body: string } });
    assert.deepEqual(events.map((e) => e.event).sort(), ['message.created', 'message.created', 'ticket.closed', 'ticket.created']);
    assert.ok(receiver.requests.every((r) => verify('whsec_notify', r)));
    assert.equal(new Set(events.map((e) => e.id)).size, 4, 'every event has its own id');
    assert.ok(receiver.requests.every((r, i) => r.headers['x-customerhub-event-id'] === events[i]!.id));
  });
});

// 15 s, as the browser tests' waits (README, "The test suite under load"): a wait ends as soon
// as its check holds, so the bound only matters on a machine too busy to deliver in 3 s.
async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
