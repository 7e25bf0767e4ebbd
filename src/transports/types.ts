/**
 * What a custom backend implements (DESIGN §4), and what the client relies on. The
 * client, not the transport, owns the delivery guarantees (outbox, resume, dedupe,
 * reconnection), so every adapter gets them; `customer-hub-chat/testing.js`'s
 * `transportConformance` checks an adapter and its backend against this contract.
 */
import {
  httpErrorSchema,
  validate,
  type Attachment,
  type ClientFrame,
  type HttpErrorCode,
  type OutgoingMessage,
  type ServerFrame,
  type Session,
  type ShopperOrders,
  type StartedChat,
  type TranscriptSent,
  type WidgetConfig,
} from '../protocol/index.js';

/**
 * A ticket connection's state, reported through `ConnectionHandlers.state`:
 * - `connecting`: not open yet, or lost and being made again *by the transport*
 *   (a transport that reconnects by itself reports this, never `closed`, while it retries);
 * - `open`: frames flow; the client then sends `hello {lastSeq}` and waits for `sync`;
 * - `closed`: this connection is over and the transport will not retry: the client
 *   calls `connect` again itself, after 1 s, 2 s, … up to 30 s (with jitter), so a
 *   transport may simply report `closed` on any drop (see `createSocketConnection`);
 * - `unauthorized`: the backend refused the credentials (with a `SocketRefusal`). The
 *   client renews them once (`getSession`, then `getActiveChat`, which must store the
 *   fresh ticket credentials for the next `connect`), calls `connect` once more, and
 *   reports the refusal to the shopper if that is refused too.
 */
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized';

/**
 * Why a socket was refused, passed with `unauthorized`: `expired` (close 4001: a bad
 * or expired token, which a new session may mend), `forbidden` (4003: this page or
 * token may not open this ticket, which a reload does not mend) or
 * `unsupported_version` (4000).
 */
export type SocketRefusal = 'expired' | 'forbidden' | 'unsupported_version';

/** One live connection to a ticket, as `ChatTransport.connect` returns it. */
export interface TicketConnection {
  /**
   * Sends a client frame (`hello`, `send`, `read`, `typing`, `end`, …) as JSON. A
   * frame sent while not `open` may be dropped: the client sends `hello` on every
   * `open` and resends its unacknowledged messages after the `sync`, so nothing queued
   * by the transport is needed (and frames queued before the new `hello` would break
   * the order).
   */
  send(frame: ClientFrame): void;
  /** Ends this connection for good; the client calls it, and no state need follow. */
  close(): void;
}

/** What the client hands `connect`: where frames and states go. */
export interface ConnectionHandlers {
  /**
   * Every server frame, in the order the backend sent it, each at most once per
   * connection. After `hello {lastSeq}` the backend answers `sync {ticket, messages,
   * hasMore, receipts}` with the messages after `lastSeq` (the client asks again with
   * the new `lastSeq` while `hasMore`, and repeats `hello` if no sync comes within 5 s);
   * then `message`, `ack {clientId, seq}` for each of the client's messages (a resent
   * `clientId` is acked with the seq it was stored under, never stored twice),
   * `receipt {role, seq}`, `typing`, `ticket` and `error {code, clientId?}` as they happen.
   * `receipts.shopper` is the highest seq the shopper has read, `receipts.agent` the
   * highest the team has read: they make the shopper's messages "seen".
   */
  frame(frame: ServerFrame): void;
  /** The connection's state (`ConnectionState` says who acts on each); `refusal` with `unauthorized`. */
  state(state: ConnectionState, refusal?: SocketRefusal): void;
}

/**
 * A backend for `ChatClient` and the widget. Failures reject with `TransportError`:
 * the codes the client acts on are `chat_active` (with `activeChat`: the message goes
 * to that chat), `network` and any 5xx status (a first message is tried again by
 * itself, 1 s doubling to 30 s, with the same `clientId`, so the backend must return
 * the same ticket for a repeated `clientId`), and `rate_limited` (shown, not retried).
 * Any other code is shown to the shopper through the widget's translation of it.
 */
export interface ChatTransport {
  getConfig(signal?: AbortSignal): Promise<WidgetConfig>;
  /** The shopper's session; `customer` is null for an anonymous visitor. */
  getSession(): Promise<Session>;
  /**
   * Creates the ticket with its first message (R6). Rejects with `TransportError` code
   * `chat_active` when one is open. The returned `Ticket.lastMessage` (and that of
   * `getActiveChat`) tells the client which messages exist already: those up to its
   * seq are history, so a reload does not fire `customer-hub-message` or count them unread again.
   */
  startChat(first: OutgoingMessage): Promise<StartedChat>;
  /** The shopper's open chat (with `lastMessage`), to restore after a reload; null when none. */
  getActiveChat(): Promise<StartedChat | null>;
  /**
   * Opens the ticket's live connection and reports through `handlers`: `connecting`
   * at once, `open` when frames flow. Called again by the client after `closed`, and
   * once after `unauthorized` with renewed credentials.
   */
  connect(ticketId: string, handlers: ConnectionHandlers): TicketConnection;
  /** Optional: uploads an image to the ticket (the shopper's own open chat, issue 17 B1); an aborted `signal` cancels it. */
  upload?(ticketId: string, file: Blob, signal?: AbortSignal): Promise<Attachment>;
  /**
   * Optional: live config for open widgets (R12). Calls `onConfig` whenever the
   * merchant saves settings; returns the function that stops watching.
   */
  watchConfig?(onConfig: (config: WidgetConfig) => void): () => void;
  /** Optional: the logged-in shopper's own orders, told in `lang` (issue 18: "Track my order"). */
  orders?(lang: string): Promise<ShopperOrders>;
  /** Optional: e-mails the shopper this chat at their account's address (issue 17, README "Shopper e-mails"). */
  emailTranscript?(ticketId: string): Promise<TranscriptSent>;
}

/**
 * What a transport call fails with: one of the server's HTTP codes, or the transport's
 * own (`network`: no answer; `bad_response`: an answer that is not what the route
 * promises; `server_error`/`http_error`: an error status without the server's body).
 */
export type TransportErrorCode = HttpErrorCode | 'network' | 'bad_response' | 'server_error' | 'http_error';

/**
 * The `TransportError` of a failed HTTP answer: the server's `{error: {code, message}}`
 * when it gave one, a code from the status otherwise.
 */
export function httpError(status: number, json: unknown, activeChat?: StartedChat): TransportError {
  const body = validate(httpErrorSchema, json);
  if (body.ok) return new TransportError(body.frame.error.code, body.frame.error.message, status, activeChat);
  return new TransportError(status >= 500 ? 'server_error' : 'http_error', `HTTP ${status}`, status, activeChat);
}

/** A JWT's claims, read without verifying it (the server verifies); null when unreadable. */
export function unverifiedClaims(token: string): Record<string, unknown> | null {
  try {
    const claims: unknown = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A failed transport call, with the server's error code when it gave one. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly code: TransportErrorCode,
    /** The server's words when it gave some, else the code: views translate the code. */
    message: string = code,
    readonly status = 0,
    /** With `chat_active`: the shopper's open chat. */
    readonly activeChat?: StartedChat,
  ) {
    super(message);
  }
}
