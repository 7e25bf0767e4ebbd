/**
 * The transport conformance kit (issue 15), from `customer-hub-chat/testing.js`: checks
 * an integrator's `ChatTransport` and the backend behind it against the contract in
 * `types.ts`, by driving real `ChatClient`s through it: delivery once and in order across
 * cuts (both ways), resume after a reload without re-announcing history, end of chat,
 * and receipts. Each check is `{name, run}` and throws when the contract is broken, so
 * any test runner runs them:
 *
 * ```ts
 * for (const check of transportConformance({ transport, teamReply, teamRead })) test(check.name, check.run);
 * ```
 */
import { ChatClient } from '../client/chat-client.js';
import type { ChatMessage } from '../client/message-list.js';
import type { ChatTransport, ConnectionHandlers, TicketConnection } from './types.js';

export interface ConformanceOptions {
  /**
   * A transport for one new page of the logged-in shopper named `shopper` (make them a
   * customer of the backend's; each check uses its own, and at most two chats): each
   * call is a reload, a fresh transport as a new page would make. Checks run one after
   * the other, each ending its chats.
   */
  transport(shopper: string): ChatTransport | Promise<ChatTransport>;
  /** The team's side, through the backend: posts a team message into the ticket. */
  teamReply(ticketId: string, body: string): Promise<void>;
  /** The team's side: the team has read the ticket up to `seq`. */
  teamRead(ticketId: string, seq: number): Promise<void>;
  /**
   * Cuts the shopper's live connections as a network would. Default: the kit closes the
   * connection under the client and reports `closed`, so the client makes a new one
   * through `connect` and resumes with `hello`.
   */
  cut?(): void | Promise<void>;
  /** How long a check waits for what it expects; default 15 s. */
  timeoutMs?: number;
}

export interface ConformanceCheck {
  name: string;
  run(): Promise<void>;
}

/** A shopper page: a client over the integrator's transport, with the kit's hand on its connection. */
interface Page {
  client: ChatClient;
  announced: ChatMessage['body'][];
  cut(): Promise<void>;
}

export function transportConformance(options: ConformanceOptions): ConformanceCheck[] {
  const timeoutMs = options.timeoutMs ?? 15_000;

  /** The clients' error events, told with a timeout: what the integrator's backend answered. */
  const errors: string[] = [];

  async function until<T>(what: string, read: () => T | undefined | false): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    errors.length = 0;
    for (;;) {
      const value = read();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) {
        throw new Error(`transport conformance: timed out waiting for ${what}${errors.length ? ` (client errors: ${errors.join('; ')})` : ''}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async function page(shopper: string): Promise<Page> {
    const inner = await options.transport(shopper);
    let live: { connection: TicketConnection; handlers: ConnectionHandlers; cut: boolean } | null = null;
    // Bound, not spread: a transport class may keep #private state.
    const transport: ChatTransport = {
      getConfig: (signal) => inner.getConfig(signal),
      getSession: () => inner.getSession(),
      startChat: (first) => inner.startChat(first),
      getActiveChat: () => inner.getActiveChat(),
      connect: (ticketId, handlers) => connect(ticketId, handlers),
    };
    const connect = (ticketId: string, handlers: ConnectionHandlers): TicketConnection => {
      const entry = { connection: null as unknown as TicketConnection, handlers, cut: false };
      entry.connection = inner.connect(ticketId, {
        frame: (f) => !entry.cut && handlers.frame(f),
        state: (s, refusal) => !entry.cut && handlers.state(s, refusal),
      });
      live = entry;
      return { send: (frame) => entry.connection.send(frame), close: () => entry.connection.close() };
    };
    const client = new ChatClient({ transport, storage: null });
    const announced: string[] = [];
    client.on('message', (m) => announced.push(m.body));
    client.on('error', (e) => errors.push(`${e.code}: ${e.message}`));
    return {
      client,
      announced,
      cut: async () => {
        if (options.cut) return options.cut();
        const entry = live;
        if (!entry || entry.cut) return;
        entry.cut = true;
        entry.connection.close();
        entry.handlers.state('closed');
      },
    };
  }

  const bodies = (c: ChatClient, role: 'shopper' | 'team') =>
    c.$messages.get().filter((m) => (role === 'shopper' ? m.author.role === 'shopper' : m.author.role !== 'shopper')).map((m) => m.body);

  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

  /** A started page in its own new chat, with `first` sent and stored. */
  async function chat(shopper: string, first: string): Promise<{ p: Page; ticketId: string }> {
    const p = await page(shopper);
    await p.client.start();
    // A chat left open by an earlier check that failed is ended, so failures do not cascade.
    if (p.client.$ticket.get() && p.client.$ticket.get()!.status !== 'closed') {
      p.client.endChat();
      await until('the chat left open before this check to end', () => p.client.$ticket.get()?.status === 'closed');
    }
    p.client.send(first);
    const ticketId = await until('the first message to create a ticket', () => p.client.$ticket.get()?.id);
    await until(`"${first}" to be sent`, () => p.client.$messages.get().some((m) => m.body === first && m.state !== 'sending'));
    return { p, ticketId };
  }

  async function end(p: Page): Promise<void> {
    if (p.client.$ticket.get()?.status !== 'closed') {
      p.client.endChat();
      await until('the chat to end', () => p.client.$ticket.get()?.status === 'closed');
    }
    p.client.destroy();
  }

  async function reload(shopper: string): Promise<Page> {
    const p = await page(shopper);
    await p.client.start();
    return p;
  }

  const tag = () => Math.random().toString(36).slice(2, 8);
  /** Each check's own shopper, so one shopper's chat-start limit is never reached. */
  const shopper = (check: number) => `conformance-${check}`;

  return [
    {
      name: "delivers the shopper's messages once and in order across cuts",
      async run() {
        const t = tag();
        const sent = Array.from({ length: 8 }, (_, i) => `${t} shopper ${i + 1}`);
        const { p } = await chat(shopper(1), sent[0]!);
        for (let i = 1; i < sent.length; i++) {
          p.client.send(sent[i]!);
          if (i === 2 || i === 5) await p.cut();
        }
        await until('every message to be sent', () => p.client.$messages.get().filter((m) => m.author.role === 'shopper').every((m) => m.state !== 'sending' && m.state !== 'failed') || undefined);
        p.client.destroy();
        const again = await reload(shopper(1));
        try {
          const got = await until('the reloaded page to hold all the messages', () => {
            const list = bodies(again.client, 'shopper');
            return list.length >= sent.length && list;
          });
          if (!same(got, sent)) throw new Error(`transport conformance: stored ${JSON.stringify(got)}, sent ${JSON.stringify(sent)}`);
        } finally {
          await end(again);
        }
      },
    },
    {
      name: "delivers the team's messages once and in order across cuts",
      async run() {
        const t = tag();
        const { p, ticketId } = await chat(shopper(2), `${t} hello`);
        try {
          const replies = [`${t} team 1`, `${t} team 2`, `${t} team 3`];
          await options.teamReply(ticketId, replies[0]!);
          await until('the first team message', () => bodies(p.client, 'team').includes(replies[0]!));
          await p.cut();
          await options.teamReply(ticketId, replies[1]!);
          await options.teamReply(ticketId, replies[2]!);
          const got = await until('the team messages sent during the cut', () => {
            const list = bodies(p.client, 'team').filter((b) => b.startsWith(t));
            return list.length >= replies.length && list;
          });
          if (!same(got, replies)) throw new Error(`transport conformance: the shopper holds ${JSON.stringify(got)}, the team sent ${JSON.stringify(replies)}`);
          const events = p.announced.filter((b) => b.startsWith(t));
          if (!same(events, replies)) throw new Error(`transport conformance: 'message' events ${JSON.stringify(events)}, expected each team message once`);
        } finally {
          await end(p);
        }
      },
    },
    {
      name: 'resumes the chat after a reload without announcing history again',
      async run() {
        const t = tag();
        const { p, ticketId } = await chat(shopper(3), `${t} before the reload`);
        await options.teamReply(ticketId, `${t} a reply`);
        await until('the team reply', () => bodies(p.client, 'team').includes(`${t} a reply`));
        p.client.destroy();
        const again = await reload(shopper(3));
        try {
          await until('the reloaded page to show the same chat', () => again.client.$ticket.get()?.id === ticketId);
          await until('the history after the reload', () => bodies(again.client, 'team').includes(`${t} a reply`));
          // Announcing history again would ring and count it unread on every page (Ticket.lastMessage).
          if (again.announced.length) throw new Error(`transport conformance: a reload announced ${JSON.stringify(again.announced)} again (is Ticket.lastMessage given?)`);
        } finally {
          await end(again);
        }
      },
    },
    {
      name: 'ends the chat, and the next message starts a new one',
      async run() {
        const t = tag();
        const { p, ticketId } = await chat(shopper(4), `${t} to end`);
        await end(p);
        const again = await reload(shopper(4));
        try {
          const restored = again.client.$ticket.get();
          if (restored?.id === ticketId && restored.status !== 'closed') {
            throw new Error('transport conformance: after a reload the ended chat is open again (getActiveChat returned it)');
          }
          again.client.startNewChat();
          again.client.send(`${t} a new question`);
          const next = await until('a new ticket', () => again.client.$ticket.get()?.id);
          if (next === ticketId) throw new Error('transport conformance: a message after the end went to the ended chat');
        } finally {
          await end(again);
        }
      },
    },
    {
      name: 'turns the team reading into "seen"',
      async run() {
        const t = tag();
        const { p, ticketId } = await chat(shopper(5), `${t} read me`);
        try {
          const seq = await until('the stored seq', () => p.client.$messages.get().find((m) => m.body === `${t} read me`)?.seq);
          await options.teamRead(ticketId, seq);
          await until('the message to show "seen"', () => p.client.$messages.get().find((m) => m.seq === seq)?.state === 'seen');
        } finally {
          await end(p);
        }
      },
    },
  ];
}
