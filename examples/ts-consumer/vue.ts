// Vue: `customer-hub-chat/vue` puts both elements in GlobalComponents (what Volar and
// vue-tsc check templates against), with no declaration written here.
import type { GlobalComponents } from 'vue';
import 'customer-hub-chat/vue';

type ChatProps = InstanceType<GlobalComponents['customer-hub-chat']>['$props'];

export const good: ChatProps = { mode: 'inline', theme: 'dark', shop: 'demo.myshopify.com' };
// @ts-expect-error: not a mode
export const bad: ChatProps = { mode: 'sideways' };
export const inbox: InstanceType<GlobalComponents['customer-hub-inbox']>['$props'] = { shop: 'demo.myshopify.com', lang: 'fr' };
