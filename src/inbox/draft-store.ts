/** The agent's unsent replies, one per ticket, kept across ticket switches and reloads. */

function storage(): Storage | null {
  // Reading localStorage throws where the page's storage is blocked: drafts then live only in the view.
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

const draftKey = (ticketId: string): string => `customer-hub-inbox:draft:${ticketId}`;

/** The draft kept for a ticket, or '' if none. */
export function loadDraft(ticketId: string): string {
  return storage()?.getItem(draftKey(ticketId)) ?? '';
}

/** Keeps a ticket's draft; an empty draft is forgotten. */
export function saveDraft(ticketId: string, draft: string): void {
  const key = draftKey(ticketId);
  if (draft) storage()?.setItem(key, draft);
  else storage()?.removeItem(key);
}
