/**
 * The script-tag build (`dist/cdn/customer-hub-chat.js`): defines `<customer-hub-chat>`.
 * Only the launcher loads first; the chat itself comes as a lazy chunk beside it.
 */
import '../define.js';
