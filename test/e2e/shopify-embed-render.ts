/**
 * The Shopify app's embed block (shopify/extensions/customer-hub-chat) rendered as Shopify
 * renders it: liquidjs with the store's `shop`, `request` and the theme editor's
 * `block.settings` (the schema's defaults for what is not set), the `{% schema %}` taken out
 * and its `javascript` (and `stylesheet`, if any) assets put in, as Shopify does for an app embed.
 * Used by test/e2e/shopify-embed.test.ts and bench/suites/lighthouse.ts.
 */
import { readFileSync } from 'node:fs';
import { Liquid } from 'liquidjs';

export const EXTENSION = new URL('../../shopify/extensions/customer-hub-chat/', import.meta.url);
const BLOCK = readFileSync(new URL('blocks/chat-embed.liquid', EXTENSION), 'utf8');
const SCHEMA_TAG = /{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/;

export interface EmbedSchema {
  target: string;
  javascript: string;
  stylesheet?: string;
  settings: Array<{ id: string; default?: unknown }>;
}

export const embedSchema = JSON.parse(SCHEMA_TAG.exec(BLOCK)![1]!) as EmbedSchema;

/** The extension's asset `name` (its `javascript` or `stylesheet`), or null for any other name. */
export function embedAsset(name: string): Buffer | null {
  return [embedSchema.javascript, embedSchema.stylesheet].includes(name) && !name.includes('/') ? readFileSync(new URL(`assets/${name}`, EXTENSION)) : null;
}

/** The block's markup, its assets linked under `assetBase` (Shopify's CDN in production). */
export async function renderEmbed(opts: { shop: string; locale: string; settings: Record<string, unknown>; assetBase: string }): Promise<string> {
  const defaults = Object.fromEntries(embedSchema.settings.map((s) => [s.id, s.default]));
  const html = await new Liquid().parseAndRender(BLOCK.replace(SCHEMA_TAG, ''), {
    shop: { permanent_domain: opts.shop },
    request: { locale: { iso_code: opts.locale } },
    block: { settings: { ...defaults, ...opts.settings } },
  });
  const stylesheet = embedSchema.stylesheet ? `\n<link rel="stylesheet" href="${opts.assetBase}${embedSchema.stylesheet}">` : '';
  return `${html}${stylesheet}\n<script src="${opts.assetBase}${embedSchema.javascript}" defer></script>`;
}
