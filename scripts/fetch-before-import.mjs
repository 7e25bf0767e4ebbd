// A rollup plugin for the script-tag builds: each lazy chunk is fetched before it is imported.
// Most browsers keep a module whose fetch failed as failed for the page's life (the HTML
// module map, until whatwg/html#10327; Chromium 150 does): one dropped request on the first
// hover would leave the chat unable to load until a reload, "Try again" or not. A failed
// `fetch` leaves the module map untouched, so the next click fetches again; the import then
// takes the chunk from the HTTP cache (the chunks are hashed and immutable, scripts/site.mjs).
// The fetch needs the chunks' origin in a store's `connect-src`, which names the chat server
// (where the chunks are) anyway (README). The loader is the entry's; the lazy chunks that
// import others take it from there (every chunk loads after the entry, which imports it).
import { dirname, relative } from 'node:path';
import MagicString from 'magic-string';

const LOADER = '__chcLoadChunk';
/** The entry's export of the loader: one that rollup's short export names cannot take. */
const EXPORTED = '$load';

export const fetchBeforeImport = {
  name: 'fetch-before-import',
  renderDynamicImport: ({ targetChunk }) => (targetChunk ? { left: `${LOADER}(`, right: ',import.meta.url)' } : null),
  renderChunk(code, chunk, _options, { chunks }) {
    const entry = Object.values(chunks).find((c) => c.isEntry);
    const uses = code.includes(`${LOADER}(`);
    if (!entry || (!uses && chunk !== entry)) return null;
    // `$` is a word character to JavaScript, not to `\b`: the names are looked for whole.
    if (new RegExp(`(?<![\\w$])(${LOADER}|\\${EXPORTED})(?![\\w$])`).test(code.replaceAll(`${LOADER}(`, ''))) throw new Error(`fetch-before-import: ${LOADER} or ${EXPORTED} is taken`);
    const out = new MagicString(code);
    if (chunk.isEntry) {
      // Imports are hoisted: the loader may come before them.
      out.prepend(`const ${LOADER}=(u,b)=>fetch(u=new URL(u,b)).then(()=>import(u));`).append(`export{${LOADER} as ${EXPORTED}};`);
    } else {
      let from = relative(dirname(chunk.fileName), entry.fileName);
      if (!from.startsWith('.')) from = `./${from}`;
      // Into the chunk's import of the entry where it has one.
      const existing = new RegExp(`import\\s*\\{(?=[^}]*\\}\\s*from\\s*(["'])${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1)`).exec(code);
      if (existing) out.appendLeft(existing.index + existing[0].length, `${EXPORTED} as ${LOADER},`);
      else out.prepend(`import{${EXPORTED} as ${LOADER}}from${JSON.stringify(from)};`);
    }
    return { code: out.toString(), map: out.generateMap({ hires: true }) };
  },
};
