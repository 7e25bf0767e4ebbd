// The app embed's settings on <customer-hub-chat> (accent, offset above a sticky cart bar,
// position and launcher through its parts), the widget's loading, and, with the launcher
// hidden, the store's own links and buttons that open the chat: <a href="#customer-hub-chat">
// or any element with data-customer-hub-open. The styles are adopted from here, not a
// stylesheet asset: no render-blocking request for a widget that is not there before this runs.
(function () {
  var chat = document.querySelector('customer-hub-chat[data-launcher]');
  if (!chat) return;
  var accent = chat.getAttribute('data-accent');
  var offset = Number(chat.getAttribute('data-offset-bottom'));
  if (accent) chat.style.setProperty('--customer-hub-accent', accent);
  if (offset >= 0) chat.style.setProperty('--customer-hub-offset-bottom', offset + 'px');
  var left = 'inset-inline-end:auto;inset-inline-start:var(--customer-hub-offset-side,20px)';
  var css =
    "customer-hub-chat[data-position='left']::part(launcher){" + left + '}' +
    // Below 481px the panel fills the screen wherever the launcher is.
    "@media (min-width:481px){customer-hub-chat[data-position='left']::part(panel){" + left + '}}' +
    "customer-hub-chat[data-launcher='hidden']::part(launcher){display:none}";
  try {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = document.adoptedStyleSheets.concat(sheet);
  } catch (e) {
    var style = document.createElement('style');
    style.textContent = css;
    document.head.appendChild(style);
  }
  // The widget loads once the page has loaded and the browser is idle: the store's own
  // content comes first. A click on an opening link before that loads it at once.
  var loaded = false;
  function load() {
    if (loaded) return;
    loaded = true;
    var script = document.createElement('script');
    script.type = 'module';
    script.src = chat.getAttribute('data-script');
    document.head.appendChild(script);
  }
  function idle() {
    if (window.requestIdleCallback) requestIdleCallback(load, { timeout: 3000 });
    else setTimeout(load, 200);
  }
  if (document.readyState === 'complete') idle();
  else addEventListener('load', idle);
  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target.closest('a[href$="#customer-hub-chat"], [data-customer-hub-open]') : null;
    if (!target) return;
    event.preventDefault();
    load();
    customElements.whenDefined('customer-hub-chat').then(function () {
      chat.show();
    });
  });
})();
