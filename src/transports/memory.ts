/**
 * An in-page backend: the reference server's own domain code running in memory,
 * with no network. For tests and offline demos, and the example to follow when
 * writing an adapter for another backend: implement the five methods of
 * `ChatTransport`, turn failures into `TransportError`s, report the socket's state,
 * and leave delivery (outbox, resume, dedupe) to the client.
 *
 * ```ts
 * import { createMemoryTransport, MemoryBackend } from 'customer-hub-chat/testing.js';
 * const transport = createMemoryTransport({ backend, shop: 'demo.myshopify.com', customer: { id: 'c1' } });
 * ```
 */
import type { MemoryBackend } from '../../party/core/memory.js';
import { gateSocket } from '../../party/core/http.js';
import {
  PROTOCOL_VERSION,
  sessionSchema,
  startedChatSchema,
  validate,
  widgetConfigSchema,
  type Customer,
  type OutgoingMessage,
  type ServerFrame,
  type Session,
  type StartedChat,
  type WidgetConfig,
} from '../protocol/index.js';
import type { Schema } from '../protocol/schema.js';
import { TransportError, type ChatTransport, type ConnectionHandlers, type TicketConnection } from './types.js';

export interface MemoryTransportOptions {
  backend: MemoryBackend;
  shop: string;
  /** The logged-in customer (dev sessions), or null for an anonymous visitor. */
  customer?: Customer | null;
  /** The page origin the backend sees; default `http://localhost`. */
  origin?: string;
}

/** A live memory connection; `drop()` cuts it as a network would (tests use it). */
export interface MemoryTicketConnection extends TicketConnection {
  drop(reconnectAfterMs?: number): void;
}

const BASE = 'http://memory.invalid';

export class MemoryTransport implements ChatTransport {
  private session: Session | null = null;
  private ticketTokens = new Map<string, string>();
  private readonly origin: string;

  constructor(private readonly options: MemoryTransportOptions) {
    this.origin = options.origin ?? 'http://localhost';
  }

  getConfig(): Promise<WidgetConfig> {
    return this.call('GET', 'config', widgetConfigSchema);
  }

  async getSession(): Promise<Session> {
    const body = this.options.customer ? { devCustomer: this.options.customer } : {};
    return (this.session = await this.call('POST', 'session', sessionSchema, body));
  }

  async startChat(first: OutgoingMessage): Promise<StartedChat> {
    try {
      return this.remember(await this.call('POST', 'chats', startedChatSchema, first));
    } catch (err) {
      if (err instanceof TransportError && err.activeChat) this.remember(err.activeChat);
      throw err;
    }
  }

  async getActiveChat(): Promise<StartedChat | null> {
    const chat = await this.call('GET', 'chats/active', startedChatSchema, undefined, true);
    return chat ? this.remember(chat) : null;
  }

  connect(ticketId: string, handlers: ConnectionHandlers): MemoryTicketConnection {
    let generation = 0;
    let live: { receive(raw: unknown): Promise<void>; close(): void } | null = null;
    let stopped = false;
    const { backend } = this.options;

    const open = async (): Promise<void> => {
      const gen = ++generation;
      handlers.state('connecting');
      const url = new URL(`${BASE}/parties/ticket/${ticketId}`);
      url.searchParams.set('token', this.ticketTokens.get(ticketId) ?? '');
      url.searchParams.set('v', String(PROTOCOL_VERSION));
      // Frames of a cut connection are lost, as on a network.
      const deliver = (frame: ServerFrame): void => {
        const text = JSON.stringify(frame);
        queueMicrotask(() => gen === generation && !stopped && handlers.frame(JSON.parse(text) as ServerFrame));
      };
      const gate = await gateSocket(url, this.origin, ticketId, backend.env, backend.now());
      const result = gate.ok ? await backend.connect(ticketId, gate.claims, deliver) : gate;
      if (gen !== generation || stopped) {
        if (!('ok' in result)) result.close();
        return;
      }
      if ('ok' in result) {
        handlers.frame({ type: 'error', code: result.code, message: result.message });
        stopped = true;
        handlers.state('unauthorized');
        return;
      }
      live = result;
      handlers.state('open');
    };
    void open();

    return {
      send(frame) {
        const conn = live;
        if (conn) {
          const text = JSON.stringify(frame);
          queueMicrotask(() => void conn.receive(text));
        }
      },
      close() {
        stopped = true;
        generation++;
        live?.close();
        live = null;
        handlers.state('closed');
      },
      drop(reconnectAfterMs = 0) {
        if (stopped) return;
        generation++;
        live?.close();
        live = null;
        handlers.state('connecting');
        setTimeout(() => !stopped && void open(), reconnectAfterMs);
      },
    };
  }

  private remember(chat: StartedChat): StartedChat {
    if (chat.ticketToken) this.ticketTokens.set(chat.ticket.id, chat.ticketToken);
    return chat;
  }

  private async call<T>(method: string, route: string, schema: Schema<T>, body?: unknown, empty = false): Promise<T> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (route.startsWith('chats')) {
      if (!this.session) await this.getSession();
      headers.Authorization = `Bearer ${this.session!.token}`;
    }
    const request = new Request(`${BASE}/parties/main/${this.options.shop}/${route}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const response = await this.options.backend.fetch(request, this.origin);
    if (response.status === 204 && empty) return null as T;
    const json: unknown = await response.json();
    if (!response.ok) {
      const { code, message } = (json as { error: { code: string; message: string } }).error;
      const active = code === 'chat_active' ? validate(startedChatSchema, json) : null;
      throw new TransportError(code, message, response.status, active?.ok ? active.frame : undefined);
    }
    const parsed = validate(schema, json);
    if (!parsed.ok) throw new TransportError('bad_response', parsed.error.message, response.status);
    return parsed.frame;
  }
}

export const createMemoryTransport = (options: MemoryTransportOptions): MemoryTransport => new MemoryTransport(options);
