// The inbox demo page: ?lang=fr picks French; the agent key for `npm start` is dev-agent-key.
const params = new URLSearchParams(location.search);
const inbox = document.querySelector('customer-hub-inbox');
if (params.get('lang')) inbox.setAttribute('lang', params.get('lang'));
