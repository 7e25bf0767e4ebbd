/**
 * The delivery state of the team's SMS replies (issue 16): Twilio's `sending`, `sent`,
 * `delivered` or `failed` (with its error in words), per message seq of the open
 * ticket. Read from the ticket socket's frames on their way to the thread's client:
 * the `delivery` frame live, and the `delivery` field of messages in `sync`,
 * `history` and `message` frames.
 */
import { atom, type WritableAtom } from 'nanostores';
import type { Message, ServerFrame } from '../protocol/index.js';
import type { ChatTransport } from '../transports/types.js';

export type SmsDelivery = NonNullable<Message['delivery']>;
export type DeliveryStates = ReadonlyMap<number, SmsDelivery>;

type Handlers = Parameters<ChatTransport['connect']>[1];

export const deliveryStore = (): WritableAtom<DeliveryStates> => atom<DeliveryStates>(new Map());

/** The handlers, with every delivery state the frames carry recorded in `$deliveries` first. */
export function recordDeliveries($deliveries: WritableAtom<DeliveryStates>, handlers: Handlers): Handlers {
  // A new socket is a new thread (or a reconnect whose sync carries the states again).
  $deliveries.set(new Map());
  return {
    ...handlers,
    frame(f: ServerFrame) {
      const found: Array<[number, SmsDelivery]> = [];
      if (f.type === 'delivery') found.push([f.seq, f.error ? { state: f.state, error: f.error } : { state: f.state }]);
      const messages = f.type === 'sync' || f.type === 'history' ? f.messages : f.type === 'message' ? [f.message] : [];
      for (const m of messages) if (m.delivery) found.push([m.seq, m.delivery]);
      if (found.length) $deliveries.set(new Map([...$deliveries.get(), ...found]));
      handlers.frame(f);
    },
  };
}
