// A rollup plugin for the shopper's script-tag build: lit-html without what only other Lit
// packages use, none of which the widget bundles (issue 19, its bytes). Dropped: the two
// page-wide registrations, `litHtmlPolyfillSupport` (the ShadyDOM polyfills of browsers
// without shadow DOM, which the widget's ES2022 code does not run on anyway) and the version
// pushed onto `globalThis.litHtmlVersions` (read by Lit's dev mode only, to warn of two
// copies); the parts' members for directives and LitElement (`startNode`, `endNode`,
// `tagName`, `setConnected`): the widget has no directive and no LitElement (`src/cdn/lit-parts.ts`);
// and the branch for compiled templates (Lit's template compiler and SSR make them; the
// widget's are all `html` tagged).
// It renders the same. The build fails if lit-html stops matching, so an upgrade is looked at.
const DROPS = [
  // Between two statements: a `;` keeps them apart.
  [/,([\w$]+)=([\w$]+)\.litHtmlPolyfillSupport;\1\?\.\([\w$]+,[\w$]+\),\(\2\.litHtmlVersions\?\?=\[\]\)\.push\("[\d.]+"\);/, ';'],
  [/get startNode\(\)\{return this\._\$AA\}get endNode\(\)\{return this\._\$AB\}/, ''],
  [/setConnected\(t\)\{void 0===this\._\$AM&&\(this\._\$Cv=t,this\._\$AP\?\.\(t\)\)\}/, ''],
  [/get tagName\(\)\{return this\.element\.tagName\}/, ''],
  [/"number"==typeof s\?this\._\$AC\(t\):\(void 0===s\.el&&\(s\.el=[\w$]+\.createElement\([\w$]+\(s\.h,s\.h\[0\]\),this\.options\)\),s\)/, 'this._$AC(t)'],
];

export const litQuiet = {
  name: 'lit-quiet',
  transform(code, id) {
    if (!/\/node_modules\/lit-html\/lit-html\.js$/.test(id)) return null;
    for (const [drop, by] of DROPS) {
      if (!drop.test(code)) throw new Error(`lit-quiet: lit-html no longer has ${drop} (scripts/lit-quiet.mjs)`);
      code = code.replace(drop, () => by);
    }
    return { code, map: null };
  },
};
