// The element's declared properties (the attributes and properties of README "Element")
// exist on its class as soon as the class is imported, as they did with Lit's
// decorators, even when another copy of the widget defined the tag first: React's
// wrapper (@lit/react) sets a prop as a property only when `name in prototype`, else as
// an attribute (a `client` object would become the text "[object Object]").
import { expect } from '@open-wc/testing';

const PROPERTIES = ['host', 'shop', 'sessionUrl', 'identity', 'mode', 'launcher', 'open', 'theme', 'loginUrl', 'storage', 'transport', 'client'];

describe('<customer-hub-chat> declared properties', () => {
  it('are on the class when another copy of the widget defined the tag first', async () => {
    class OtherCopy extends HTMLElement {}
    customElements.define('customer-hub-chat', OtherCopy);
    const { CustomerHubChat } = await import('../../src/define.js');
    expect(customElements.get('customer-hub-chat')).to.equal(OtherCopy);
    for (const name of PROPERTIES) expect(name in CustomerHubChat.prototype, name).to.equal(true);
  });
});
