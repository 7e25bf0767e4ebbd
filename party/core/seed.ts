/** The dev shop and server vars that `npm start`, the demo and the tests run with (DESIGN §9). */
import type { ServerEnv } from './env.js';
import { defaultSettings, type Settings } from './settings.js';

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
