// Message text's links (src/chat/text.ts), for the widget and the inbox alike: e-mail
// addresses and http(s) URLs become links, and a long message without any is read in one
// pass. A review found the address pattern retried from every character of a run without
// an "@": forty 4,000-character messages froze the agent's inbox for seconds (R7, R17).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { execFileSync } from 'node:child_process';
import type { TemplateResult } from 'lit';
import { richText } from '../../src/chat/text.js';

/** Each part as the shopper or agent reads it: text, or [href, link text]. */
const parts = (body: string) => richText(body).map((p) => (typeof p === 'string' ? p : (p as TemplateResult).values.slice(0, 2)));

describe('message text links', () => {
  it('links addresses where they start, and keeps one inside a URL part of it', () => {
    assert.deepEqual(parts('write to help@shop.example, or a.b+c@x.co.uk; see https://x.example/a@b.c ok'), [
      'write to ',
      ['mailto:help@shop.example', 'help@shop.example'],
      ', or ',
      ['mailto:a.b+c@x.co.uk', 'a.b+c@x.co.uk'],
      '; see ',
      ['https://x.example/a@b.c', 'https://x.example/a@b.c'],
      ' ok',
    ]);
  });

  // On the old pattern this run takes about 16 s of CPU (quadratic); read in one pass it
  // takes about a millisecond. It runs in a child process so that a regression fails here
  // rather than blocking the suite: the 10 s bound is a hang guard, four orders of magnitude away.
  it('reads a 100,000-character run without an "@" as plain text, in one pass', () => {
    const script = `import { richText } from ${JSON.stringify(new URL('../../src/chat/text.ts', import.meta.url).href)};
      const body = 'a'.repeat(100_000);
      const out = richText(body);
      process.stdout.write(String(out.length === 1 && out[0] === body));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 10_000, encoding: 'utf8' });
    assert.equal(out, 'true');
  });
});
