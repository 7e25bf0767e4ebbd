// A Vue 3 storefront page with the chat. `customer-hub-chat/vue` registers the element
// and types it in Vue's GlobalComponents (editors and vue-tsc check the template).
import { createApp, ref } from 'vue';
import 'customer-hub-chat/vue';
import type { CustomerHubMessageEvent, CustomerHubTicketCreatedEvent } from 'customer-hub-chat';

// A real app gets these from its config and its backend (the identity JWT).
const params = new URLSearchParams(location.search);

const app = createApp({
  setup() {
    const events = ref<string[]>([]);
    return {
      host: params.get('host') ?? 'localhost:1999',
      shop: params.get('shop') ?? 'demo.myshopify.com',
      identity: params.get('identity') ?? '',
      events,
      onTicket: (e: CustomerHubTicketCreatedEvent) => events.value.push(`ticket ${e.ticket.id}`),
      onMessage: (e: CustomerHubMessageEvent) => events.value.push(`message: ${e.message.body}`),
    };
  },
  template: `
    <main>
      <h1>Store</h1>
      <customer-hub-chat :host="host" :shop="shop" :identity="identity" theme="light"
        @customer-hub-open="events.push('open')"
        @customer-hub-ticket-created="onTicket"
        @customer-hub-message="onMessage"></customer-hub-chat>
      <ol aria-label="Chat events"><li v-for="(line, i) in events" :key="i">{{ line }}</li></ol>
    </main>`,
});
// Vue must leave the tag to the browser's custom element registry.
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('customer-hub-');
app.mount('#app');
