/**
 * A ticket's language (issue 17): the shopper's content language, recorded when the
 * chat starts, picks which of the shop's translated away reply, handoff message and
 * FAQ knowledge the ticket uses, when it is created and after every settings save.
 */
import type { TicketSettings } from './ticket-state.js';

/** The settings as a ticket in `lang` follows them: its language's content in place of the default's. */
export function settingsIn(settings: TicketSettings, lang: string | undefined): TicketSettings {
  const { languages, ...rest } = settings;
  const content = lang ? languages?.[lang] : undefined;
  if (!content) return rest;
  const out: TicketSettings = { ...rest, away: { ...rest.away, message: content.awayMessage } };
  if (rest.ai) {
    out.ai = { ...rest.ai, ...(content.knowledge ? { knowledge: content.knowledge } : {}) };
    if (content.handoffMessage !== undefined && rest.ai.handoff.target === 'message') out.ai.handoff = { target: 'message', message: content.handoffMessage };
  }
  return out;
}
