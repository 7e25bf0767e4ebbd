// How the widget's browser tests drive <customer-hub-chat>: mount it against the msw
// mock through the real partykit transport, find things in its shadow root, wait.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import { createPartykitTransport, type ChatTransport, type CustomerHubChat } from '../../src/index.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { WAIT_MS, until } from './mock-server.js';

export { useMockShop, type Mock, type MockShop } from './mock-server.js';

export type Customer = { id: string; name?: string };

let n = 0;
export const newCustomer = (): Customer => ({ id: `wh-${++n}-${Math.random()}`, name: 'Ada' });

export const transport = (customer: Customer | null = newCustomer()): ChatTransport =>
  createPartykitTransport({ host: 'localhost:1999', shop: DEV_SHOP, ...(customer ? { devCustomer: customer } : {}) });

export async function mount(
  opts: { customer?: Customer | null; mode?: 'launcher' | 'inline'; theme?: string; lang?: string; transport?: ChatTransport } = {},
): Promise<CustomerHubChat> {
  return fixture<CustomerHubChat>(html`<customer-hub-chat
    shop=${DEV_SHOP}
    mode=${opts.mode ?? 'launcher'}
    theme=${opts.theme ?? 'auto'}
    lang=${opts.lang ?? 'en'}
    .transport=${opts.transport ?? transport(opts.customer === undefined ? newCustomer() : opts.customer)}
  ></customer-hub-chat>`);
}

export const $ = <T extends Element = HTMLElement>(el: CustomerHubChat, sel: string) => el.shadowRoot!.querySelector<T>(sel);
export const $$ = (el: CustomerHubChat, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
export const text = (el: CustomerHubChat) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
export const button = (el: CustomerHubChat, label: string) =>
  $$(el, 'button, a').find((b) => b.textContent!.trim() === label || b.getAttribute('aria-label') === label);
/** The element focused inside the widget's shadow root (null when focus is elsewhere). */
export const focused = (el: CustomerHubChat) => el.shadowRoot!.activeElement as HTMLElement | null;

export const settle = (el: CustomerHubChat, check: () => boolean, what: string, timeoutMs = WAIT_MS) =>
  until(
    () => {
      void el.requestUpdate();
      return check();
    },
    what,
    timeoutMs,
  );

/**
 * Resolves once the panel's opening animation is over: its 180 ms rise fades in from opacity 0
 * and 12 px lower, so mid-rise axe measures blended colours (a contrast failure) and boxes sit
 * lower than they will. Endless animations (the typing dots) are not waited for.
 */
export async function animationsDone(el: CustomerHubChat): Promise<void> {
  await el.updateComplete;
  await Promise.all(el.shadowRoot!.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity).map((a) => a.finished));
}

/** axe on the settled widget (after `animationsDone`: a test that gets there quickly must not see the rise). */
export async function accessible(el: CustomerHubChat): Promise<void> {
  await animationsDone(el);
  await expect(el).to.be.accessible();
}

/** Opens the panel and goes from the FAQ to the composer; `chat` is the button's label in the widget's language. */
export async function openToComposer(el: CustomerHubChat, chat = 'Chat with us'): Promise<void> {
  el.show();
  await settle(el, () => !!button(el, chat), 'the FAQ view');
  button(el, chat)!.click();
  await settle(el, () => !!$(el, 'textarea'), 'the composer');
}

export function sendText(el: CustomerHubChat, value: string): void {
  const field = $<HTMLTextAreaElement>(el, 'textarea')!;
  field.value = value;
  field.dispatchEvent(new Event('input'));
  field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
}

/** The element's ChatClient (for waiting on the ticket). */
export function clientOf(el: CustomerHubChat): { $ticket: { get(): { id: string } | null } } {
  return (el as unknown as { panelInstance: { client: { $ticket: { get(): { id: string } | null } } } }).panelInstance.client;
}
