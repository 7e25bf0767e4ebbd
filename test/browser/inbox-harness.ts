// How the inbox's browser tests find things in <customer-hub-inbox> (across its own and
// its ticket view's and settings' shadow roots), wait for it, and fake what a headless
// browser lacks (desktop notifications).
import type { CustomerHubInbox } from '../../src/inbox.js';
import { until } from './mock-server.js';

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
export const settle = (el: CustomerHubInbox, check: () => boolean, what: string, timeoutMs = 5000) =>
  until(
    () => {
      void el.requestUpdate();
      el.shadowRoot!.querySelector<HTMLElement & { requestUpdate(): void }>('customer-hub-inbox-ticket')?.requestUpdate();
      return check();
    },
    what,
    timeoutMs,
  );

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
