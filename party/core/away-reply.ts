/**
 * The automatic away reply (R9): outside office hours the shopper's first message of
 * each away period gets the shop's away message; `nextOpenAt` tells the widget when
 * the team is back.
 */
import type { Author } from '../../src/protocol/index.js';
import { officeStatus, type OfficeHours } from './office-hours.js';

export interface AwaySettings {
  hours: OfficeHours;
  message: string;
}

/** What a ticket keeps of the away reply. */
export interface AwayState {
  away?: AwaySettings;
  /** The away period (its `nextOpenAt`) the shopper was last told about, so each period gets one reply. */
  awayToldFor?: number | null;
}

/** The author of an away reply, new each time: a stored message owns its author. */
export const awayAuthor = (): Author => ({ role: 'system', name: 'away' });

export const isAwayReply = (author: Author): boolean => author.role === 'system' && author.name === 'away';

/** The away message due now, or null; marks the current period as told. */
export function dueAwayReply(state: AwayState, now: number): string | null {
  if (!state.away) return null;
  const status = officeStatus(state.away.hours, now);
  if (status.isOpen) return null;
  const period = status.nextOpenAt ?? 0;
  if (state.awayToldFor === period) return null;
  state.awayToldFor = period;
  return state.away.message;
}
