/**
 * The open launcher panel on phones is full-screen: sized to the visual viewport so the
 * composer stays above the on-screen keyboard, with the page behind kept from scrolling.
 */

/** Starts tracking (on narrow screens only); returns what undoes it when the panel closes. */
export function trackViewport(host: HTMLElement): () => void {
  if (!matchMedia('(max-width: 480px)').matches) return () => {};
  const vv = window.visualViewport;
  const apply = () => host.style.setProperty('--_vvh', `${vv?.height ?? innerHeight}px`);
  apply();
  vv?.addEventListener('resize', apply);
  const root = document.documentElement;
  const before = root.style.overflow;
  root.style.overflow = 'hidden';
  return () => {
    vv?.removeEventListener('resize', apply);
    root.style.overflow = before;
    host.style.removeProperty('--_vvh');
  };
}
