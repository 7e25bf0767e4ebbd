/**
 * Opens the ticket a team e-mail links to (`inbox.html#ticket=<id>`, issue 16) once it
 * is in the inbox's list, one time: after that the agent's own choices win.
 */
import type { InboxClient } from './inbox-client.js';

export function followTicketLink(inbox: InboxClient, hash: string): () => void {
  const match = /^#ticket=([^&]+)$/.exec(hash);
  if (!match) return () => undefined;
  let wanted: string | null;
  try {
    wanted = decodeURIComponent(match[1]!);
  } catch {
    return () => undefined;
  }
  const stop = inbox.$tickets.subscribe((tickets) => {
    if (!wanted || !tickets.has(wanted)) return;
    const id = wanted;
    wanted = null;
    // Not inside the store's own notification: selecting changes other stores.
    queueMicrotask(() => {
      stop();
      inbox.select(id);
    });
  });
  return stop;
}
