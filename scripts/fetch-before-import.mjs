// A rollup plugin for the script-tag builds: each lazy chunk is fetched before it is imported.
// Most browsers keep a module whose fetch failed as failed for the page's life (the HTML
// module map, until whatwg/html#10327; Chromium 150 does): one dropped request on the first
// hover would leave the chat unable to load until a reload, "Try again" or not. A failed
// `fetch` leaves the module map untouched, so the next click fetches again; the import then
// takes the chunk from the HTTP cache (the chunks are hashed and immutable, scripts/site.mjs).
// The fetch needs the chunks' origin in a store's `connect-src`, which names the chat server
// (where the chunks are) anyway (README). One loader per chunk that imports another.
import MagicString from 'magic-string';

const LOADER = '__chcLoadChunk';

export const fetchBeforeImport = {
  name: 'fetch-before-import',
  renderDynamicImport: ({ targetChunk }) => (targetChunk ? { left: `${LOADER}(`, right: ')' } : null),
  renderChunk(code) {
    if (!code.includes(`${LOADER}(`)) return null;
    if (new RegExp(`\\b${LOADER}\\s*=`).test(code)) throw new Error(`fetch-before-import: ${LOADER} is taken`);
    // Imports are hoisted: the loader may come before them.
    const out = new MagicString(code).prepend(`const ${LOADER}=(u)=>fetch(new URL(u,import.meta.url)).then(()=>import(u));`);
    return { code: out.toString(), map: out.generateMap({ hires: true }) };
  },
};
