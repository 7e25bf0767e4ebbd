// The demo pages as `npm start` serves them (scripts/site.mjs over demo/, DESIGN §9):
// each page's shared head and header are expanded from scripts/demo-pages.mjs, complete
// and in the order a browser needs (charset first, the page's CSP before any script).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
// @ts-expect-error: a plain ES module of the build scripts, without types
import { expandDemoPage } from '../../scripts/demo-pages.mjs';

const DEMO = new URL('../../demo/', import.meta.url).pathname;
const pages = readdirSync(DEMO).filter((f) => f.endsWith('.html'));
const expand = expandDemoPage as (html: string) => string;

describe('demo pages', () => {
  it('the storefront, launcher, inbox, login and static mock pages are there', () => {
    for (const page of ['index.html', 'launcher.html', 'inbox.html', 'login.html', 'mock.html']) assert.ok(pages.includes(page), page);
  });

  for (const page of pages) {
    it(`${page}: a complete head, charset first, the CSP before every script, no marker left`, () => {
      const html = expand(readFileSync(join(DEMO, page), 'utf8'));
      const head = html.slice(html.indexOf('<head>') + 6, html.indexOf('</head>')).trim();
      assert.match(head, /^<meta charset="utf-8" \/>/);
      assert.match(head, /<meta name="viewport" content="width=device-width, initial-scale=1" \/>/);
      assert.match(head, /<title>[^<]+<\/title>/);
      assert.match(head, /<link rel="stylesheet" href="\.\/demo\.css" \/>/);
      const csp = head.indexOf('Content-Security-Policy');
      if (csp >= 0) assert.ok(csp < head.indexOf('<script'), 'the CSP comes before the scripts');
      assert.doesNotMatch(html, /<!-- demo:/);
      if (html.includes('class="theme-header"')) assert.match(html, /<a class="logo" href="\.\/">Demo Store<\/a>/);
    });
  }

  it('a page title is text, and an unknown marker is refused rather than served', () => {
    assert.match(expand('<!-- demo:head A <b> & B -->'), /<title>A &lt;b&gt; &amp; B<\/title>/);
    assert.throws(() => expand('<!-- demo:footer -->'), /unknown demo page marker/);
  });
});
