/** Keyboard focus for the inbox's popovers and dialogs (WAI-ARIA dialog pattern, issue 13 #13). */

const FOCUSABLE = 'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])';

/** The controls Tab can reach inside `container`, in order. */
function focusables(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.hasAttribute('disabled') && !el.hidden && el.getClientRects().length > 0,
  );
}

/**
 * Keeps Tab inside an open popover or dialog: past its last control focus wraps to
 * the first, and Shift+Tab before the first wraps to the last.
 */
export function trapTab(e: KeyboardEvent, container: HTMLElement): void {
  if (e.key !== 'Tab') return;
  const items = focusables(container);
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return;
  const active = (container.getRootNode() as Document | ShadowRoot).activeElement;
  const inside = !!active && container.contains(active);
  if (e.shiftKey && (!inside || active === first)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (!inside || active === last)) {
    e.preventDefault();
    first.focus();
  }
}

/**
 * Focuses a popover or dialog just opened: its `data-autofocus` control (the safe
 * choice of a confirmation, as the APG's alert dialog has it), else its first one.
 */
export function focusFirst(container: HTMLElement | null | undefined): void {
  if (!container) return;
  (container.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(container)[0])?.focus();
}

/**
 * The keydown handler of an open popover or dialog: Escape closes it (and goes no
 * further, so the inbox does not take it as its own Escape), Tab stays inside.
 */
export function popupKeys(close: () => void): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
      return;
    }
    trapTab(e, e.currentTarget as HTMLElement);
  };
}
