// What every demo page shares, written once: the head (charset and viewport before the
// page's own CSP; title, icon and stylesheet after it) and the store's header links. A
// page in demo/ names them with markers that `scripts/site.mjs` expands into dist/site/;
// what differs (the CSP, the scripts, the body) stays in the page.

const meta = `<meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />`;

const head = (title) => `<title>${title}</title>
  <link rel="icon" href="./favicon.svg" type="image/svg+xml" />
  <link rel="stylesheet" href="./demo.css" />`;

const nav = `<a class="logo" href="./">Demo Store</a>
    <nav><a href="./">Shop</a><a href="./launcher.html">Launcher page</a><a href="./inbox.html">Team inbox</a></nav>`;

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A demo page with its markers expanded: `<!-- demo:meta -->`, `<!-- demo:head TITLE -->` and `<!-- demo:nav -->`. */
export function expandDemoPage(html) {
  const out = html
    .replace(/<!-- demo:meta -->/g, meta)
    .replace(/<!-- demo:head (.+?) -->/g, (_, title) => head(escape(title.trim())))
    .replace(/<!-- demo:nav -->/g, nav);
  const left = out.match(/<!-- demo:[^>]*-->/);
  if (left) throw new Error(`unknown demo page marker: ${left[0]}`);
  return out;
}
