// A React 19 storefront page with the chat: typed props, typed event props, a ref.
import { StrictMode, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CustomerHubChat } from 'customer-hub-chat/react';
import type { CustomerHubChat as ChatElement } from 'customer-hub-chat';

// A real app gets these from its config and its backend (the identity JWT).
const params = new URLSearchParams(location.search);

function App() {
  const chat = useRef<ChatElement>(null);
  const [events, setEvents] = useState<string[]>([]);
  const log = (line: string) => setEvents((all) => [...all, line]);
  return (
    <main>
      <h1>Store</h1>
      <button onClick={() => chat.current?.show()}>Help</button>
      <CustomerHubChat
        ref={chat}
        host={params.get('host') ?? 'localhost:1999'}
        shop={params.get('shop') ?? 'demo.myshopify.com'}
        identity={params.get('identity') ?? ''}
        theme="light"
        onCustomerHubOpen={() => log('open')}
        onCustomerHubTicketCreated={(e) => log(`ticket ${e.ticket.id}`)}
        onCustomerHubMessage={(e) => log(`message: ${e.message.body}`)}
      />
      <ol aria-label="Chat events">
        {events.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
