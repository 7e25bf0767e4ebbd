/**
 * What a custom backend implements (DESIGN §4). The client, not the transport,
 * owns delivery guarantees (outbox, resume, dedupe), so every adapter gets them.
 */
import type {
  Attachment,
  ClientFrame,
  OutgoingMessage,
  ServerFrame,
  Session,
  StartedChat,
  WidgetConfig,
} from '../protocol/index.js';

export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized';

export interface TicketConnection {
  send(frame: ClientFrame): void;
  close(): void;
}

export interface ConnectionHandlers {
  frame(frame: ServerFrame): void;
  state(state: ConnectionState): void;
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
}

/** A failed transport call, with the server's error code when it gave one. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    /** e.g. `network`, `unauthorized`, `login_required`, `chat_active`, `forbidden_origin`. */
    readonly code: string,
    message: string,
    readonly status = 0,
    /** With `chat_active`: the shopper's open chat. */
    readonly activeChat?: StartedChat,
  ) {
    super(message);
  }

  /** Whether trying again later may succeed (network trouble, server errors). */
  get retryable(): boolean {
    return this.code === 'network' || this.status >= 500 || this.status === 429;
  }
}
