// A rollup plugin for the shopper's script-tag build: shortens the names of TypeScript
// `private` members (`#private` ones the minifier shortens already). TypeScript keeps them
// inside their class, so a new spelling changes nothing outside it; a name is kept as it
// is wherever else it could be read: any non-private member or property of our sources, a
// word of any string or template (Lit's `changed.has('x')`, attribute names), a word of the
// libraries bundled (Lit, nanostores) or of TypeScript's DOM and ES declarations. Every
// chunk gets the same short names, chosen among words that occur in no module.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { transform } from 'esbuild';
import ts from 'typescript';

const WORD = /[A-Za-z_$][\w$]*/g;
const words = (text, into) => {
  for (const [w] of text.matchAll(WORD)) into.add(w);
};

/** Every word of TypeScript's own DOM and ES declarations: names the platform may read. */
function platformWords(into) {
  const lib = dirname(createRequire(import.meta.url).resolve('typescript'));
  for (const f of readdirSync(lib)) if (/^lib\..*\.d\.ts$/.test(f)) words(readFileSync(join(lib, f), 'utf8'), into);
}

const isPrivate = (node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);
/**
 * A class or interface tagged `@internal` (the client's own parts, never reachable by an
 * integrator): its members count as private here, though other classes of ours call them.
 */
const isInternal = (node) => (ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) && ts.getJSDocTags(node).some((t) => t.tagName.text === 'internal');
const nameOf = (node) => (node && (ts.isIdentifier(node) || ts.isStringLiteral(node)) ? node.text : null);

/** Sorts one TypeScript module's names into `privates` and `kept`. */
function collect(code, id, privates, internals, kept) {
  const visit = (node) => {
    const member = ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node);
    const signature = ts.isPropertySignature(node) || ts.isMethodSignature(node);
    if ((member || signature) && isInternal(node.parent)) {
      const name = nameOf(node.name);
      if (name) internals.add(name);
    } else if (member || ts.isParameter(node)) {
      const name = nameOf(node.name);
      if (name && isPrivate(node)) privates.add(name);
      else if (name && member) kept.add(name);
    } else if (signature || ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isEnumMember(node)) {
      const name = nameOf(node.name);
      if (name) kept.add(name);
    } else if (ts.isBindingElement(node)) {
      const name = nameOf(node.propertyName ?? node.name);
      if (name) kept.add(name);
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      words(node.text, kept);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
}

function* shortNames() {
  const first = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$';
  const next = `${first}0123456789`;
  for (const a of first) yield a;
  for (const a of first) for (const b of next) yield a + b;
  for (const a of first) for (const b of next) for (const c of next) yield a + b + c;
}

export function manglePrivateNames() {
  const privates = new Set();
  const internals = new Set();
  const kept = new Set();
  const litPrivates = new Set();
  let cache = null;
  let pattern = null;
  return {
    name: 'mangle-private-names',
    buildStart() {
      privates.clear();
      internals.clear();
      kept.clear();
      litPrivates.clear();
      cache = pattern = null;
      platformWords(kept);
    },
    // Placed before esbuild: it reads the TypeScript as written.
    transform(code, id) {
      if (/\.ts$/.test(id) && !id.includes('/node_modules/')) collect(code, id, privates, internals, kept);
      else words(code, kept);
      // lit-html's own internal members (`_$AH`, `_$Cv`: two letters, Lit's spelling of what
      // lit-element and the directives share with it). The shopper's build bundles lit-html
      // alone, in one chunk, no directive and no LitElement, so nothing else reads them; the
      // cross-copy names (`_$litType$`, `_$litPart$`) are longer and stay.
      if (/\/node_modules\/lit-html\//.test(id)) for (const [w] of code.matchAll(/\b_\$[A-Z][A-Za-z]\b/g)) litPrivates.add(w);
      return null;
    },
    async renderChunk(code) {
      if (!cache) {
        const taken = new Set(kept);
        const uses = new Map();
        for (const id of this.getModuleIds()) {
          for (const [w] of (this.getModuleInfo(id)?.code ?? '').matchAll(WORD)) {
            taken.add(w);
            uses.set(w, (uses.get(w) ?? 0) + 1);
          }
        }
        // The most used get the shortest names.
        const byUse = (a, b) => uses.get(b) - uses.get(a) || (a < b ? -1 : 1);
        // The internal classes' names after the private ones: the launcher's chunk (privates
        // only) keeps the short names it had, and its bytes.
        const names = [...privates].filter((n) => !kept.has(n)).sort(byUse);
        names.push(...[...internals].filter((n) => !kept.has(n) && !privates.has(n)).sort(byUse));
        names.push(...[...litPrivates].filter((n) => !privates.has(n) && !internals.has(n)).sort(byUse));
        const short = shortNames();
        cache = {};
        for (const name of names) {
          let s;
          do s = short.next().value;
          while (taken.has(s));
          cache[name] = s;
        }
        pattern = names.length ? new RegExp(`^(?:${names.map((n) => n.replace(/\$/g, '\\$')).join('|')})$`) : null;
      }
      if (!pattern) return null;
      const out = await transform(code, { loader: 'js', format: 'esm', target: 'es2022', sourcemap: true, mangleProps: pattern, mangleCache: { ...cache }, mangleQuoted: false });
      return { code: out.code, map: out.map };
    },
  };
}
