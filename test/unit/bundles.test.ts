// The script-tag builds (DESIGN §2): the shopper's widget never loads inbox code, and
// the inbox's chunks are its own. Reads `dist/cdn/` as `npm test` built it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cdnSizes } from '../../scripts/sizes.mjs';

const CDN = new URL('../../dist/cdn/', import.meta.url).pathname;

describe('script-tag builds', () => {
  it('are built (npm run build)', () => {
    assert.ok(existsSync(join(CDN, 'customer-hub-chat.js')) && existsSync(join(CDN, 'customer-hub-inbox.js')), 'run npm run build first');
  });

  it('the shopper\u2019s widget, with every chunk it can load, holds nothing of the inbox', () => {
    const { chunks } = cdnSizes(CDN)['customer-hub-chat.js'];
    const files = ['customer-hub-chat.js', ...chunks.map((c: string) => `chunks/${c}`)];
    assert.ok(files.length >= 2, 'the panel chunk is found');
    for (const file of files) {
      const text = readFileSync(join(CDN, file), 'utf8');
      for (const marker of ['customer-hub-inbox', 'agents/session', 'Agent key']) assert.ok(!text.includes(marker), `${file} contains ${marker}`);
    }
  });

  it('the shopper\u2019s widget carries no schema of a frame only agents get (README "The shopper\u2019s frame decoder")', () => {
    const { chunks } = cdnSizes(CDN)['customer-hub-chat.js'];
    const text = ['customer-hub-chat.js', ...chunks.map((c: string) => `chunks/${c}`)].map((f) => readFileSync(join(CDN, f), 'utf8')).join('\n');
    // Fields of the `events`, `notes` and `presence` frames and of the feed's `inbox` frame, nowhere else on the wire.
    for (const field of ['afterSeq', 'handed_off', 'unreadTotal', 'nextCursor']) assert.ok(!text.includes(field), `the widget decodes ${field}`);
    const inbox = readFileSync(join(CDN, 'customer-hub-inbox.js'), 'utf8');
    for (const field of ['afterSeq', 'handed_off', 'unreadTotal', 'nextCursor']) assert.ok(inbox.includes(field), `the inbox decodes ${field}`);
  });

  it('the shopper\u2019s widget checks with the lean schema toolkit, and the inbox with the full one (README "The client\u2019s bytes: internal names and the lean schema")', () => {
    const { chunks } = cdnSizes(CDN)['customer-hub-chat.js'];
    const text = ['customer-hub-chat.js', ...chunks.map((c: string) => `chunks/${c}`)].map((f) => readFileSync(join(CDN, f), 'utf8')).join('\n');
    const inbox = readFileSync(join(CDN, 'customer-hub-inbox.js'), 'utf8');
    for (const words of ['expected a string', 'expected an integer', 'unknown type']) {
      assert.ok(!text.includes(words), `the widget says "${words}"`);
      assert.ok(inbox.includes(words), `the inbox does not say "${words}"`);
    }
  });

  it('the shopper\u2019s widget shortens the member names of the client\u2019s internal classes, never a public one\u2019s (README "The client\u2019s bytes: internal names and the lean schema")', () => {
    const { chunks } = cdnSizes(CDN)['customer-hub-chat.js'];
    const text = ['customer-hub-chat.js', ...chunks.map((c: string) => `chunks/${c}`)].map((f) => readFileSync(join(CDN, f), 'utf8')).join('\n');
    // TicketThread's, SendQueue's, Outbox's, SeqWindow's and CustomerStorage's own (`@internal`).
    for (const name of ['takeUpOutbox', 'clearAckTimer', 'ackTimedOut', 'resendAll', 'reloadOn', 'contiguous', 'keyOf']) assert.ok(!text.includes(name), `the widget spells out ${name}`);
    // ChatClient's and the transport's, which integrators call.
    for (const name of ['startNewChat', 'markRead', 'setDraft', 'loadOlder', 'getActiveChat', 'emailTranscript', 'watchConfig']) assert.ok(text.includes(name), `the widget renamed ${name}`);
  });

  it('the first load carries the closed launcher only: its open face, badge and controllers come with the frame (issue 19 item 1)', () => {
    const { chunks } = cdnSizes(CDN)['customer-hub-chat.js'];
    const first = readFileSync(join(CDN, 'customer-hub-chat.js'), 'utf8');
    const frameFile = chunks.find((c: string) => c.startsWith('panel-frame-'));
    assert.ok(frameFile, 'the frame chunk is found');
    const frame = readFileSync(join(CDN, `chunks/${frameFile}`), 'utf8');
    // The Close icon's path, the open and unread names, the badge's styles, the controllers' hooks and the element's methods that take them.
    for (const marker of ['M18.3 5.7', 'Close chat', 'unread message', '.badge{', 'hostUpdated', 'addController', 'removeController']) {
      assert.ok(!first.includes(marker), `the first load carries ${marker}`);
      assert.ok(frame.includes(marker), `the frame carries ${marker}`);
    }
    assert.ok(first.includes('Open chat'), 'the closed launcher is named in the first load');
  });

  it('the launcher grows on hover, and takes its font, once the frame is in: the first load has the closed launcher\u2019s CSS alone (README "The launcher\u2019s CSS on a first load")', () => {
    const { chunks } = cdnSizes(CDN)['customer-hub-chat.js'];
    const first = readFileSync(join(CDN, 'customer-hub-chat.js'), 'utf8');
    const frame = readFileSync(join(CDN, `chunks/${chunks.find((c: string) => c.startsWith('panel-frame-'))}`), 'utf8');
    for (const marker of ['.launcher:hover{', 'transition:transform', 'line-height:1.45', 'font-size:15px']) {
      assert.ok(!first.includes(marker), `the first load carries ${marker}`);
      assert.ok(frame.includes(marker), `the frame carries ${marker}`);
    }
    assert.ok(first.includes('.launcher{'), 'the closed launcher is styled by the first load');
    assert.ok(first.includes(':focus-visible{'), 'a launcher focused before the frame is in shows its focus ring');
  });

  it('the panel\u2019s styles come with the frame, not with the chat it loads right after (README "The panel\u2019s bytes with the images")', () => {
    const { chunks } = cdnSizes(CDN)['customer-hub-chat.js'];
    const read = (prefix: string) => readFileSync(join(CDN, `chunks/${chunks.find((c: string) => c.startsWith(prefix))}`), 'utf8');
    const frame = read('panel-frame-');
    const chat = read('panel-host-');
    // The thread's, the composer's, the images' and the reply preview's rules.
    for (const marker of ['.bubble{', '.composer{', '.pending{', '.preview{']) {
      assert.ok(frame.includes(marker), `the frame carries ${marker}`);
      assert.ok(!chat.includes(marker), `the chat carries ${marker}`);
    }
  });

  it('each of the shopper\u2019s files has its source map beside it, not named in the file (README "Source maps")', () => {
    const { chunks } = cdnSizes(CDN)['customer-hub-chat.js'];
    for (const file of ['customer-hub-chat.js', ...chunks.map((c: string) => `chunks/${c}`)]) {
      assert.ok(!readFileSync(join(CDN, file), 'utf8').includes('sourceMappingURL'), `${file} names its map: every shopper pays for the line`);
      const map = JSON.parse(readFileSync(join(CDN, `${file}.map`), 'utf8')) as { file: string; sources: string[] };
      assert.equal(map.file, file.split('/').pop());
      assert.ok(map.sources.some((s) => s.includes('src/')), `${file}.map points at the sources`);
    }
  });

  it('the inbox loads only chunks of its own', () => {
    const text = readFileSync(join(CDN, 'customer-hub-inbox.js'), 'utf8');
    const imports = [...text.matchAll(/["'`]\.\/(chunks\/[\w./-]+\.js)["'`]/g)].map((m) => m[1]!);
    assert.ok(imports.length >= 1, 'the French chunk is lazy');
    for (const path of imports) assert.match(path, /^chunks\/inbox\//);
  });
});
