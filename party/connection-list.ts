/**
 * A room's open sockets, listed once and kept until a socket joins or leaves. partyserver's
 * `getConnections()` deserialises every socket's attachment on each call, and a ticket room
 * asked for it several times per message (each broadcast, the shop's feed push): a few
 * percent of the isolate's CPU per message (bench/, issue 19). Sockets join only through
 * `onConnect` and leave through `onClose`/`onError` or our own `close()`, so those forget
 * the list; a socket that closed without them is skipped by its `readyState`.
 */
import type { Connection } from 'partyserver';

export class ConnectionList<S> {
  private kept: Connection<S>[] | null = null;

  constructor(private readonly all: () => Iterable<Connection<S>>) {}

  /** The open sockets (each with the state it has now). */
  *open(): Iterable<Connection<S>> {
    for (const conn of (this.kept ??= [...this.all()])) if (conn.readyState === WebSocket.OPEN) yield conn;
  }

  /** A socket joined or left: list them again next time. */
  forget(): void {
    this.kept = null;
  }
}
