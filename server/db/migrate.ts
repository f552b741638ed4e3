// Applies the migrations drizzle-kit generated in drizzle/server, in journal order, once each.
// Several server processes may start at once: an advisory lock lets one of them migrate at a time.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle/server/', import.meta.url));
const MIGRATION_LOCK = 0x5eed_0001;

interface Journal {
  entries: Array<{ idx: number; tag: string }>;
}

export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const journal = JSON.parse(await readFile(`${dir}meta/_journal.json`, 'utf8')) as Journal;
  const entries = [...journal.entries].sort((a, b) => a.idx - b.idx);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS server_migrations (tag text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await tx.query<{ tag: string }>('SELECT tag FROM server_migrations')).map((r) => r.tag));
    const applied: string[] = [];
    for (const { tag } of entries) {
      if (done.has(tag)) continue;
      const sql = await readFile(`${dir}${tag}.sql`, 'utf8');
      for (const statement of sql.split('--> statement-breakpoint')) {
        if (statement.trim()) await tx.query(statement);
      }
      await tx.query('INSERT INTO server_migrations (tag) VALUES ($1)', [tag]);
      applied.push(tag);
    }
    return applied;
  });
}
