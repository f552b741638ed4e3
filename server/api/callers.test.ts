// Callers against real PostgreSQL: a valid token names its active user; a deactivated account is
// refused once its check is ACTIVE_CHECK_MS old, and sooner when a background re-check (after half
// that) has seen it; a reader's requests do not wait for those re-checks; the checks of one turn
// share one statement.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tokenIssuer, type TokenIssuer } from '../auth/tokens.js';
import { openPostgres, type Database, type Queryable } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../testing.js';
import { ACTIVE_CHECK_MS, Callers } from './callers.js';

let testDb: TestDatabase;
let db: Database;
const tokens: TokenIssuer = tokenIssuer(new TextEncoder().encode('a test secret of thirty-two bytes!'), 900);

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = openPostgres({ url: testDb.url, poolSize: 4 });
  await migrate(db);
});
afterAll(async () => {
  await db.close();
  await testDb.drop();
});

/** The database, with the statements that reached it counted (what the batching is about). */
function counted(): Queryable & { statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    query: (sql, params) => {
      statements.push(sql);
      return db.query(sql, params);
    },
  };
}

async function newUser(): Promise<{ id: string; bearer: string }> {
  const id = randomUUID();
  await db.query('INSERT INTO users (id, email, name, active) VALUES ($1, $2, $3, true)', [id, `${id}@example.com`, `User ${id.slice(0, 4)}`]);
  return { id, bearer: `Bearer ${await tokens.issue({ userId: id, deviceId: 'laptop' })}` };
}

const deactivate = (id: string) => db.query('UPDATE users SET active = false WHERE id = $1', [id]);
/** Time for a background check, were one started, to have run. */
const settle = () => new Promise((r) => setTimeout(r, 100));

describe('Callers', () => {
  it('names the active user of a valid token and refuses missing, forged and deactivated ones with 401', async () => {
    const callers = new Callers(tokens, db);
    const ada = await newUser();
    expect(await callers.authenticate(ada.bearer)).toMatchObject({ id: ada.id, email: `${ada.id}@example.com` });
    await expect(callers.authenticate(undefined)).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/^sign in first/) });
    await expect(callers.authenticate(`${ada.bearer}x`)).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/invalid or expired/) });
    const bob = await newUser();
    await deactivate(bob.id);
    await expect(callers.authenticate(bob.bearer)).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/deactivated/) });
  });

  it('re-checks a reader in the background once the check is half ACTIVE_CHECK_MS old, without making the request wait', async () => {
    let clock = Date.now();
    const q = counted();
    const callers = new Callers(tokens, q, () => clock);
    const ada = await newUser();
    await callers.authenticate(ada.bearer);
    expect(q.statements).toHaveLength(1);
    await deactivate(ada.id);

    // Younger than half: served from memory, nothing asked.
    clock += ACTIVE_CHECK_MS / 2 - 100;
    expect(await callers.authenticate(ada.bearer)).toMatchObject({ id: ada.id });
    await settle();
    expect(q.statements).toHaveLength(1);

    // Half as old: still answered from memory at once, while the re-check runs behind it...
    clock += 200;
    const before = q.statements.length;
    expect(await callers.authenticate(ada.bearer)).toMatchObject({ id: ada.id });
    expect(q.statements).toHaveLength(before);
    // ...and once it has seen the deactivation, the account is refused (one re-check, however often asked).
    await vi.waitFor(() => expect(callers.authenticate(ada.bearer)).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/deactivated/) }));
    expect(q.statements).toHaveLength(before + 1);
  });

  it('waits for a check once the last one is ACTIVE_CHECK_MS old, and checks the callers of one turn with one statement', async () => {
    let clock = Date.now();
    const q = counted();
    const callers = new Callers(tokens, q, () => clock);
    const people = await Promise.all(Array.from({ length: 30 }, () => newUser()));
    // Verifying new tokens takes turns of its own; with them known, the next requests all come in one.
    await Promise.all(people.map((p) => callers.authenticate(p.bearer)));
    await deactivate(people[7]!.id);
    clock += ACTIVE_CHECK_MS + 1;
    q.statements.length = 0;
    const results = await Promise.allSettled(people.map((p) => callers.authenticate(p.bearer)));
    expect(q.statements).toHaveLength(1);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(29);
    expect(results[7]).toMatchObject({ status: 'rejected', reason: { status: 401 } });
  });
});
