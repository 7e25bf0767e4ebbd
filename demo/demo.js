// The demo storefront's own script. It stands in for the merchant's backend: it signs
// the identity JWT of a headless storefront with the dev shop's identity secret.
// A real store signs on its server and never ships the secret to the browser.
const SHOP = 'demo.myshopify.com';
const DEV_IDENTITY_SECRET = 'dev-identity-secret';
const params = new URLSearchParams(location.search);
const loggedIn = localStorage.getItem('demo-logged-in') !== '0';
// ?customer=… and ?lang=… let tests and reviewers pick who and which language.
const customerId = params.get('customer') || 'demo-ada';

const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const text = (s) => new TextEncoder().encode(s);

async function devIdentity() {
  const header = b64url(text(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));
  const payload = b64url(text(JSON.stringify({ sub: customerId, name: 'Ada Lovelace', email: 'ada@example.com', exp: Math.floor(Date.now() / 1000) + 3600 })));
  const key = await crypto.subtle.importKey('raw', text(DEV_IDENTITY_SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sig = await crypto.subtle.sign('HMAC', key, text(`${header}.${payload}`));
  return `${header}.${payload}.${b64url(sig)}`;
}

async function mount(slot, mode) {
  const chat = document.createElement('customer-hub-chat');
  chat.setAttribute('shop', SHOP);
  chat.setAttribute('mode', mode);
  // The demo's stand-in login page (a store's own is /account/login, the default).
  chat.setAttribute('login-url', new URL('./login.html', location.href).href);
  if (params.get('lang')) chat.setAttribute('lang', params.get('lang'));
  if (loggedIn) chat.setAttribute('identity', await devIdentity());
  slot.append(chat);
  chat.addEventListener('customer-hub-unread-change', (e) => {
    document.title = e.unread ? `(${e.unread}) Demo Store` : 'Demo Store';
  });
  return chat;
}

const box = document.getElementById('logged-in');
box.checked = loggedIn;
box.addEventListener('change', () => {
  localStorage.setItem('demo-logged-in', box.checked ? '1' : '0');
  location.reload();
});

const hub = document.getElementById('hub');
if (hub) {
  const openButton = document.getElementById('open-hub');
  const setOpen = (open) => {
    hub.hidden = !open;
    openButton.setAttribute('aria-expanded', String(open));
  };
  openButton.addEventListener('click', () => setOpen(hub.hidden));
  document.getElementById('close-hub').addEventListener('click', () => setOpen(false));
  for (const tab of hub.querySelectorAll('[role=tab]')) {
    tab.addEventListener('click', () => {
      for (const other of hub.querySelectorAll('[role=tab]')) {
        other.setAttribute('aria-selected', String(other === tab));
        document.getElementById(other.getAttribute('aria-controls')).hidden = other !== tab;
      }
    });
  }
  if (params.has('hub')) setOpen(true);
  // R2: where the shop lets only logged-in customers chat, the drawer drops its Chat tab
  // for anonymous visitors, live when the merchant changes the setting.
  mount(document.getElementById('pane-chat'), 'inline').then((chat) =>
    chat.addEventListener('customer-hub-availability-change', (e) => {
      const chatTab = document.getElementById('tab-chat');
      chatTab.hidden = !e.available;
      if (!e.available && chatTab.getAttribute('aria-selected') === 'true') document.getElementById('tab-orders').click();
    }),
  );
}
const slot = document.getElementById('launcher-slot');
if (slot) mount(slot, 'launcher');
