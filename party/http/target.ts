/** Where a request goes: the party, the room and the rest of `/parties/{party}/{room}/{...rest}`. */

export interface Target {
  party: 'main' | 'ticket';
  room: string;
  rest: string[];
}

export function parseTarget(url: URL): Target | null {
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] !== 'parties' || (parts[1] !== 'main' && parts[1] !== 'ticket') || !parts[2]) return null;
  return { party: parts[1], room: parts[2], rest: parts.slice(3) };
}

/** A percent-decoded path segment, or null when its encoding is malformed (`%E0%A4%A`). */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
