// Refills search_items and the FTS tables from the projection tables and document_pages, in chunks of
// one short transaction each with the event loop free in between. Runs when SEARCH_SCHEMA_VERSION
// differs from the stored one (including the first start after migration 0002). The triggers keep
// working meanwhile; every chunk reads current rows, so a row edited mid-rebuild ends up right either way.
import type { Sqlite } from '../store/db.js';

/** Bump when what the triggers or views put in the index changes, so existing workspaces re-index. */
export const SEARCH_SCHEMA_VERSION = 1;

const CHUNK_ROWS = 1_000;
const PAGE_CHUNK_ROWS = 250;

const ITEM_SOURCES = ['boardroom', 'meeting', 'agenda', 'action', 'decision', 'document', 'person'] as const;
const FULLTEXT_SOURCES = ['agenda', 'minutes', 'document'] as const;

export function storedSchemaVersion(sqlite: Sqlite): number | null {
  const row = sqlite.prepare("SELECT value FROM search_meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  return row ? Number(row.value) : null;
}

export function setStoredSchemaVersion(sqlite: Sqlite, version: number): void {
  sqlite.prepare("INSERT OR REPLACE INTO search_meta (key, value) VALUES ('schema_version', ?)").run(String(version));
}

export interface RebuildHooks {
  progress(done: number, total: number): void;
  /** Yields to the event loop; resolves false when the service closed and the rebuild must stop. */
  pause(): Promise<boolean>;
}

/** Returns false when stopped before the end (the stored version stays, so the next start redoes it). */
export async function rebuildSearchIndex(sqlite: Sqlite, version: number, hooks: RebuildHooks): Promise<boolean> {
  const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
  const total =
    ITEM_SOURCES.reduce((n, kind) => n + count(`SELECT count(*) AS n FROM search_source_${kind}`), 0) +
    FULLTEXT_SOURCES.reduce((n, kind) => n + count(`SELECT count(*) AS n FROM fulltext_source_${kind}`), 0) +
    count('SELECT count(*) AS n FROM document_pages');
  let done = 0;
  hooks.progress(0, total);

  // Deletions noted before now are covered: vanished rows become tombstones below, FTS is refilled.
  sqlite.prepare('DELETE FROM search_dirty').run();

  // Instant feed: every row again with a fresh clock, so a renderer index that predates the rebuild
  // receives it all; rows that no longer have a source become tombstones at the end.
  const startClock = (sqlite.prepare('SELECT coalesce(max(clock), 0) AS c FROM search_items').get() as { c: number }).c;
  for (const kind of ITEM_SOURCES) {
    const ok = await inChunks(sqlite, `search_source_${kind}`, hooks, (from, to) => {
      const n = sqlite
        .prepare(
          `INSERT OR REPLACE INTO search_items (kind, id, title, subtitle, boardroom_id, meeting_id, at, deleted, clock)
           SELECT kind, id, title, subtitle, boardroom_id, meeting_id, at, deleted,
             (SELECT coalesce(max(clock), 0) FROM search_items) + row_number() OVER (ORDER BY src)
           FROM search_source_${kind} WHERE src > ? AND src <= ?`,
        )
        .run(from, to).changes;
      hooks.progress((done += n), total);
    });
    if (!ok) return false;
  }
  sqlite.transaction(() => {
    const stale = sqlite.prepare('SELECT kind, id FROM search_items WHERE clock <= ? AND deleted = 0').all(startClock) as Array<{ kind: string; id: string }>;
    const tombstone = sqlite.prepare(
      'UPDATE search_items SET deleted = 1, clock = (SELECT max(clock) FROM search_items) + 1 WHERE kind = ? AND id = ?',
    );
    for (const row of stale) tombstone.run(row.kind, row.id);
  })();

  // Full text of agenda items, minutes and document titles: emptied, then filled from the views. The
  // chunk's rows lead the join (CROSS JOIN): left to choose, SQLite walked every key of the kind and
  // looked each row up, 100-170 ms a chunk whatever its size, instead of 2.5 ms for 1,000 rows.
  for (;;) {
    const n = sqlite.transaction(() => {
      const ids = sqlite.prepare('SELECT rowid AS id FROM fulltext LIMIT ?').all(CHUNK_ROWS) as Array<{ id: number }>;
      const remove = sqlite.prepare('DELETE FROM fulltext WHERE rowid = ?');
      for (const { id } of ids) remove.run(id);
      return ids.length;
    })();
    if (n === 0) break;
    if (!(await hooks.pause())) return false;
  }
  // Keys of rows no longer there (all of them, now that fulltext is empty), a chunk at a time.
  const dropKeys = sqlite.prepare(
    `DELETE FROM fulltext_keys WHERE id IN (SELECT id FROM fulltext_keys WHERE id NOT IN (SELECT rowid FROM fulltext) LIMIT ${CHUNK_ROWS * 2})`,
  );
  while (dropKeys.run().changes > 0) if (!(await hooks.pause())) return false;
  for (const kind of FULLTEXT_SOURCES) {
    const ok = await inChunks(sqlite, `fulltext_source_${kind}`, hooks, (from, to) => {
      sqlite.prepare(`INSERT OR IGNORE INTO fulltext_keys (kind, ref) SELECT kind, ref FROM fulltext_source_${kind} WHERE src > ? AND src <= ?`).run(from, to);
      const n = sqlite
        .prepare(
          `INSERT INTO fulltext (rowid, title, body)
           SELECT k.id, v.title, v.body FROM fulltext_source_${kind} v CROSS JOIN fulltext_keys k ON k.kind = v.kind AND k.ref = v.ref
           WHERE v.src > ? AND v.src <= ? AND NOT EXISTS (SELECT 1 FROM fulltext f WHERE f.rowid = k.id)`,
        )
        .run(from, to).changes;
      hooks.progress((done += n), total);
    });
    if (!ok) return false;
  }

  // Document pages: the external-content index is dropped at once and refilled from the stored text.
  // Page writes wait meanwhile (the service runs extraction after the rebuild, never beside it).
  sqlite.prepare("INSERT INTO page_fts (page_fts) VALUES ('delete-all')").run();
  // A page is ~3,000 characters: FTS5 takes 50-140 µs each, so fewer a chunk than of the short rows.
  const ok = await inChunks(sqlite, 'document_pages', hooks, (from, to) => {
    const n = sqlite.prepare('INSERT INTO page_fts (rowid, text) SELECT id, text FROM document_pages WHERE id > ? AND id <= ?').run(from, to).changes;
    hooks.progress((done += n), total);
  }, 'id', PAGE_CHUNK_ROWS);
  if (!ok) return false;

  setStoredSchemaVersion(sqlite, version);
  hooks.progress(total, total);
  return true;
}

/** Calls `write(from, to]` over the source's rowids, `rows` at a time, one transaction each. */
async function inChunks(
  sqlite: Sqlite,
  source: string,
  hooks: RebuildHooks,
  write: (from: number, to: number) => void,
  key = 'src',
  rows = CHUNK_ROWS,
): Promise<boolean> {
  const boundary = sqlite.prepare(`SELECT max(${key}) AS to_ FROM (SELECT ${key} FROM ${source} WHERE ${key} > ? ORDER BY ${key} LIMIT ${rows})`);
  let from = -1;
  for (;;) {
    const to = (boundary.get(from) as { to_: number | null }).to_;
    if (to === null) return true;
    sqlite.transaction(() => write(from, to))();
    from = to;
    if (!(await hooks.pause())) return false;
  }
}
