/**
 * The entry of the chat's lazy chunk (issue 19): what the panel's frame (panel-frame.ts)
 * imports on the first hover, focus or click. It brings Lit, the client and the panel
 * (panel.ts), and paints the panel's views into the frame, where the skeleton was.
 */
import { render } from 'lit';
import type { CustomerHubChat } from './customer-hub-chat.js';
import { ChatPanel } from './panel.js';

export const mountPanel = (el: CustomerHubChat): ChatPanel => new ChatPanel(el);

/** Renders the panel's views into the frame (its handlers see the element as `this`, as in the element's own template). */
export function paint(el: CustomerHubChat, panel: ChatPanel, frame: HTMLElement): void {
  render(panel.render(), frame, { host: el });
}
