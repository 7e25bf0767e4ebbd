// The README's size figures are the bench's (issue 15 "Packaging": one source): each is
// what bench/suites/sizes.ts reports for the build in dist/cdn/, with the bench's own
// measure (scripts/sizes.mjs) and format (`kb`). A change of size fails here until the
// README says the new figure.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { kb } from '../../bench/report.js';
import { cdnSizes } from '../../scripts/sizes.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const README = readFileSync(`${ROOT}README.md`, 'utf8');

describe('README size figures', () => {
  it('match the bench\u2019s measure of the current build, in the table and in the prose', () => {
    assert.ok(existsSync(`${ROOT}dist/cdn/customer-hub-chat.js`), 'run npm run build first');
    const cdn = cdnSizes(`${ROOT}dist/cdn`);
    const chat = cdn['customer-hub-chat.js']!;
    const inbox = cdn['customer-hub-inbox.js']!;
    const initial = kb(chat.initial.brotli);
    const whole = kb(chat.whole.brotli);
    const expected: Array<[string, RegExp, string]> = [
      ['table, first load', /^\| script-tag build, first load \(brotli\) \| \*\*([\d.]+ KB)\*\*/m, initial],
      ['table, whole widget', /^\| whole shopper widget, English \(brotli\) \| \*\*([\d.]+ KB)\*\*/m, whole],
      ['table, whole widget to 10 bytes', /^\| whole shopper widget, English \(brotli\) \| \*\*[\d.]+ KB\*\* \(([\d.]+)\)/m, (chat.whole.brotli / 1000).toFixed(2)],
      ['table, inbox', /^\| team inbox, its own script \(brotli\) \| ([\d.]+ KB)/m, kb(inbox.initial.brotli)],
      ['prose, launcher', /the launcher first \(([\d.]+ KB)\s+brotli\)/, initial],
      ['prose, in all', /\(([\d.]+ KB) in all\)/, whole],
    ];
    for (const [where, pattern, figure] of expected) {
      const found = pattern.exec(README)?.[1];
      assert.ok(found, `README has its ${where} figure`);
      assert.equal(found, figure, `README ${where}: ${found}, the bench measures ${figure}`);
    }
  });
});
