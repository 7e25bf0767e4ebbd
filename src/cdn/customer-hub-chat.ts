/**
 * The script-tag build's entry (`dist/cdn/customer-hub-chat.js`): everything a page
 * needs from one `<script type="module">`, dependencies bundled.
 */
export { ChatClient } from '../client/chat-client.js';
export { createPartykitTransport, PartykitTransport } from '../transports/partykit.js';
export { TransportError } from '../transports/types.js';
