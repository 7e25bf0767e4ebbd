// When a ticket e-mails the team (issue 16, R14, R19), on a fake clock: a window's events
// become one e-mail at its end; the team is not e-mailed its own replies nor AI tickets
// before a handoff; one reminder per waiting period, none for snoozed tickets; outside
// text is escaped in the HTML body. The real server and real HTTP are test/server/email.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EmailNotifier } from '../../party/core/email/notifier.js';
import { composeEmail } from '../../party/core/email/compose.js';
import type { Outgoing } from '../../party/core/outbound.js';
import type { EmailSettings } from '../../party/core/settings.js';
import { MemoryStorage } from '../../party/core/storage.js';
import { applyMessage, iso, newMeta, type TicketMeta } from '../../party/core/ticket-state.js';
import type { Author, Message } from '../../src/protocol/index.js';

const EMAIL: EmailSettings = { enabled: true, provider: 'postmark', token: 't', from: 'a@b.c', to: ['team@b.c'], events: ['ticket.created', 'message.created', 'ticket.waiting'], inboxUrl: 'https://x.example/inbox.html' };
const TIMINGS = { coalesceMs: 60_000, reminderMs: 300_000 };

function setup(handler: 'team' | 'ai' = 'team') {
  let now = Date.parse('2026-01-05T10:00:00Z');
  const sent: Outgoing[] = [];
  const storage = new MemoryStorage();
  const notifier = new EmailNotifier(storage, { now: () => now, newId: () => crypto.randomUUID(), sendOut: async (r) => void sent.push(r), timings: TIMINGS });
  const meta: TicketMeta = newMeta({ id: 't1', shop: 's', customer: { id: 'c', name: 'Ada <b>' }, handler, first: { clientId: 'x', body: '' }, notifications: { events: [], email: EMAIL } }, now);
  let seq = 0;
  const write = async (author: Author, body: string) => {
    const m: Message = { id: `m${++seq}`, seq, author, body, attachments: [], createdAt: iso(now) };
    applyMessage(meta, m);
    await notifier.event(meta, 'message.created', m);
  };
  return { sent, notifier, meta, write, advance: (ms: number) => (now += ms), wake: () => notifier.wake(meta) };
}
const subjects = (sent: Outgoing[]) => sent.map((r) => (JSON.parse(r.body) as { Subject: string }).Subject);

describe('EmailNotifier', () => {
  it('sends one e-mail at the end of a window, whatever the burst, and none for the team’s own replies', async () => {
    const s = setup();
    await s.write({ role: 'shopper', name: 'Ada' }, 'first');
    await s.notifier.event(s.meta, 'ticket.created');
    for (let i = 0; i < 10; i++) await s.write({ role: 'shopper', name: 'Ada' }, `more ${i}`);
    s.advance(59_000);
    assert.equal(await s.wake(), Date.parse('2026-01-05T10:01:00Z'), 'due at the end of the window');
    assert.equal(s.sent.length, 0);
    s.advance(1_000);
    await s.wake();
    assert.deepEqual(subjects(s.sent), ['New chat from Ada <b>']);
    assert.match(JSON.parse(s.sent[0]!.body).HtmlBody, /New chat from Ada &lt;b&gt;/);
    await s.write({ role: 'agent', id: 'a', name: 'Sam' }, 'on it');
    s.advance(120_000);
    await s.wake();
    assert.equal(s.sent.length, 1, 'the team’s reply e-mails nobody');
  });

  it('reminds once per waiting period, not for a snoozed ticket, and not for an AI ticket before its handoff', async () => {
    const s = setup();
    await s.write({ role: 'shopper' }, 'hello?');
    s.advance(60_000);
    await s.wake(); // the window's e-mail
    s.advance(240_000);
    await s.wake();
    assert.deepEqual(subjects(s.sent).slice(1), ['Ada <b> has waited 5 min for an answer']);
    s.advance(600_000);
    await s.wake();
    assert.equal(s.sent.length, 2, 'once per waiting period');
    await s.write({ role: 'agent', id: 'a' }, 'hi');
    await s.write({ role: 'shopper' }, 'again');
    s.meta.ticket.status = 'snoozed';
    s.advance(600_000);
    await s.wake();
    assert.equal(subjects(s.sent).filter((x) => x.includes('waited')).length, 1, 'a snoozed ticket is not waiting on the team');
    s.meta.ticket.status = 'open';
    await s.wake();
    assert.equal(subjects(s.sent).filter((x) => x.includes('waited')).length, 2, 'the new period is reminded');

    const ai = setup('ai');
    await ai.write({ role: 'shopper' }, 'question');
    await ai.notifier.event(ai.meta, 'ticket.created');
    ai.advance(600_000);
    await ai.wake();
    assert.equal(ai.sent.length, 0);
  });

  it('a rating grouped with other news keeps its score in the subject, in front of it (issue 17 review)', () => {
    const ticket = newMeta({ id: 't', shop: 's', customer: { id: 'c', name: 'Ada' }, handler: 'team', first: { clientId: 'x', body: '' } }, 0).ticket;
    ticket.rating = { score: 4, at: iso(0) };
    const subject = (events: string[], count = 0) => composeEmail(EMAIL, ticket, { events, messages: [], count }).subject;
    assert.equal(subject(['ticket.created', 'ticket.closed', 'ticket.rated'], 1), '★ 4/5 · New chat from Ada');
    assert.equal(subject(['ticket.handoff', 'ticket.rated']), '★ 4/5 · The AI agent handed a chat with Ada to the team');
    assert.equal(subject(['message.created', 'ticket.rated'], 3), '★ 4/5 · 3 new messages from Ada');
    assert.equal(subject(['ticket.closed', 'ticket.rated']), 'Ada rated the chat 4/5');
    ticket.customer = { id: 'c', name: 'A'.repeat(300) };
    assert.ok(subject(['ticket.created', 'ticket.rated']).startsWith('★ 4/5 · New chat from AAA'), 'a long name never cuts the score off');
  });

  it('escapes every outside text in the HTML body and links the inbox', () => {
    const mail = composeEmail({ ...EMAIL, inboxUrl: 'https://x.example/inbox.html#old' }, newMeta({ id: 'a/b', shop: 's', customer: { id: 'c', name: '"><script>' }, handler: 'team', first: { clientId: 'x', body: '' } }, 0).ticket, {
      events: ['message.created'],
      messages: [{ author: '<i>Ada</i>', body: '<img src=x onerror=alert(1)>' }],
      count: 1,
    });
    assert.ok(!/<script|<img|<i>/.test(mail.html), mail.html);
    assert.ok(mail.html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(mail.text.includes('https://x.example/inbox.html#ticket=a%2Fb'));
  });
});
