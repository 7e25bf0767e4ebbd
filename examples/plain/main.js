// The page's own script: the chat with its settings (a page may as well write the tag in
// its HTML, with the identity from its backend), and its events, rendered as text.
const params = new URLSearchParams(location.search);
const chat = document.createElement('customer-hub-chat');
chat.theme = 'light';
chat.host = params.get('host') ?? 'localhost:1999';
chat.shop = params.get('shop') ?? 'demo.myshopify.com';
chat.identity = params.get('identity') ?? '';
document.querySelector('main').prepend(chat);

const list = document.querySelector('ol');
const log = (line) => list.append(Object.assign(document.createElement('li'), { textContent: line }));
chat.addEventListener('customer-hub-open', () => log('open'));
chat.addEventListener('customer-hub-ticket-created', (e) => log(`ticket ${e.ticket.id}`));
chat.addEventListener('customer-hub-message', (e) => log(`message: ${e.message.body}`));
