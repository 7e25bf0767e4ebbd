// Module hooks for test/unit/schema-lean.test.ts: a module imported with `?lean`, and all it
// imports from src/protocol, get `schema-lean.ts` for `schema.ts`, as the widget's build does
// (rollup.config.mjs `leanSchema`), beside the ordinary instances the other imports get.
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  const parent = context.parentURL ?? '';
  const lean = parent.includes('?lean') || specifier.endsWith('?lean');
  if (!lean || !r.url.includes('/src/protocol/')) return r;
  const url = r.url.split('?')[0];
  const swapped = url.endsWith('/src/protocol/schema.ts') && !parent.includes('/schema-lean.ts') ? url.replace(/schema\.ts$/, 'schema-lean.ts') : url;
  return { ...r, url: `${swapped}?lean` };
}
