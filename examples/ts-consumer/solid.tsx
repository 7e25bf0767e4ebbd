// Solid: `customer-hub-chat/solid` types the tags in Solid's JSX, with no declaration here.
import 'customer-hub-chat/solid';

export const good = () => (
  <customer-hub-chat host="chat.example.com" shop="demo.myshopify.com" mode="inline" theme="dark" on:customer-hub-message={(e) => console.log(e.message.body)} />
);
// @ts-expect-error: not a mode
export const badMode = () => <customer-hub-chat mode="sideways" />;
// @ts-expect-error: the message event has no `ticket`
export const badEvent = () => <customer-hub-chat on:customer-hub-message={(e) => console.log(e.ticket)} />;
export const inbox = () => <customer-hub-inbox shop="demo.myshopify.com" on:customer-hub-inbox-ticket-open={(e) => console.log(e.ticket.id)} />;
