// The per-caller lookups of `/api/v1` against real PostgreSQL: roles and votes asked for by many
// callers in one turn come from one statement each, with every caller getting their own answer
// (no one sees another's role or vote; an inactive member, an unknown room, a vote not cast: none).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database, type Queryable } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../testing.js';
import { batchedVotes, memberRoles } from './boardroom-queries.js';

let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = openPostgres({ url: testDb.url, poolSize: 2 });
  await migrate(db);
  await db.query(`INSERT INTO users (id, email, name) SELECT 'u' || i, 'u' || i || '@example.com', 'User ' || i FROM generate_series(1, 6) i`);
  await db.query(`INSERT INTO boardrooms (id, name, created_by) VALUES ('audit', 'Audit', 'u1'), ('risk', 'Risk', 'u2')`);
  await db.query(
    `INSERT INTO boardroom_members (boardroom_id, user_id, role, active, added_at) VALUES
     ('audit', 'u1', 'owner', true, 0), ('audit', 'u2', 'member', true, 0), ('audit', 'u3', 'observer', true, 0),
     ('audit', 'u4', 'member', false, 0), ('risk', 'u2', 'owner', true, 0), ('risk', 'u5', 'admin', true, 0)`,
  );
  await db.query(
    `INSERT INTO decisions (id, boardroom_id, motion, options, deadline, status, opened_by, opened_at) VALUES
     ('d1', 'audit', 'Approve the audit plan', '["for","against"]', 0, 'open', 'u1', 0),
     ('d2', 'audit', 'Appoint the auditor', '["for","against"]', 0, 'open', 'u1', 0),
     ('d3', 'risk', 'Adopt the risk register', '["for","against"]', 0, 'open', 'u2', 0)`,
  );
  await db.query(
    `INSERT INTO votes (decision_id, user_id, boardroom_id, option, cast_at) VALUES
     ('d1', 'u1', 'audit', 'for', 0), ('d1', 'u2', 'audit', 'against', 0), ('d2', 'u2', 'audit', 'for', 0), ('d3', 'u5', 'risk', 'against', 0)`,
  );
});
afterAll(async () => {
  await db.close();
  await testDb.drop();
});

function counted(): Queryable & { statements: number } {
  const q = {
    statements: 0,
    query: <Row>(sql: string, params?: unknown[]) => {
      q.statements += 1;
      return db.query<Row>(sql, params);
    },
  };
  return q;
}

describe('batched per-caller lookups', () => {
  it('answers the role asks of one turn from one statement, each with its own pair', async () => {
    const q = counted();
    const roleIn = memberRoles(q);
    const asks: Array<[string, string]> = [
      ['audit', 'u1'],
      ['audit', 'u2'],
      ['audit', 'u3'],
      ['audit', 'u4'],
      ['risk', 'u2'],
      ['risk', 'u1'],
      ['nowhere', 'u1'],
      ['audit', 'u2'],
    ];
    const roles = await Promise.all(asks.map(([room, user]) => roleIn(room, user)));
    expect(roles).toEqual(['owner', 'member', 'observer', null, 'owner', null, null, 'member']);
    expect(q.statements).toBe(1);
    // A later turn asks again.
    expect(await roleIn('risk', 'u5')).toBe('admin');
    expect(q.statements).toBe(2);
  });

  it("answers the vote asks of one turn from one statement, each caller seeing only their own votes", async () => {
    const q = counted();
    const votesOf = batchedVotes(q);
    const [u1, u2, u5, u6, none] = await Promise.all([
      votesOf('u1', ['d1', 'd2']),
      votesOf('u2', ['d1', 'd2', 'd3']),
      votesOf('u5', ['d3', 'd1']),
      votesOf('u6', ['d1']),
      votesOf('u1', []),
    ]);
    expect(Object.fromEntries(u1!)).toEqual({ d1: 'for' });
    expect(Object.fromEntries(u2!)).toEqual({ d1: 'against', d2: 'for' });
    expect(Object.fromEntries(u5!)).toEqual({ d3: 'against' });
    expect(u6!.size).toBe(0);
    expect(none!.size).toBe(0);
    expect(q.statements).toBe(1);
  });
});
