// The database layer against real PostgreSQL and embedded PGlite: migrations apply once, and a
// transaction that throws leaves nothing behind.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing.js';
import { openPglite, openPostgres, type Database } from './database.js';
import { migrate } from './migrate.js';

let testDb: TestDatabase;
let pglDir: string;
const opened: Database[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase();
  pglDir = await mkdtemp(join(tmpdir(), 'boardroom-pglite-'));
});
afterAll(async () => {
  for (const db of opened) await db.close();
  await testDb.drop();
  await rm(pglDir, { recursive: true, force: true });
});

const backends: Array<[string, () => Promise<Database>]> = [
  ['postgres', async () => openPostgres({ url: testDb.url })],
  ['pglite', async () => openPglite(pglDir)],
];

describe.each(backends)('%s', (_name, open) => {
  it('applies the migrations once, rolls back a failed transaction and returns int8 as numbers', async () => {
    const db = await open();
    opened.push(db);
    expect(await migrate(db)).toEqual(['0000_init', '0001_api_projections', '0002_seed_indexes']);
    expect(await migrate(db)).toEqual([]);

    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO doc_updates (doc_id, data) VALUES ('room:a', $1)`, [new Uint8Array([1, 2])]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query(`SELECT * FROM doc_updates`)).toEqual([]);

    await db.transaction((tx) => tx.query(`INSERT INTO doc_updates (doc_id, data) VALUES ('room:a', $1)`, [new Uint8Array([7])]));
    const [row] = await db.query<{ seq: number; data: Uint8Array }>(`SELECT seq, data FROM doc_updates`);
    expect(typeof row!.seq).toBe('number');
    expect([...row!.data]).toEqual([7]);
  });
});
