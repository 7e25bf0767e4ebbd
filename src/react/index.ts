/**
 * `customer-hub-chat/react`: both elements as React components, and the raw tags typed
 * in React 19's JSX (`<customer-hub-chat mode="inline">`, from custom-elements.json).
 * React is an optional peer dependency: it is never bundled here.
 */
import type { CustomElements } from '../frameworks/jsx-types.js';

export { CustomerHubChat } from './chat.js';
export { CustomerHubInbox } from './inbox.js';

declare module 'react' {
  namespace JSX {
    // An interface that only extends: how JSX intrinsic elements are added.
    interface IntrinsicElements extends CustomElements {}
  }
}
