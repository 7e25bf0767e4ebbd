/**
 * The inbox search (issue 17), headless: what the agent typed, the matching tickets
 * (`GET tickets?q=`, paged like the list) and their state. Results stay live on the
 * inbox's own ticket store, which the shop feed keeps: a ticket already found moves with
 * its activity, and one whose customer or newest message now matches moves in.
 */
import { atom, computed, type ReadableAtom } from 'nanostores';
import type { Ticket } from '../protocol/index.js';
import { MAX_SEARCH_CHARS, customerText, searchTerms, textsMatch } from '../protocol/search.js';
import type { TicketPage } from './inbox-api.js';

/** How long typing pauses before the search goes out: one request per word, not per key. */
const DEBOUNCE_MS = 250;

export type SearchState = 'idle' | 'loading' | 'ready' | 'error';

export interface InboxSearchOptions {
  tickets: ReadableAtom<ReadonlyMap<string, Ticket>>;
  /** One page of `GET tickets?q=`. */
  fetch(q: string, cursor: string | null): Promise<TicketPage>;
  /** Hands found tickets to the inbox's store (so opening one works as from the list). */
  take(tickets: Ticket[]): void;
}

/** Newest activity first, as the list. */
const byActivity = (a: Ticket, b: Ticket): number => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? 1 : -1);

export class InboxSearch {
  /** What the search field holds. */
  readonly $query = atom('');
  readonly $state = atom<SearchState>('idle');
  readonly $hasMore = atom(false);
  /** The ids the server found for the current query (and those that matched since). */
  private readonly $found = atom<ReadonlySet<string>>(new Set());
  /** The matching tickets, newest first; null while no search is active (the list shows). */
  readonly $results: ReadableAtom<Ticket[] | null>;
  private cursor: string | null = null;
  private request = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly stop: () => void;

  constructor(private readonly options: InboxSearchOptions) {
    this.$results = computed([this.$query, this.$found, options.tickets], (query, found, tickets) => {
      if (!searchTerms(query).length) return null;
      return [...found].flatMap((id) => tickets.get(id) ?? []).sort(byActivity);
    });
    // Live: a changed ticket the search has not found yet joins when it now matches.
    let before = options.tickets.get();
    this.stop = options.tickets.listen((tickets) => {
      const previous = before;
      before = tickets;
      const terms = searchTerms(this.$query.get());
      if (!terms.length || this.$state.get() !== 'ready') return;
      const found = this.$found.get();
      // Only the tickets this change touched (the store keeps unchanged copies as they were).
      const changed = [...tickets.values()].filter((t) => previous.get(t.id) !== t && t.handler === 'team' && !found.has(t.id));
      const joined = changed.filter((t) => textsMatch([customerText(t), t.lastMessage?.body ?? ''], terms));
      if (joined.length) this.$found.set(new Set([...found, ...joined.map((t) => t.id)]));
    });
  }

  /** Whether a search replaces the list now. */
  get active(): boolean {
    return searchTerms(this.$query.get()).length > 0;
  }

  /** Sets what is searched, after a pause in typing; an empty query shows the list again. */
  set(query: string): void {
    const q = query.slice(0, MAX_SEARCH_CHARS);
    if (q === this.$query.get()) return;
    this.$query.set(q);
    this.clearTimer();
    this.request++;
    this.$found.set(new Set());
    this.$hasMore.set(false);
    if (!searchTerms(q).length) return this.$state.set('idle');
    this.$state.set('loading');
    this.timer = setTimeout(() => void this.load(false), DEBOUNCE_MS);
  }

  /** Searches again from the first page (the list's tab or channel changed). */
  refresh(): void {
    if (!this.active) return;
    this.clearTimer();
    this.request++;
    this.$found.set(new Set());
    this.$state.set('loading');
    void this.load(false);
  }

  /** Clears the search (Escape): the list shows again. */
  clear(): void {
    this.set('');
  }

  /** The next page of results. */
  more(): void {
    if (this.$hasMore.get() && this.$state.get() === 'ready') void this.load(true);
  }

  destroy(): void {
    this.clearTimer();
    this.stop();
  }

  private async load(more: boolean): Promise<void> {
    this.timer = null;
    const request = ++this.request;
    const q = this.$query.get();
    this.$state.set('loading');
    try {
      const page = await this.options.fetch(q, more ? this.cursor : null);
      if (request !== this.request) return;
      this.options.take(page.tickets);
      this.cursor = page.nextCursor;
      this.$found.set(new Set([...(more ? this.$found.get() : []), ...page.tickets.map((t) => t.id)]));
      this.$hasMore.set(page.nextCursor !== null);
      this.$state.set('ready');
    } catch {
      if (request === this.request) this.$state.set('error');
    }
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
