// How the plain launcher's tests (issue 19) place the element as a page does and tell
// whether the page has fetched the chat's code yet.
import '../../src/define.js';
import type { CustomerHubChat } from '../../src/index.js';
import { transport } from './widget-harness.js';

// The test runner's own modules fill the default 250 entries: room for the chat's.
performance.setResourceTimingBufferSize(100_000);

/** The chat's own modules this page has fetched so far (the lazy chunk's entry and the panel). */
export const chatCodeLoaded = () => performance.getEntriesByType('resource').some((r) => /\/chat\/(panel-host|panel)\.(ts|js)/.test(r.name));

export function place(shop: string, attrs: Record<string, string> = {}): CustomerHubChat {
  const el = document.createElement('customer-hub-chat') as CustomerHubChat;
  el.setAttribute('shop', shop);
  el.setAttribute('lang', 'en');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.transport = transport();
  document.body.append(el);
  return el;
}
