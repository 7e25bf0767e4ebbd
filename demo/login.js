// The demo's stand-in for a store's login page (the widget's `login-url`): it marks the
// visitor logged in (demo.js then signs Ada's identity) and goes back to `return_url`,
// a path on this site only, never another origin.
const back = new URLSearchParams(location.search).get('return_url') ?? '';
const target = back.startsWith('/') && !back.startsWith('//') ? back : './';
document.getElementById('log-in').addEventListener('click', () => {
  localStorage.setItem('demo-logged-in', '1');
  location.assign(target);
});
