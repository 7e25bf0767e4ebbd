// Only `define.js` imported, in a program of its own (tsconfig.define-only.json: another
// file's import of the root entry would type the events for all): they are typed on
// addEventListener (issue 15).
import 'customer-hub-chat/define.js';

const chat = document.createElement('customer-hub-chat');
chat.mode = 'inline';
chat.addEventListener('customer-hub-message', (e) => console.log(e.message.body));
chat.addEventListener('customer-hub-unread-change', (e) => console.log(e.unread.toFixed()));
// @ts-expect-error: a mode the element does not have
chat.mode = 'sideways';
// @ts-expect-error: the message event has no `ticket`
chat.addEventListener('customer-hub-message', (e) => console.log(e.ticket));
