/**
 * The page's `window` events the headless clients follow (`online`, `offline`, and
 * `storage` from the shopper's or agent's other tabs); nothing where there is no window.
 */
type PageEvents = Partial<Record<'online' | 'offline' | 'storage', (e: Event) => void>>;

/** Listens to `events` on the window; returns the function that stops listening. */
export function onPage(events: PageEvents): () => void {
  const target = globalThis as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>;
  if (typeof target.addEventListener !== 'function') return () => undefined;
  const all = Object.entries(events);
  for (const [type, fn] of all) target.addEventListener(type, fn);
  return () => {
    for (const [type, fn] of all) target.removeEventListener?.(type, fn);
  };
}
