/**
 * The panel while the chat's code loads, in the first load (no Lit): a still skeleton
 * shaped like what comes next (issue 19), the FAQ home (a title, the search, questions)
 * when no chat is going on, the thread's bubbles when one is. Busy, with one spoken
 * "Loading". The markup is constant; the one text goes in as text.
 */
import type { LauncherTranslation } from '../../i18n/en-launcher.js';

const HOME = '<span class="short"></span><span></span><span></span><span></span><span></span>';
const THREAD = '<span></span><span class="short"></span><span></span>';

/** `thread`: an earlier page left a chat going, so the panel opens on it. */
export function loadingSkeleton(t: LauncherTranslation, thread: boolean): HTMLElement {
  const box = document.createElement('div');
  box.className = thread ? 'skeleton' : 'skeleton home';
  box.setAttribute('aria-busy', 'true');
  box.innerHTML = `<span class="visually-hidden"></span>${thread ? THREAD : HOME}`;
  box.firstElementChild!.textContent = t.loading;
  return box;
}
