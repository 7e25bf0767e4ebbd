/**
 * The team's side of one ticket (R14–R17): the shared delivery engine
 * (`TicketThread`) with an agent's outbox, replies, retries and the view state the
 * inbox shows. Agents answer tickets, they never start one.
 */
import { atom } from 'nanostores';
import { compose, isComposed } from '../client/compose.js';
import { CustomerStorage } from '../client/customer-storage.js';
import { chatError } from '../client/errors.js';
import { onPage } from '../client/page-events.js';
import { Outbox, type KeyValueStore, type OutboxEntry } from '../client/outbox.js';
import { TicketThread } from '../client/ticket-thread.js';
import { AgentNotes } from './agent-notes.js';
import type { Attachment, Ticket } from '../protocol/index.js';
import type { ChatTransport } from '../transports/types.js';
import { AgentSide } from './agent-side.js';

export interface AgentThreadOptions {
  connect: ChatTransport['connect'];
  agent: { id: string; name: string };
  storage: KeyValueStore | null;
  /** Namespace of the persisted keys: the outbox is kept per agent under it. */
  storageKey: string;
}

export class AgentThread extends TicketThread {
  /** `loading` until the ticket is taken up, then `thread`, or `ended` once closed. */
  readonly $view = atom<'loading' | 'thread' | 'ended'>('loading');
  /** Events, presence and assignment: the agents' part of the room (issue 17). */
  readonly side: AgentSide;
  /** The ticket's internal notes (issue 17), on the same socket. */
  readonly notes: AgentNotes;
  private readonly stopStorage: () => void;

  constructor(private readonly agentOptions: AgentThreadOptions) {
    const side = new AgentSide(agentOptions.agent.id);
    const notes = new AgentNotes(() => agentOptions.agent);
    super({
      side: 'agent',
      connect: notes.wrap(side.wrap(agentOptions.connect)),
      // The agent's token is asked for on every connect: reconnecting is the renewal.
      reauthorize: async () => undefined,
      authorName: () => agentOptions.agent.name,
      ackTimeoutMs: 15_000,
      resendIntervalMs: 100,
      initialWindow: 50,
    });
    this.events.on('closed', () => {
      if (this.$view.get() === 'ended') return;
      this.$view.set('ended');
      this.$typing.set(null);
    });
    this.side = side;
    this.notes = notes;
    this.stopStorage = this.watchStorage();
  }

  /** Writes an internal note after the newest message: agents only see it (issue 17); never a reply. */
  sendNote(text: string): string | null {
    return this.notes.send(text, this.$messages.get().reduce((max, m) => Math.max(max, m.seq ?? 0), 0));
  }

  /** Takes up the ticket with this agent's unsent replies (each stays with its own ticket). */
  start(ticket: Ticket): void {
    const { storage, storageKey, agent } = this.agentOptions;
    const saved = new CustomerStorage(storage, storageKey);
    saved.claim(agent.id);
    this.outbox = new Outbox(storage, saved.keyOf('outbox', agent.id));
    this.adopt(ticket);
    this.$view.set(ticket.status === 'closed' ? 'ended' : 'thread');
    this.open();
  }

  /** Sends a reply; returns its clientId, or null when there is nothing to send or the ticket is closed. */
  send(text: string, attachments: Attachment[] = []): string | null {
    const composed = compose(text, attachments);
    if (!composed) return null;
    const ticket = this.$ticket.get();
    if (!isComposed(composed) || !ticket || ticket.status === 'closed' || !this.outbox) {
      this.events.emit('error', isComposed(composed) ? chatError('ticket_closed') : composed);
      return null;
    }
    const entry: OutboxEntry = { ...composed, ticketId: ticket.id, customerId: this.agentOptions.agent.id };
    this.outbox.add(entry);
    this.refresh();
    this.enqueue(entry);
    return entry.clientId;
  }

  /** Sends a failed reply again. */
  retry(clientId: string): void {
    const entry = this.outbox?.get(clientId);
    if (!entry) return;
    this.unfail(clientId);
    this.enqueue(entry);
  }

  override destroy(): void {
    this.stopStorage();
    super.destroy();
  }

  /** Another tab of this agent changed the outbox: show its replies, and send them from here as well. */
  private watchStorage(): () => void {
    return onPage({ storage: (e) => this.outbox?.reloadOn((e as StorageEvent).key) && this.takeUpOutbox() });
  }
}
