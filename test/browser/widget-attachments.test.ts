// A shopper's images (issue 17 B1, R16 on the shopper's side) in real Chromium through the
// real partykit transport against the msw mock (the server's own upload code): the
// the "+" picker, paste and drop, the chip with progress and remove, the refusals in words,
// and the merchant's `chat.attachments` switch.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http } from 'msw';
import type { CustomerHubChat } from '../../src/index.js';
import { MOCK_ORIGIN, WAIT_MS, until } from './mock-server.js';
import { $, accessible, $$, button, clientOf, mount, openToComposer, sendText, settle, text, useMockShop } from './widget-harness.js';

const dev = useMockShop();


/** A real 3 × 2 PNG, as a phone's photo would be a real JPEG. */
async function png(name = 'parcel.png'): Promise<File> {
  const canvas = new OffscreenCanvas(3, 2);
  canvas.getContext('2d')!.fillRect(0, 0, 1, 1);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], name, { type: 'image/png' });
}

const files = (...list: File[]) => {
  const dt = new DataTransfer();
  for (const f of list) dt.items.add(f);
  return dt;
};

/** An inline widget with an open chat (the first message made the ticket). */
async function openChat(opts: { lang?: string } = {}): Promise<CustomerHubChat> {
  const el = await mount({ mode: 'inline', ...opts });
  if (opts.lang === 'fr') {
    await settle(el, () => !!button(el, 'Discutez avec nous'), 'the FAQ view');
    button(el, 'Discutez avec nous')!.click();
    await settle(el, () => !!$(el, 'textarea'), 'the composer');
  } else await openToComposer(el);
  sendText(el, 'Hello');
  await settle(el, () => !!$(el, '[part="end-chat-button"]') && clientOf(el).$ticket.get() !== null, 'the thread');
  return el;
}

const chips = (el: CustomerHubChat) => $$(el, '.pending li');
const uploaded = (el: CustomerHubChat) => chips(el).length > 0 && chips(el).every((c) => !c.querySelector('progress'));
/** The images of the shopper's messages in the thread, by their src. */
const sentImages = (el: CustomerHubChat) => $$(el, '.msg.shopper img').map((i) => i.getAttribute('src') ?? '');

async function stored(el: CustomerHubChat): Promise<Array<{ body: string; attachments: Array<{ url: string }> }>> {
  const list = await dev.mock.backend.ticket(clientOf(el).$ticket.get()!.id).storage.list<{ body: string; attachments: Array<{ url: string }> }>({ prefix: 'm:' });
  return [...list.values()];
}

/**
 * Holds the uploads in the mock until the returned function is called (to see chips mid-way):
 * every one, or only the next (`once`); held ones, and later ones, then go straight.
 */
function holdUploads(once = false): () => void {
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  dev.mock.use(
    http.post(`${MOCK_ORIGIN}/parties/ticket/:id/uploads`, async ({ request }) => {
      await held;
      return dev.mock.backend.fetch(request, location.origin);
    }, { once }),
  );
  return release;
}

const holdNextUpload = () => holdUploads(true);

/** Waits until the ticket's stored messages pass `check`. */
async function untilStored(el: CustomerHubChat, check: (messages: Awaited<ReturnType<typeof stored>>) => boolean, what: string): Promise<void> {
  const end = performance.now() + WAIT_MS;
  while (!check(await stored(el))) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('<customer-hub-chat> images from the shopper (issue 17 B1)', () => {
  it('the "+" (Add images) is a labelled button that opens the picker; a picked image shows as a chip, then goes with the message and shows in the thread', async () => {
    const el = await openChat();
    const clip = $<HTMLButtonElement>(el, '.composer .attach')!;
    expect(clip.getAttribute('aria-label')).to.equal('Attach an image');
    expect(clip.tabIndex).to.equal(0);
    const input = clip.nextElementSibling as HTMLInputElement;
    expect(input.type).to.equal('file');
    expect(input.accept).to.equal('image/png,image/jpeg,image/webp,image/gif');
    let opened = 0;
    input.addEventListener('click', (e) => {
      opened++;
      e.preventDefault();
    });
    clip.focus();
    clip.click();
    expect(opened).to.equal(1);

    input.files = files(await png()).files;
    input.dispatchEvent(new Event('change'));
    await settle(el, () => chips(el).length === 1, 'the chip');
    // The preview is the image as the server serves it (what the thread then shows), which a store's CSP lets in (test/e2e/shopper-images.test.ts).
    await settle(el, () => !!$(el, '.pending img'), 'the preview');
    const preview = $(el, '.pending img')!.getAttribute('src');
    expect($(el, '.pending img')!.getAttribute('alt'), 'the preview is named by its file').to.equal('parcel.png');
    await settle(el, () => uploaded(el), 'the upload');

    sendText(el, '');
    await settle(el, () => sentImages(el).length === 1, 'the image in the thread');
    expect(chips(el)).to.have.length(0);
    const messages = await stored(el);
    expect(messages.at(-1)!.attachments).to.have.length(1);
    expect(sentImages(el)[0]).to.equal(messages.at(-1)!.attachments[0]!.url);
    expect(preview, 'the chip showed the image sent').to.equal(sentImages(el)[0]);
    // The image is served by the chat server (here the mock), byte for byte an image.
    const served = await fetch(sentImages(el)[0]!);
    expect(served.headers.get('content-type')).to.equal('image/png');
  });

  it('an image pasted into the field goes with the text; a text paste stays text', async () => {
    const el = await openChat();
    const field = $<HTMLTextAreaElement>(el, 'textarea')!;
    const textPaste = new ClipboardEvent('paste', { clipboardData: new DataTransfer(), bubbles: true, cancelable: true });
    textPaste.clipboardData!.setData('text/plain', 'hi');
    field.dispatchEvent(textPaste);
    expect(textPaste.defaultPrevented).to.equal(false);
    expect(chips(el)).to.have.length(0);

    const paste = new ClipboardEvent('paste', { clipboardData: files(await png()), bubbles: true, cancelable: true });
    field.dispatchEvent(paste);
    expect(paste.defaultPrevented).to.equal(true);
    await settle(el, () => uploaded(el), 'the pasted image');
    sendText(el, 'My parcel arrived like this');
    await settle(el, () => sentImages(el).length === 1, 'the message with its image');
    const last = (await stored(el)).at(-1)!;
    expect([last.body, last.attachments.length]).to.deep.equal(['My parcel arrived like this', 1]);
  });

  it('an image dropped onto the panel is taken, and the browser never navigates to it', async () => {
    const el = await openChat();
    const thread = $(el, '[part="thread"]')!;
    const over = new DragEvent('dragover', { dataTransfer: files(await png()), bubbles: true, composed: true, cancelable: true });
    thread.dispatchEvent(over);
    expect(over.defaultPrevented, 'the drop is allowed').to.equal(true);
    const drop = new DragEvent('drop', { dataTransfer: files(await png('a.png'), await png('b.png')), bubbles: true, composed: true, cancelable: true });
    thread.dispatchEvent(drop);
    expect(drop.defaultPrevented).to.equal(true);
    await settle(el, () => chips(el).length === 2 && uploaded(el), 'both dropped images');
    sendText(el, '');
    await settle(el, () => sentImages(el).length === 2, 'both images in the thread');
  });

  it('a chip shows its progress while the image goes up; the message waits for it; remove takes it out', async () => {
    const el = await openChat();
    const release = holdNextUpload();
    $<HTMLTextAreaElement>(el, 'textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: files(await png()), bubbles: true, cancelable: true }));
    await settle(el, () => !!$(el, '.pending progress'), 'the progress');
    await accessible(el);
    expect($(el, '.pending progress')!.getAttribute('aria-label')).to.equal('Sending');
    sendText(el, 'with a photo');
    await el.updateComplete;
    expect($$(el, '.msg.shopper').length, 'held until the image is up').to.equal(1);
    // Sent while the image was on its way: it goes by itself once the image is up, with it (issue 17 B1 item 1).
    release();
    await settle(el, () => sentImages(el).length === 1, 'sent by itself, with its image');
    expect(chips(el)).to.have.length(0);
    expect((await stored(el)).at(-1)!.body).to.equal('with a photo');

    $<HTMLTextAreaElement>(el, 'textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: files(await png()), bubbles: true, cancelable: true }));
    await settle(el, () => uploaded(el), 'a second image');
    const remove = $$(el, '.pending button').find((b) => b.getAttribute('aria-label') === 'Remove image: parcel.png')!;
    remove.click();
    await settle(el, () => chips(el).length === 0, 'the chip removed');
    sendText(el, 'no photo this time');
    await settle(el, () => text(el).includes('no photo this time'), 'the text message');
    expect((await stored(el)).at(-1)!.attachments).to.have.length(0);
  });

  it('review r1 #2, #5: a message sent while its image goes up keeps the text of that moment, read-only, and goes even if the panel closed meanwhile', async () => {
    const el = await mount();
    await openToComposer(el);
    sendText(el, 'Hello');
    await settle(el, () => !!$(el, '[part="end-chat-button"]') && clientOf(el).$ticket.get() !== null, 'the thread');
    const release = holdNextUpload();
    $<HTMLTextAreaElement>(el, 'textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: files(await png()), bubbles: true, cancelable: true }));
    await settle(el, () => !!$(el, '.pending progress'), 'the progress');
    sendText(el, 'First text');
    await el.updateComplete;
    const field = $<HTMLTextAreaElement>(el, 'textarea')!;
    expect(field.readOnly, 'the waiting message cannot be edited under it').to.equal(true);
    expect(field.value).to.equal('First text');
    el.hide();
    await settle(el, () => !$(el, 'textarea'), 'the panel closed');
    release();
    await untilStored(el, (list) => list.some((m) => m.body === 'First text' && m.attachments.length === 1), 'sent with its image, the panel closed');
    el.show();
    await settle(el, () => sentImages(el).length === 1, 'the message in the thread');
    expect($<HTMLTextAreaElement>(el, 'textarea')!.value, 'the field is free again').to.equal('');
    expect($<HTMLTextAreaElement>(el, 'textarea')!.readOnly).to.equal(false);
    expect(chips(el)).to.have.length(0);
  });

  it('review r1 #3: an image refused after Enter holds its message: the reason stays on its chip, the text in the field', async () => {
    const el = await openChat();
    // The refusal is held until the message waits for its image (the field read-only): with a
    // timer instead, a busy machine could refuse the image before the test pressed Enter.
    let refuse = () => {};
    const held = new Promise<void>((r) => (refuse = r));
    dev.mock.use(http.post(`${MOCK_ORIGIN}/parties/ticket/:id/uploads`, async () => {
      await held;
      return Response.json({ error: { code: 'unsupported_type', message: 'no' } }, { status: 415 });
    }, { once: true }));
    $<HTMLTextAreaElement>(el, 'textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: files(await png('invoice.png')), bubbles: true, cancelable: true }));
    await settle(el, () => !!$(el, '.pending progress'), 'the progress');
    sendText(el, 'Here is my invoice');
    const field = $<HTMLTextAreaElement>(el, 'textarea')!;
    await settle(el, () => field.readOnly, 'the message waiting for its image');
    refuse();
    await settle(el, () => text(el).includes('Only PNG, JPEG, WebP or GIF images.'), 'the refusal on its chip');
    expect([field.value, field.readOnly]).to.deep.equal(['Here is my invoice', false]);
    expect((await stored(el)).map((m) => m.body)).to.deep.equal(['Hello']);
    // Sent again by the shopper: it goes, without the refused image.
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await untilStored(el, (list) => list.at(-1)!.body === 'Here is my invoice', 'sent when asked again');
    expect((await stored(el)).at(-1)!.attachments).to.have.length(0);
  });

  it('review r1 #1: images staged in an ended chat stay there: the next chat starts without them, and its first message goes', async () => {
    const el = await openChat();
    const first = clientOf(el).$ticket.get()!.id;
    $<HTMLTextAreaElement>(el, 'textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: files(await png()), bubbles: true, cancelable: true }));
    await settle(el, () => uploaded(el), 'the staged image');
    $(el, '[part="end-chat-button"]')!.click();
    await el.updateComplete;
    $(el, '.confirm .primary')!.click();
    await settle(el, () => !!button(el, 'Start a new chat'), 'the ended view');
    button(el, 'Start a new chat')!.click();
    await settle(el, () => !!$(el, 'textarea'), 'the new chat\'s composer');
    expect(chips(el), 'no chip of the ended chat').to.have.length(0);
    sendText(el, 'A new question');
    await settle(el, () => !!clientOf(el).$ticket.get() && clientOf(el).$ticket.get()!.id !== first, 'the new chat');
    expect((await stored(el)).map((m) => m.body)).to.deep.equal(['A new question']);
    expect(text(el)).not.to.include('Not sent');
  });

  it('keyboard alone: Shift+Tab from the field reaches the "+", then the staged image\'s remove button; Enter removes it and the focus goes back to the field', async () => {
    const el = await openChat();
    const field = $<HTMLTextAreaElement>(el, 'textarea')!;
    field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: files(await png('receipt.png')), bubbles: true, cancelable: true }));
    await settle(el, () => uploaded(el) && !!$(el, '.pending img'), 'the staged image');
    const focused = () => el.shadowRoot!.activeElement;
    const back = async () => {
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
    };
    field.focus();
    await back();
    expect(focused()?.getAttribute('aria-label')).to.equal('Attach an image');
    await back();
    // Named by its file (issue 17 B1 item 9): ten chips are not ten "Remove image".
    expect(focused()?.getAttribute('aria-label')).to.equal('Remove image: receipt.png');
    expect(focused()?.closest('li')?.querySelector('img')?.getAttribute('alt')).to.equal('receipt.png');
    const box = focused()!.getBoundingClientRect();
    expect([box.width >= 24, box.height >= 24], 'a target of 24 px at least (WCAG 2.5.8)').to.deep.equal([true, true]);
    await sendKeys({ press: 'Enter' });
    await settle(el, () => chips(el).length === 0, 'the chip removed');
    // Compared as a boolean: a failing comparison of two elements would be serialised for the report.
    expect(focused() === $(el, 'textarea'), 'the focus is in the field again').to.equal(true);
    await accessible(el);
  });

  it('says each refusal in words: wrong type, too big, what the server refuses, no network; none of them is sent', async () => {
    const el = await openChat();
    const field = $<HTMLTextAreaElement>(el, 'textarea')!;
    const paste = (f: File) => field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: files(f), bubbles: true, cancelable: true }));
    const alerts = () => $$(el, '.pending .failed').map((a) => a.textContent!.trim());

    paste(new File(['%PDF-1.4'], 'invoice.pdf', { type: 'application/pdf' }));
    paste(new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'huge.png', { type: 'image/png' }));
    // Says PNG, is not: the server reads the bytes (415 unsupported_type).
    paste(new File(['<svg onload="alert(1)"/>'], 'fake.png', { type: 'image/png' }));
    await settle(el, () => alerts().length === 3, 'three refusals');
    expect(alerts()).to.deep.equal(['Only PNG, JPEG, WebP or GIF images.', 'Too big: 5 MB at most.', 'Only PNG, JPEG, WebP or GIF images.']);
    await accessible(el);

    dev.mock.use(http.post(`${MOCK_ORIGIN}/parties/ticket/:id/uploads`, () => Response.error(), { once: true }));
    paste(await png());
    await settle(el, () => alerts().length === 4, 'the network refusal');
    expect(alerts()[3]).to.equal('Not sent. Check your connection.');

    sendText(el, 'just text');
    await settle(el, () => text(el).includes('just text'), 'the message');
    expect((await stored(el)).at(-1)!.attachments).to.have.length(0);
  });

  it('in French, the refusal is French', async () => {
    const el = await openChat({ lang: 'fr' });
    await settle(el, () => !!$(el, '.composer .attach'), 'the "+"');
    expect($(el, '.composer .attach')!.getAttribute('aria-label')).to.equal('Joindre une image');
    $<HTMLTextAreaElement>(el, 'textarea')!.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: files(new File(['x'], 'a.txt', { type: 'text/plain' })), bubbles: true, cancelable: true }),
    );
    await settle(el, () => !!$(el, '.pending .failed'), 'the refusal');
    expect($(el, '.pending .failed')!.textContent!.trim()).to.equal('Images PNG, JPEG, WebP ou GIF uniquement.');
  });

  it('chat.attachments off: no "+", pastes and drops are refused in words, and the mock refuses the upload itself (attachments_off)', async () => {
    await dev.saveSettings((s) => {
      s.chat = { attachments: false };
    });
    const el = await openChat();
    expect(!!$(el, '.composer .attach')).to.equal(false);
    const drop = new DragEvent('drop', { dataTransfer: files(await png()), bubbles: true, composed: true, cancelable: true });
    $(el, '[part="thread"]')!.dispatchEvent(drop);
    expect(drop.defaultPrevented).to.equal(true);
    await settle(el, () => !!$(el, '.pending .failed'), 'the refusal');
    expect($(el, '.pending .failed')!.textContent!.trim()).to.equal("Images can't be sent in this chat.");
    expect(!!$(el, '.pending img'), 'nothing previewed, nothing sent up').to.equal(false);

    const client = (el as unknown as { panelInstance: { client: { upload(f: Blob): Promise<unknown> } } }).panelInstance.client;
    const refused = await client.upload(await png()).then(
      () => null,
      (e: { code: string }) => e.code,
    );
    expect(refused).to.equal('attachments_off');

    // Switched on again (live, R12): the "+" comes back without a reload.
    await dev.saveSettings(() => {});
    await until(() => (void el.requestUpdate(), !!$(el, '.composer .attach')), 'the "+" again');
  });

  it('switched off live while images are staged: the "+" button goes, each staged image says it cannot be sent, and the message goes without them', async () => {
    const el = await openChat();
    const field = $<HTMLTextAreaElement>(el, 'textarea')!;
    field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: files(await png()), bubbles: true, cancelable: true }));
    await settle(el, () => uploaded(el) && !$(el, '.pending .failed'), 'the staged image, up');
    const release = holdNextUpload();
    field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: files(await png('b.png')), bubbles: true, cancelable: true }));
    await settle(el, () => !!$(el, '.pending progress'), 'a second image on its way up');

    // The merchant saves chat.attachments: false; the widget hears it live (R12), no reload.
    await dev.saveSettings((s) => {
      s.chat = { attachments: false };
    });
    const alerts = () => $$(el, '.pending .failed').map((a) => a.textContent!.trim());
    await settle(el, () => !$(el, '.composer .attach') && alerts().length === 2, 'the "+" button gone, both images refused');
    expect(alerts()).to.deep.equal(["Images can't be sent in this chat.", "Images can't be sent in this chat."]);
    release();
    sendText(el, 'Words only now');
    await settle(el, () => text(el).includes('Words only now'), 'the message');
    let last: { body: string; attachments: unknown[] } | undefined;
    await until(() => (void stored(el).then((m) => (last = m.at(-1))), last?.body === 'Words only now'), 'the message stored');
    expect(last!.attachments).to.have.length(0);
    expect(sentImages(el)).to.have.length(0);
    expect($$(el, '.bubble.failed').length, 'not refused: nothing switched off was sent').to.equal(0);
    await accessible(el);
  });

  it('a message refused attachments_off (images staged before the switch) is retried without its images: the text goes alone, an images-only one leaves the thread', async () => {
    const el = await openChat();
    const client = (el as unknown as { panelInstance: { client: { upload(f: Blob): Promise<{ type: 'image'; url: string }>; send(text: string, a: unknown[]): string | null } } }).panelInstance.client;
    const image = await client.upload(await png());
    const other = await client.upload(await png('b.png'));
    await dev.saveSettings((s) => {
      s.chat = { attachments: false };
    });
    // The widget had staged them while images were on: the server refuses the send (R12: it checks now).
    client.send('Here it is', [image]);
    client.send('', [other]);
    await settle(el, () => !!button(el, 'Retry'), 'the refused message with its Retry');
    expect($$(el, '.bubble.failed').length, 'the images-only message leaves the thread').to.equal(1);
    expect(sentImages(el), 'the refused images are not shown as sent').to.have.length(0);
    button(el, 'Retry')!.click();
    let last: { body: string; attachments: unknown[] } | undefined;
    await until(() => (void stored(el).then((m) => (last = m.at(-1))), last?.body === 'Here it is'), 'the text stored');
    expect(last!.attachments, 'the images did not go again').to.have.length(0);
    await settle(el, () => $$(el, '.bubble.failed').length === 0, 'nothing failed any more');
  });
  it('many images at once stay in one scrolling row: the composer keeps its place (issue 17 B1 item 2)', async () => {
    const el = await openChat();
    const field = $<HTMLTextAreaElement>(el, 'textarea')!;
    const before = field.getBoundingClientRect().height;
    const release = holdUploads();
    const list = await Promise.all(Array.from({ length: 12 }, (_, n) => png(`p${n}.png`)));
    field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: files(...list), bubbles: true, cancelable: true }));
    await settle(el, () => chips(el).length === 12, 'twelve chips');
    const strip = $(el, '.pending')!;
    const tops = new Set(chips(el).map((c) => Math.round(c.getBoundingClientRect().top)));
    expect(tops.size, 'one row of chips').to.equal(1);
    expect(strip.scrollWidth > strip.clientWidth, 'the row scrolls').to.equal(true);
    expect(field.getBoundingClientRect().height).to.equal(before);
    release();
    await accessible(el);
  });

  it('refused chips do not count toward the ten of a message; the eleventh says so, and a 429 says it in its own words (issue 17 B1 item 3)', async () => {
    const el = await openChat();
    const field = $<HTMLTextAreaElement>(el, 'textarea')!;
    const paste = (...f: File[]) => field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: files(...f), bubbles: true, cancelable: true }));
    const alerts = () => $$(el, '.pending .failed').map((a) => a.textContent!.trim());
    paste(...Array.from({ length: 10 }, (_, n) => new File([new Uint8Array(5 * 1024 * 1024 + 1)], `huge${n}.png`, { type: 'image/png' })));
    await settle(el, () => alerts().length === 10, 'ten refusals');
    paste(await png('ok.png'));
    await settle(el, () => !!$(el, '.pending img'), 'the eleventh chip, a real image, goes up');
    expect(alerts().every((a) => a === 'Too big: 5 MB at most.')).to.equal(true);

    const release = holdUploads();
    paste(...(await Promise.all(Array.from({ length: 10 }, (_, n) => png(`more${n}.png`)))));
    await settle(el, () => alerts().length === 11, 'one over the ten');
    expect(alerts()[10]).to.equal('10 images at most in a message.');
    // One announcement for the batch (item 9): the list is one live region, no chip an alert of its own.
    expect($(el, '.pending')!.getAttribute('aria-live')).to.equal('polite');
    expect($$(el, '.pending [role="alert"]')).to.have.length(0);
    release();
    sendText(el, 'ten photos');
    await settle(el, () => sentImages(el).length === 10, 'ten sent');

    dev.mock.use(
      http.post(`${MOCK_ORIGIN}/parties/ticket/:id/uploads`, () => Response.json({ error: { code: 'rate_limited', message: 'Too many uploads.' } }, { status: 429, headers: { 'retry-after': '60' } }), { once: true }),
    );
    paste(await png('late.png'));
    await settle(el, () => alerts().length === 1, 'the 429 refusal');
    expect(alerts()[0]).to.equal('Too many images this minute: remove this one, try again shortly.');
  });

  it('a refusal follows a change of language (issue 17 B1 item 5)', async () => {
    const el = await openChat();
    $<HTMLTextAreaElement>(el, 'textarea')!.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: files(new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'huge.png', { type: 'image/png' })), bubbles: true, cancelable: true }),
    );
    await settle(el, () => !!$(el, '.pending .failed'), 'the refusal');
    expect($(el, '.pending .failed')!.textContent!.trim()).to.equal('Too big: 5 MB at most.');
    el.lang = 'fr';
    await settle(el, () => $(el, '.pending .failed')?.textContent!.trim() === 'Trop lourde : 5 Mo au plus.', 'the refusal in French');
  });
  it('an odd upload answer of type file is never drawn as an image in the thread (issue 17 B1 item 7)', async () => {
    const el = await openChat();
    const client = (el as unknown as { panelInstance: { client: { upload(f: Blob): Promise<{ type: string; url: string }>; send(text: string, a: unknown[]): string | null } } }).panelInstance.client;
    dev.mock.use(http.post(`${MOCK_ORIGIN}/parties/ticket/:id/uploads`, () => Response.json({ type: 'file', url: `${MOCK_ORIGIN}/tracker.bin` }), { once: true }));
    const odd = await client.upload(await png());
    expect(odd.type).to.equal('file');
    client.send('see attached', [odd]);
    await settle(el, () => text(el).includes('see attached'), 'the message in the thread');
    expect(sentImages(el), 'no <img> for a file').to.have.length(0);
  });
  it('an image pasted before the first message is refused in words, in English and French; a text paste stays text (issue 17 B1 item 4, R6)', async () => {
    const el = await mount({ mode: 'inline' });
    await openToComposer(el);
    const field = $<HTMLTextAreaElement>(el, 'textarea')!;
    const paste = new ClipboardEvent('paste', { clipboardData: files(await png()), bubbles: true, cancelable: true });
    field.dispatchEvent(paste);
    expect(paste.defaultPrevented).to.equal(true);
    await settle(el, () => !!$(el, '.pending .failed'), 'the refusal');
    expect($(el, '.pending .failed')!.textContent!.trim()).to.equal('Send your message first, then add images.');
    expect(!!$(el, '.pending img')).to.equal(false);
    el.lang = 'fr';
    await settle(el, () => $(el, '.pending .failed')?.textContent!.trim() === 'Envoyez d’abord votre message, puis ajoutez des images.', 'the refusal in French');
    const words = new DataTransfer();
    words.setData('text/plain', 'hello');
    const textPaste = new ClipboardEvent('paste', { clipboardData: words, bubbles: true, cancelable: true });
    field.dispatchEvent(textPaste);
    expect(textPaste.defaultPrevented, 'a text paste is left to the field').to.equal(false);
    expect(chips(el)).to.have.length(1);
  });
  it('a message refused bad_frame for its images (swept, or not this chat\'s) is retried without them: the text goes alone (issue 17 B1 item 8)', async () => {
    const el = await openChat();
    const client = (el as unknown as { panelInstance: { client: { send(text: string, a: unknown[]): string | null } } }).panelInstance.client;
    client.send('Here it is', [{ type: 'image', url: `${MOCK_ORIGIN}/parties/ticket/gone/uploads/swept.png` }]);
    await settle(el, () => !!button(el, 'Retry'), 'the refused message with its Retry');
    button(el, 'Retry')!.click();
    let last: { body: string; attachments: unknown[] } | undefined;
    await until(() => (void stored(el).then((m) => (last = m.at(-1))), last?.body === 'Here it is'), 'the text stored');
    expect(last!.attachments, 'the images did not go again').to.have.length(0);
    await settle(el, () => $$(el, '.bubble.failed').length === 0, 'nothing failed any more');
  });
});

describe('<customer-hub-chat> images from the shopper: the review of issue 17 B1 (issue 19 goal 2)', () => {
  const pasteInto = (field: HTMLTextAreaElement, data: DataTransfer) => {
    const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    field.dispatchEvent(paste);
    return paste;
  };

  it('item 1: a clipboard holding text and a picture gives both: the text at the caret of the field, the picture a chip; both go in one message', async () => {
    const el = await openChat();
    const field = $<HTMLTextAreaElement>(el, 'textarea')!;
    field.focus();
    await sendKeys({ type: 'See ' });
    await sendKeys({ type: ', please' });
    field.setSelectionRange(4, 4);
    const data = files(await png());
    data.setData('text/plain', 'this photo');
    expect(pasteInto(field, data).defaultPrevented, 'the browser navigates to no file').to.equal(true);
    expect(field.value).to.equal('See this photo, please');
    expect(field.selectionStart, 'the caret after the pasted text').to.equal(14);
    await settle(el, () => uploaded(el), 'the pasted picture');
    // The field's own Enter sends what it holds, so the pasted text reached the composer's draft too.
    await sendKeys({ press: 'Enter' });
    await settle(el, () => sentImages(el).length === 1, 'the message with its picture');
    const last = (await stored(el)).at(-1)!;
    expect([last.body, last.attachments.length]).to.deep.equal(['See this photo, please', 1]);
  });

  it('item 2: an upload the server refuses as ticket_closed, forbidden or unauthorized says so in words, in English and in French, not "Check your connection"', async () => {
    const el = await openChat();
    const field = $<HTMLTextAreaElement>(el, 'textarea')!;
    const alerts = () => $$(el, '.pending .failed').map((a) => a.textContent!.trim());
    const refusals: Array<[string, number]> = [['ticket_closed', 409], ['forbidden', 403], ['unauthorized', 401]];
    for (const [n, [code, status]] of refusals.entries()) {
      dev.mock.use(http.post(`${MOCK_ORIGIN}/parties/ticket/:id/uploads`, () => Response.json({ error: { code, message: code } }, { status }), { once: true }));
      pasteInto(field, files(await png(`${code}.png`)));
      await settle(el, () => alerts().length === n + 1, `the ${code} refusal`);
    }
    expect(alerts()).to.deep.equal(['This chat has ended', "This chat can't be opened on this page.", 'Your chat session has expired. Reload the page to continue.']);
    el.lang = 'fr';
    await settle(el, () => alerts()[0] === 'Cette discussion est terminée', 'the refusals in French');
    expect(alerts()).to.deep.equal([
      'Cette discussion est terminée',
      'Cette conversation ne peut pas être ouverte sur cette page.',
      'Votre session de chat a expiré. Rechargez la page pour continuer.',
    ]);
  });

  it('review r2 #2: a message waiting for its image when the chat ends is not sent into the next chat: it stays in the new composer, editable, until the shopper sends it', async () => {
    const el = await openChat();
    const first = clientOf(el).$ticket.get()!.id;
    holdNextUpload();
    pasteInto($<HTMLTextAreaElement>(el, 'textarea')!, files(await png()));
    await settle(el, () => !!$(el, '.pending progress'), 'the upload under way');
    sendText(el, 'Waiting for my photo');
    await settle(el, () => $<HTMLTextAreaElement>(el, 'textarea')!.readOnly, 'the message waiting for its image');
    $(el, '[part="end-chat-button"]')!.click();
    await el.updateComplete;
    $(el, '.confirm .primary')!.click();
    await settle(el, () => !!button(el, 'Start a new chat'), 'the ended view');
    const client = el.panelInstance!.client;
    const sent: string[] = [];
    const send = client.send.bind(client);
    client.send = (body, attachments) => (sent.push(body), send(body, attachments));
    button(el, 'Start a new chat')!.click();
    await settle(el, () => !!$(el, 'textarea'), 'the new chat\'s composer');
    expect(sent, 'nothing sent by itself').to.deep.equal([]);
    const field = $<HTMLTextAreaElement>(el, 'textarea')!;
    expect([field.value, field.readOnly, chips(el).length]).to.deep.equal(['Waiting for my photo', false, 0]);
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle(el, () => !!clientOf(el).$ticket.get() && clientOf(el).$ticket.get()!.id !== first, 'the new chat, when the shopper sends');
    expect(sent).to.deep.equal(['Waiting for my photo']);
  });

  it('review r1 #1: a picture pasted on the FAQ home, where no composer shows chips, is not staged: the text goes into the search, and the chat opens with no chip', async () => {
    const el = await mount({ mode: 'inline' });
    await settle(el, () => !!$(el, 'input[type="search"]'), 'the FAQ home');
    const search = $<HTMLInputElement>(el, 'input[type="search"]')!;
    search.focus();
    const data = files(await png());
    data.setData('text/plain', 'refund');
    expect(pasteInto(search as unknown as HTMLTextAreaElement, data).defaultPrevented, 'the browser navigates to no file').to.equal(true);
    expect(search.value).to.equal('refund');
    button(el, 'Chat with us')!.click();
    await settle(el, () => !!$(el, 'textarea'), 'the composer');
    await el.updateComplete;
    expect(chips(el), 'no chip of the FAQ home\'s paste').to.have.length(0);
  });

  it('item 3: removing a chip while its image goes up cancels the upload\'s request; the message goes without it', async () => {
    const el = await openChat();
    const signals: Array<AbortSignal | null | undefined> = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).endsWith('/uploads')) signals.push(init?.signal);
      return realFetch(input, init);
    };
    try {
      const release = holdNextUpload();
      pasteInto($<HTMLTextAreaElement>(el, 'textarea')!, files(await png()));
      await settle(el, () => !!$(el, '.pending progress') && signals.length === 1, 'the upload under way');
      expect(signals[0]?.aborted, 'not cancelled before the remove').to.equal(false);
      $$(el, '.pending button').find((b) => b.getAttribute('aria-label') === 'Remove image: parcel.png')!.click();
      await settle(el, () => chips(el).length === 0, 'the chip removed');
      expect(signals[0]?.aborted, 'the request cancelled').to.equal(true);
      release();
      sendText(el, 'no photo after all');
      await settle(el, () => text(el).includes('no photo after all'), 'the text message');
      expect((await stored(el)).at(-1)!.attachments).to.have.length(0);
    } finally {
      window.fetch = realFetch;
    }
  });
});
