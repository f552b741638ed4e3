// What the search worker does, apart from comlink: loads the saved snapshot, catches up from main's
// feed in batches, answers queries, and saves a new snapshot when enough has changed. Pure of any
// transport, so tests drive it with a feed source over a real local store.
import type { FeedPage } from '../src-shared/search';
import { createSearchIndex, loadSearchIndex, type SearchHit, type SearchIndex, type SearchOptions } from './search-index';

export type InstantFilters = Omit<SearchOptions, 'rooms'>;

/** How the worker reaches main (through the renderer's contract client). */
export interface FeedSource {
  feed(after: number, limit: number): Promise<FeedPage>;
  loadSnapshot(): Promise<{ clock: number; data: string } | null>;
  saveSnapshot(clock: number, data: string): Promise<void>;
}

export interface EngineStatus {
  ready: boolean;
  size: number;
  clock: number;
  /** How the index started: from a snapshot (with its load time) or built from the feed. */
  start: { from: 'snapshot' | 'feed'; loadMs: number; caughtUp: number };
}

export const FEED_BATCH = 5_000;
/** A snapshot is written once this many entries changed since the last one (or at the first build). */
export const SNAPSHOT_AFTER = 2_000;

export class SearchEngine {
  private index: SearchIndex = createSearchIndex();
  private clock = 0;
  private snapshotClock = -1;
  private changedSinceSnapshot = 0;
  private rooms: ReadonlySet<string> | null = null;
  private catching: Promise<void> | null = null;
  private again = false;
  private started: Promise<void> | null = null;
  private start: EngineStatus['start'] = { from: 'feed', loadMs: 0, caughtUp: 0 };

  constructor(private readonly source: FeedSource) {}

  /** Loads the snapshot (if any) and catches up; later calls return the same promise. */
  open(): Promise<void> {
    this.started ??= (async () => {
      const t0 = performance.now();
      const snapshot = await this.source.loadSnapshot().catch(() => null);
      const loaded = snapshot ? loadSearchIndex(snapshot.data) : null;
      if (snapshot && loaded) {
        this.index = loaded;
        this.clock = this.snapshotClock = snapshot.clock;
        this.index.warm();
        this.start = { from: 'snapshot', loadMs: performance.now() - t0, caughtUp: 0 };
      }
      const applied = await this.catchUp();
      this.start.caughtUp = applied;
    })();
    return this.started;
  }

  /** Pulls every feed entry after the last indexed clock. Concurrent calls coalesce into one more pass. */
  async catchUp(): Promise<number> {
    if (this.catching) {
      this.again = true;
      await this.catching;
      return 0;
    }
    let applied = 0;
    this.catching = (async () => {
      do {
        this.again = false;
        for (;;) {
          const page = await this.source.feed(this.clock, FEED_BATCH);
          this.rooms = new Set(page.readableRooms);
          if (page.items.length) this.index.apply(page.items);
          applied += page.items.length;
          this.changedSinceSnapshot += page.items.length;
          this.clock = Math.max(this.clock, page.clock);
          if (!page.more) break;
        }
      } while (this.again);
      this.index.warm();
    })();
    try {
      await this.catching;
    } finally {
      this.catching = null;
    }
    if (this.changedSinceSnapshot >= SNAPSHOT_AFTER || (this.snapshotClock < 0 && this.clock > 0)) await this.saveSnapshot();
    return applied;
  }

  async saveSnapshot(): Promise<void> {
    const clock = this.clock;
    const data = this.index.toJSON();
    await this.source.saveSnapshot(clock, data);
    this.snapshotClock = clock;
    this.changedSinceSnapshot = 0;
  }

  search(query: string, filters: InstantFilters): SearchHit[] {
    return this.index.search(query, { ...filters, rooms: this.rooms });
  }

  status(): EngineStatus {
    return { ready: this.started !== null && this.catching === null, size: this.index.size(), clock: this.clock, start: this.start };
  }
}
