/**
 * The shop room's feed socket for the inbox (R13, R14): opened with the agent's current
 * token (asked on every connect, so a refreshed one is used), its frames decoded at this
 * boundary, its state in `$feed`; a refusal (4000/4001/4003) ends the session. What the
 * frames mean for the list is `InboxClient`'s.
 */
import { atom } from 'nanostores';
import { PROTOCOL_VERSION, decodeFeedFrame, type FeedFrame } from '../protocol/index.js';
import { roomSocket, type PartykitTransportOptions } from '../transports/partykit.js';
import type { RoomSocket } from '../transports/room-socket.js';
import type { FeedState } from './inbox-types.js';

const REFUSED = new Set([4000, 4001, 4003]);

export interface FeedTarget {
  origin: string;
  shop: string;
  token(): string;
  options: Pick<PartykitTransportOptions, 'WebSocket' | 'reconnect'>;
}

export class InboxFeed {
  readonly $feed = atom<FeedState>('idle');
  private socket: RoomSocket | null = null;

  constructor(private readonly handlers: { frame(frame: FeedFrame): void; refused(): void }) {}

  open(target: FeedTarget): void {
    this.close();
    const socket = roomSocket(target.origin, 'main', target.shop, async () => ({ token: target.token(), v: String(PROTOCOL_VERSION) }), target.options);
    this.socket = socket;
    this.$feed.set('connecting');
    socket.addEventListener('open', () => this.socket === socket && this.$feed.set('open'));
    socket.addEventListener('message', (e) => {
      if (this.socket !== socket) return;
      const decoded = decodeFeedFrame(e.data);
      if (decoded.ok) this.handlers.frame(decoded.frame);
    });
    socket.addEventListener('close', (e) => {
      if (this.socket !== socket) return;
      if (REFUSED.has(e.code)) return this.handlers.refused();
      this.$feed.set('connecting');
    });
  }

  /** Connects again now (with a fresh token), before the old token's socket is closed. */
  reconnect(): void {
    this.socket?.reconnect();
  }

  close(): void {
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.$feed.set('idle');
  }
}
