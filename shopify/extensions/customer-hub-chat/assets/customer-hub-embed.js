// The app embed's settings on <customer-hub-chat> (accent, offset above a sticky cart bar),
// and, with the launcher hidden, the store's own links and buttons that open the chat:
// <a href="#customer-hub-chat"> or any element with data-customer-hub-open.
(function () {
  var chat = document.querySelector('customer-hub-chat[data-launcher]');
  if (!chat) return;
  var accent = chat.getAttribute('data-accent');
  var offset = Number(chat.getAttribute('data-offset-bottom'));
  if (accent) chat.style.setProperty('--customer-hub-accent', accent);
  if (offset >= 0) chat.style.setProperty('--customer-hub-offset-bottom', offset + 'px');
  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target.closest('a[href$="#customer-hub-chat"], [data-customer-hub-open]') : null;
    if (!target || typeof chat.show !== 'function') return;
    event.preventDefault();
    chat.show();
  });
})();
