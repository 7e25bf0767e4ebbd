/** How the inbox's browser tests drive `<customer-hub-inbox>`: mount, sign in, find things in its shadow roots, type, and fake what a headless browser lacks (desktop notifications). */
import { fixture, html } from '@open-wc/testing';
import type { CustomerHubInbox } from '../../src/inbox.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { WAIT_MS, until } from './mock-server.js';

export async function mountInbox(lang = 'en') {
  return fixture<CustomerHubInbox>(html`<customer-hub-inbox host="localhost:1999" shop=${DEV_SHOP} lang=${lang}></customer-hub-inbox>`);
}

/** Every element of the inbox's shadow roots (the inbox, its ticket view, its settings) matching `sel`. */
export function all<T extends HTMLElement = HTMLElement>(el: CustomerHubInbox, sel: string): T[] {
  const roots: ShadowRoot[] = [el.shadowRoot!];
  for (const tag of ['customer-hub-inbox-ticket', 'customer-hub-inbox-settings']) {
    const inner = el.shadowRoot!.querySelector(tag)?.shadowRoot;
    if (inner) roots.push(inner);
  }
  return roots.flatMap((r) => [...r.querySelectorAll<T>(sel)]);
}
export const one = <T extends HTMLElement = HTMLElement>(el: CustomerHubInbox, sel: string) => all<T>(el, sel)[0];
export const textOf = (el: CustomerHubInbox, sel: string) => all(el, sel).map((e) => e.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');
export const button = (el: CustomerHubInbox, label: string | RegExp) =>
  all<HTMLButtonElement>(el, 'button').find((b) => {
    const name = b.getAttribute('aria-label') ?? b.textContent!.trim();
    return typeof label === 'string' ? name === label || b.textContent!.trim() === label : label.test(name);
  });
export const row = (el: CustomerHubInbox, name: string) => all(el, '[part="ticket-row"]').find((r) => r.textContent!.includes(name));
export const settle = (el: CustomerHubInbox, check: () => boolean, what: string, timeoutMs = WAIT_MS) =>
  until(
    () => {
      void el.requestUpdate();
      el.shadowRoot!.querySelector<HTMLElement & { requestUpdate(): void }>('customer-hub-inbox-ticket')?.requestUpdate();
      return check();
    },
    what,
    timeoutMs,
  );

export async function signIn(el: CustomerHubInbox, key = 'dev-agent-key') {
  await settle(el, () => !!one(el, 'input[name="agentKey"]:not([disabled])'), 'the sign-in form');
  const input = one<HTMLInputElement>(el, 'input[name="agentKey"]');
  input.value = key;
  one<HTMLFormElement>(el, '.signin form').requestSubmit();
}

export async function signedIn(lang = 'en') {
  const el = await mountInbox(lang);
  await signIn(el);
  await settle(el, () => !!one(el, '[part="ticket-list"]'), 'the signed-in inbox');
  return el;
}

export async function open(el: CustomerHubInbox, name: string) {
  await settle(el, () => !!row(el, name), `the row of ${name}`);
  row(el, name)!.click();
  await settle(el, () => !!one(el, 'textarea[part="input"]') && one(el, '.head h2')?.textContent === name, `the ticket of ${name}`);
}

/** Opens the settings on one section (issue 17: one section at a time), by its link in the side navigation. */
export async function settingsSection(el: CustomerHubInbox, id: string) {
  if (!one(el, '[data-section-link]')) button(el, el.lang === 'fr' ? 'Réglages' : 'Settings')!.click();
  await settle(el, () => !!one(el, `[data-section-link="${id}"]`), 'the settings sections');
  one(el, `[data-section-link="${id}"]`)!.click();
  await settle(el, () => !!one(el, `form[data-section="${id}"]`), `the ${id} section`);
}

export async function type(el: CustomerHubInbox, text: string, key?: string) {
  const input = one<HTMLTextAreaElement>(el, 'textarea[part="input"]');
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event('input'));
  if (key) input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
  await el.updateComplete;
}

export function press(key: string) {
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
}


/**
 * Replaces the browser's Notification API by one that is granted and records what the
 * inbox shows (a headless browser has no notification permission to give).
 */
export function fakeNotifications(): { shown: Array<{ title: string; body?: string }>; restore(): void } {
  const shown: Array<{ title: string; body?: string }> = [];
  const real = window.Notification;
  class FakeNotification {
    static permission = 'granted';
    static requestPermission = async () => 'granted';
    onclick: (() => void) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, ...(options?.body ? { body: options.body } : {}) });
    }
  }
  (window as unknown as { Notification: unknown }).Notification = FakeNotification;
  return { shown, restore: () => ((window as unknown as { Notification: unknown }).Notification = real) };
}
