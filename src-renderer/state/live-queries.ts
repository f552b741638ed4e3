// What is on screen, and which projection tables it reads. `changed` events name tables; they are
// coalesced per animation frame and only the mounted queries that read one of them refetch.
import type { ProjectionTable } from '../../src-shared/docs/projection';
import { frameScheduler } from './frame';

export type Tables = readonly ProjectionTable[];

export interface LiveQuery {
  tables: Tables;
  refresh(): void;
}

const active = new Set<LiveQuery>();
let pendingTables = new Set<ProjectionTable>();
let pendingAll = false;

const flushSoon = frameScheduler(flush);

export function registerQuery(query: LiveQuery): () => void {
  active.add(query);
  return () => active.delete(query);
}

/** Marks tables as changed; what reads them refetches once on the next frame. */
export function invalidate(tables: Tables | 'all'): void {
  if (tables === 'all') pendingAll = true;
  else for (const t of tables) pendingTables.add(t);
  flushSoon();
}

function flush(): void {
  const all = pendingAll;
  const tables = pendingTables;
  pendingAll = false;
  pendingTables = new Set();
  for (const query of [...active]) {
    if (all || query.tables.some((t) => tables.has(t))) query.refresh();
  }
}

/**
 * Serializes one fetch: while a run is in flight, further refreshes collapse into one rerun after
 * it, so an older answer can never land after a newer one.
 */
export function serialRefresher(run: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const go = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    run()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          go();
        }
      });
  };
  return go;
}
