/**
 * The panel before the chat's code and its config are there, in plain DOM (no Lit): a header with the
 * title and Close where the panel's header has them (on a phone the frame covers the
 * store: it must always offer a way out), a still skeleton shaped like what comes next
 * (issue 19), the FAQ home (a title, the search, questions) when no chat is going on, the
 * thread's bubbles when one is, busy with one spoken "Loading"; or, when that code or
 * the config failed to load, the load error with "Try again". The markup is constant; the texts go
 * in as text, and again when the page's language arrives later (`labelLoading`).
 */
import type { FrameTranslation } from '../../i18n/en-frame.js';

const HOME = '<span class="short"></span><span></span><span></span><span></span><span></span>';
const THREAD = '<span></span><span class="short"></span><span></span>';

/** `close`: the floating panel's Close (none inline, as the panel's header). */
export function loadingHeader(close: (() => void) | null): HTMLElement {
  const header = document.createElement('header');
  header.className = header.part.value = 'header';
  header.innerHTML = `<h2 class="title"></h2>${close ? '<button class="icon-button">✕</button>' : ''}`;
  if (close) header.querySelector('button')!.onclick = close;
  return header;
}

/** `thread`: an earlier page left a chat going, so the panel opens on it. */
export function loadingSkeleton(thread: boolean): HTMLElement {
  const box = document.createElement('div');
  box.className = thread ? 'skeleton' : 'skeleton home';
  box.ariaBusy = 'true';
  box.innerHTML = `<span class="visually-hidden"></span>${thread ? THREAD : HOME}`;
  return box;
}

/** The chat's code, or its config, did not load: the frame says so, with "Try again". */
export function loadFailed(retry: () => void): HTMLElement {
  const box = document.createElement('div');
  box.className = 'center body';
  box.role = 'alert';
  box.innerHTML = '<p></p><button class="primary"></button>';
  box.querySelector('button')!.onclick = retry;
  return box;
}

/** Puts the language's texts into what the frame drew (finding 7: French arrives after the skeleton). */
export function labelLoading(frame: HTMLElement, t: FrameTranslation): void {
  const set = (selector: string, text: string): void => {
    const node = frame.querySelector(selector);
    if (node) node.textContent = text;
  };
  set('.title', t.panelTitle);
  set('.skeleton .visually-hidden', t.loading);
  set('[role="alert"] p', t.loadError);
  set('[role="alert"] button', t.tryAgain);
  frame.querySelector('.header button')?.setAttribute('aria-label', t.close);
}
