/** The dev shop and server vars that `npm start`, the demo and the tests run with (DESIGN §9). */
import type { ServerEnv } from './env.js';
import { defaultSettings, type Settings } from './settings.js';
import type { Actor, DemoData } from './shop.js';

export const DEV_SHOP = 'demo.myshopify.com';
export const DEV_AGENT_KEY = 'dev-agent-key';
export const DEV_IDENTITY_SECRET = 'dev-identity-secret';

export const DEV_ENV: ServerEnv = {
  CHAT_SECRET: 'dev-chat-secret-not-for-production',
  DEV_AUTH: '1',
  AGENT_KEYS: JSON.stringify([
    { key: DEV_AGENT_KEY, id: 'agent-dev', name: 'Alex (Support)', role: 'admin', shops: [DEV_SHOP] },
  ]),
  SHOPIFY_API_SECRET: 'dev-shopify-secret',
};

/** What `npm start` runs with: the dev vars plus the demo profiles and past tickets. */
export const DEMO_ENV: ServerEnv = { ...DEV_ENV, DEMO_DATA: '1' };

const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString();
const customerPayload = (id: number | string, first: string, last: string, email: string, since: number) => ({
  id,
  first_name: first,
  last_name: last,
  email,
  created_at: daysAgo(since),
  updated_at: daysAgo(since),
});
const order = (customer: ReturnType<typeof customerPayload>, name: string, total: string, ago: number) => ({
  id: Number(name.slice(1)) * 1000,
  name,
  total_price: total,
  currency: 'EUR',
  created_at: daysAgo(ago),
  customer,
});

/** The order as `orders/fulfilled` sends it, `ago` days later, with a carrier's tracking link. */
const shipped = (o: ReturnType<typeof order>, ago: number, url: string) => ({
  ...o,
  updated_at: daysAgo(ago),
  fulfillment_status: 'fulfilled',
  line_items: [{ id: o.id + 1, title: 'Wool scarf', name: 'Wool scarf', quantity: 1 }],
  fulfillments: [{ id: o.id + 2, order_id: o.id, status: 'success', updated_at: daysAgo(ago), tracking_company: 'UPS', tracking_number: '1Z1001', tracking_urls: [url] }],
});

/**
 * The demo shop's data (DESIGN §9): profiles as Shopify would send them, and past
 * conversations played through the ticket rooms: an answered chat, one waiting, a
 * snoozed one, an SMS ticket and a closed one.
 */
export function demoData(): DemoData {
  // The storefront demo's customer (demo.js logs in as `demo-ada`).
  const ada = customerPayload('demo-ada', 'Ada', 'Lovelace', 'ada@example.com', 400);
  const grace = customerPayload(7002, 'Grace', 'Hopper', 'grace@example.com', 120);
  const alan = customerPayload(7003, 'Alan', 'Turing', 'alan@example.com', 30);
  const katherine = customerPayload(7004, 'Katherine', 'Johnson', 'katherine@example.com', 200);
  const agent: Actor = { role: 'agent', userId: 'agent-sam', name: 'Sam (Support)' };
  const as = (id: number, name: string): Actor => ({ role: 'shopper', userId: String(id), name });
  return {
    webhooks: [
      ['customers/create', ada],
      ['orders/create', order(ada, '#1001', '89.00', 60)],
      // Issue 18: "Track my order" in the demo: #1001 shipped with a tracking link, #1042 being prepared.
      ['orders/fulfilled', shipped(order(ada, '#1001', '89.00', 60), 57, 'https://demo.example/track/1Z1001')],
      ['orders/create', order(ada, '#1042', '149.50', 9)],
      ['customers/create', grace],
      ['orders/create', order(grace, '#1038', '59.90', 4)],
      ['customers/create', alan],
      ['orders/create', order(alan, '#1040', '212.00', 2)],
      ['customers/create', katherine],
      ['customers/update', { ...katherine, orders_count: 3 }],
    ],
    tickets: [
      {
        customer: { id: '7004', name: 'Katherine Johnson', email: 'katherine@example.com' },
        channel: 'chat',
        first: 'Hello! Can I change the delivery address of order #1033?',
        then: [
          [agent, { type: 'read', seq: 1 }],
          [agent, { type: 'send', clientId: 'seed-k1', body: 'Hi Katherine, yes: I have updated it. You will get a new confirmation e-mail.' }],
          [as(7004, 'Katherine Johnson'), { type: 'send', clientId: 'seed-k2', body: 'Perfect, thank you!' }],
          [as(7004, 'Katherine Johnson'), { type: 'end' }],
        ],
      },
      {
        customer: { id: '7003', name: 'Alan Turing', email: 'alan@example.com' },
        channel: 'chat',
        first: 'My parcel for order #1040 says delivered but I have not received it.',
        then: [
          [agent, { type: 'read', seq: 1 }],
          [agent, { type: 'send', clientId: 'seed-a1', body: 'Sorry to hear that, Alan. I have opened an inquiry with the carrier; I will get back to you tomorrow.' }],
          [agent, { type: 'status', status: 'snoozed', snoozeUntil: new Date(Date.now() + 20 * 3_600_000).toISOString() }],
        ],
      },
      {
        customer: { id: 'sms:+33612345678', name: 'Marie Curie', phone: '+33612345678' },
        channel: 'sms',
        first: 'Bonjour, avez-vous la veste en taille M ?',
        then: [],
      },
      {
        customer: { id: '7002', name: 'Grace Hopper', email: 'grace@example.com' },
        channel: 'chat',
        first: 'Hi, I would like to return the blue sweater from order #1038.',
        then: [[as(7002, 'Grace Hopper'), { type: 'send', clientId: 'seed-g1', body: 'It is a bit too small. Can I exchange it for a large instead?' }]],
      },
    ],
  };
}

export function devSettings(): Settings {
  const s = defaultSettings();
  const always = [['00:00', '24:00']];
  s.shopName = 'Demo Store';
  s.identitySecret = DEV_IDENTITY_SECRET;
  s.welcomeMessage = 'Hi! How can we help?';
  s.policy = { privacyUrl: 'https://demo.example/policies/privacy-policy', termsUrl: 'https://demo.example/policies/terms-of-service' };
  s.faqs = [
    { id: 'shipping', question: 'How long does shipping take?', answer: 'Orders ship within 2 business days; delivery takes 3 to 5 days.', published: true },
    { id: 'returns', question: 'What is your return policy?', answer: 'You can return unworn items within 30 days for a full refund.', published: true },
    { id: 'sizes', question: 'How do your sizes run?', answer: 'Our sizes run true to size; see the size guide on each product.', published: true },
    { id: 'draft', question: 'Unpublished question', answer: 'Not shown to shoppers.', published: false },
  ];
  // Always open in dev, so the demo behaves the same at any hour.
  s.officeHours = { ...s.officeHours, timezone: 'Europe/Paris', weekly: { mon: always, tue: always, wed: always, thu: always, fri: always, sat: always, sun: always } };
  s.macros = [
    { id: 'thanks', name: 'Thanks', body: 'Thanks for your patience! Let me check that for you.' },
    { id: 'tracking', name: 'Tracking', body: 'You can track your order from the link in your shipping confirmation e-mail.' },
  ];
  return s;
}
