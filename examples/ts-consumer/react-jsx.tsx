// React 19 JSX: the raw tags and the wrappers, typed from custom-elements.json with no
// declaration written here.
import { useRef } from 'react';
import { CustomerHubChat, CustomerHubInbox } from 'customer-hub-chat/react';
import type { CustomerHubChat as ChatElement } from 'customer-hub-chat';

export function RawTags() {
  return (
    <>
      <customer-hub-chat host="chat.example.com" shop="demo.myshopify.com" mode="inline" theme="dark" storage="session" />
      {/* @ts-expect-error: not a mode */}
      <customer-hub-chat mode="sideways" />
      {/* @ts-expect-error: not a theme */}
      <customer-hub-chat theme="blue" />
      {/* @ts-expect-error: not an attribute of the element */}
      <customer-hub-chat colour="red" />
      {/* @ts-expect-error: read-only, no prop */}
      <customer-hub-chat leader />
      <customer-hub-inbox host="chat.example.com" shop="demo.myshopify.com" />
    </>
  );
}

export function Wrappers() {
  const chat = useRef<ChatElement>(null);
  return (
    <>
      <CustomerHubChat
        ref={chat}
        shop="demo.myshopify.com"
        mode="launcher"
        open={false}
        onCustomerHubMessage={(e) => console.log(e.message.body, chat.current?.leader)}
        onCustomerHubUnreadChange={(e) => console.log(e.unread.toFixed())}
        onCustomerHubError={(e) => console.log(e.error.code)}
      />
      {/* @ts-expect-error: not a mode */}
      <CustomerHubChat mode="sideways" />
      {/* @ts-expect-error: the message event has no `ticket` */}
      <CustomerHubChat onCustomerHubMessage={(e) => console.log(e.ticket)} />
      <CustomerHubInbox shop="demo.myshopify.com" onCustomerHubInboxTicketOpen={(e) => console.log(e.ticket.id)} />
    </>
  );
}
