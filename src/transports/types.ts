/**
 * What a custom backend implements (DESIGN §4). The client, not the transport,
 * owns delivery guarantees (outbox, resume, dedupe), so every adapter gets them.
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

export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized';

/**
 * Why a socket was refused, passed with `unauthorized`: `expired` (close 4001: a bad
 * or expired token, which a new session may mend), `forbidden` (4003: this page or
 * token may not open this ticket, which a reload does not mend) or
 * `unsupported_version` (4000).
 */
export type SocketRefusal = 'expired' | 'forbidden' | 'unsupported_version';

export interface TicketConnection {
  send(frame: ClientFrame): void;
  close(): void;
}

export interface ConnectionHandlers {
  frame(frame: ServerFrame): void;
  state(state: ConnectionState, refusal?: SocketRefusal): void;
}

export interface ChatTransport {
  getConfig(signal?: AbortSignal): Promise<WidgetConfig>;
  /** The shopper's session; `customer` is null for an anonymous visitor. */
  getSession(): Promise<Session>;
  /** Creates the ticket with its first message (R6). Rejects with `TransportError` code `chat_active` when one is open. */
  startChat(first: OutgoingMessage): Promise<StartedChat>;
  /** The shopper's open chat, to restore after a reload. */
  getActiveChat(): Promise<StartedChat | null>;
  connect(ticketId: string, handlers: ConnectionHandlers): TicketConnection;
  upload?(ticketId: string, file: Blob): Promise<Attachment>;
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
