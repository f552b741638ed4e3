// The list and search statements of `/api/v1` use the seed's indexes: EXPLAIN on a database seeded
// large enough (and ANALYZEd) that the planner prefers an index on its own merits; no planner
// settings are changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../testing.js';
import { boardroomListSql, memberRolesSql, votesOfPairsSql } from './boardroom-queries.js';
import type { ListParams } from './params.js';
import { decisionListSql, documentListSql, meetingListSql, voteListSql } from './room-lists.js';

let testDb: TestDatabase;
let db: Database;
const BIG = 'big-room';

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = openPostgres({ url: testDb.url, poolSize: 2 });
  await migrate(db);
  await db.query(`INSERT INTO users (id, email, name) SELECT 'u' || i, 'u' || i || '@example.com', 'User ' || i FROM generate_series(1, 2000) i`);
  await db.query(`INSERT INTO boardrooms (id, name, created_by) SELECT 'r' || i, 'Room ' || i, 'u1' FROM generate_series(1, 300) i`);
  await db.query(`INSERT INTO boardrooms (id, name, created_by) VALUES ($1, 'Big room', 'u1')`, [BIG]);
  await db.query(
    `INSERT INTO boardroom_members (boardroom_id, user_id, role, active, added_at)
     SELECT 'r' || r, 'u' || (1 + (r * 7 + k) % 2000), CASE WHEN k % 5 = 0 THEN 'observer' ELSE 'member' END, k % 9 <> 0, 0
     FROM generate_series(1, 300) r, generate_series(1, 12) k ON CONFLICT DO NOTHING`,
  );
  await db.query(`INSERT INTO boardroom_members (boardroom_id, user_id, role, active, added_at) VALUES ($1, 'u1', 'owner', true, 0)`, [BIG]);
  // 20,000 meetings in the big room (a fifth of them scheduled), 10 in each small one.
  await db.query(
    `INSERT INTO meetings (id, boardroom_id, title, scheduled_at, status)
     SELECT 'bm' || i, $1, 'Meeting ' || i, 1700000000000 + i::bigint * 3600000, CASE WHEN i % 5 = 0 THEN 'scheduled' ELSE 'completed' END
     FROM generate_series(1, 20000) i`,
    [BIG],
  );
  await db.query(
    `INSERT INTO meetings (id, boardroom_id, title, scheduled_at, status)
     SELECT 'm' || r || '-' || i, 'r' || r, 'Meeting ' || i, 1700000000000 + i::bigint * 86400000, 'scheduled'
     FROM generate_series(1, 300) r, generate_series(1, 10) i`,
  );
  // 20,000 documents in the big room with everyday words; "quarterly" in 20 of them.
  await db.query(
    `INSERT INTO documents (id, boardroom_id, title, description, created_at, deleted_at)
     SELECT 'bd' || i, $1,
       (ARRAY['Board pack', 'Minutes', 'Risk report', 'Policy', 'Budget'])[1 + i % 5] || ' ' || i,
       CASE WHEN i % 1000 = 0 THEN 'quarterly financial statements' ELSE 'papers for the meeting of the board' END,
       1700000000000 + i::bigint * 60000, CASE WHEN i % 50 = 0 THEN 1700000000000 ELSE NULL END
     FROM generate_series(1, 20000) i`,
    [BIG],
  );
  await db.query(
    `INSERT INTO decisions (id, boardroom_id, motion, options, deadline, status, opened_by, opened_at)
     SELECT 'bx' || i, $1, 'Motion ' || i, '["for","against"]', 1700000000000 + i::bigint * 3600000, CASE WHEN i % 20 = 0 THEN 'open' ELSE 'closed' END, 'u1', 0
     FROM generate_series(1, 10000) i`,
    [BIG],
  );
  await db.query(
    `INSERT INTO votes (decision_id, user_id, boardroom_id, option, cast_at)
     SELECT 'bx' || d, 'u' || u, $1, CASE WHEN u % 2 = 0 THEN 'for' ELSE 'against' END, 0
     FROM generate_series(1, 2000) d, generate_series(1, 10) u`,
    [BIG],
  );
  await db.query('ANALYZE');
}, 120_000);
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

/** Names of the indexes a plan reads. */
async function indexesUsed(sql: string, params: unknown[]): Promise<string[]> {
  const [row] = await db.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  const names = new Set<string>();
  const walk = (node: PlanNode) => {
    if (node['Index Name']) names.add(node['Index Name']);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(row!['QUERY PLAN'][0]!.Plan);
  return [...names];
}
interface PlanNode {
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const list = <S extends string>(sortBy: S, search: string | null = null, sortOrder: 'asc' | 'desc' = 'desc'): ListParams<S> => ({
  skip: 0,
  limit: 20,
  sortBy,
  sortOrder,
  search,
});

describe('EXPLAIN of /api/v1 statements', () => {
  it('upcoming meetings read idx_meetings_boardroom_scheduled; all meetings the room-time index', async () => {
    const upcoming = meetingListSql(BIG, list('scheduled_at'), { status: 'scheduled' });
    expect(await indexesUsed(upcoming.sql, upcoming.params)).toContain('idx_meetings_boardroom_scheduled');
    expect(await indexesUsed(upcoming.count, upcoming.params.slice(0, upcoming.countParams))).toContain('idx_meetings_boardroom_scheduled');
    const all = meetingListSql(BIG, list('scheduled_at'), {});
    expect(await indexesUsed(all.sql, all.params)).toContain('meetings_boardroom_time_idx');
  });

  it('documents read idx_documents_boardroom_created, and a search the GIN index idx_documents_search', async () => {
    const newest = documentListSql(BIG, list('created_at'), {});
    expect(await indexesUsed(newest.sql, newest.params)).toContain('idx_documents_boardroom_created');
    const search = documentListSql(BIG, list('rank', 'quarterly'), {});
    expect(await indexesUsed(search.sql, search.params)).toContain('idx_documents_search');
    expect(await indexesUsed(search.count, search.params.slice(0, search.countParams))).toContain('idx_documents_search');
  });

  it('open decisions read idx_decisions_boardroom_deadline; votes the one-vote-per-member index', async () => {
    const open = decisionListSql(BIG, list('deadline'), { status: 'open' });
    expect(await indexesUsed(open.sql, open.params)).toContain('idx_decisions_boardroom_deadline');
    const votes = voteListSql('bx7', list('cast_at'), {});
    expect(await indexesUsed(votes.sql, votes.params)).toContain('votes_one_per_member');
    const mine = votesOfPairsSql(['u3', 'u3', 'u8'], ['bx1', 'bx2', 'bx3']);
    expect(await indexesUsed(mine.sql, mine.params)).toContain('idx_votes_user_decision');
  });

  it("access checks read a membership index for each (room, user) pair", async () => {
    const roles = memberRolesSql(['r1', 'r2', BIG], ['u8', 'u15', 'u1']);
    expect((await indexesUsed(roles.sql, roles.params)).filter((name) => name.startsWith('boardroom_members_'))).not.toEqual([]);
  });

  it("the boardroom list finds the caller's rooms and counts recent meetings by index", async () => {
    const { sql, params } = boardroomListSql('u7', list('name', null, 'asc'), {}, 1700000000000);
    const used = await indexesUsed(sql, params);
    expect(used).toContain('boardroom_members_user_idx');
    expect(used).toContain('meetings_boardroom_time_idx');
  });

  it("the seed's indexes exist as the seed wrote them", async () => {
    const rows = await db.query<{ indexname: string; indexdef: string }>(`SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'idx_%' ORDER BY indexname`);
    const defs = Object.fromEntries(rows.map((r) => [r.indexname, r.indexdef.replace(/ public\./g, ' ')]));
    expect(defs).toEqual({
      idx_boardrooms_active_member:
        "CREATE INDEX idx_boardrooms_active_member ON boardroom_members USING btree (boardroom_id, user_id) WHERE ((active = true) AND (role <> 'observer'::text))",
      idx_decisions_boardroom_deadline:
        "CREATE INDEX idx_decisions_boardroom_deadline ON decisions USING btree (boardroom_id, deadline DESC) WHERE (status = 'open'::text)",
      idx_documents_boardroom_created:
        'CREATE INDEX idx_documents_boardroom_created ON documents USING btree (boardroom_id, created_at DESC) WHERE (deleted_at IS NULL)',
      idx_documents_search:
        "CREATE INDEX idx_documents_search ON documents USING gin (to_tsvector('english'::regconfig, ((title || ' '::text) || COALESCE(description, ''::text))))",
      idx_meetings_boardroom_scheduled:
        "CREATE INDEX idx_meetings_boardroom_scheduled ON meetings USING btree (boardroom_id, scheduled_at DESC) WHERE (status = 'scheduled'::text)",
      idx_meetings_participant_lookup:
        'CREATE INDEX idx_meetings_participant_lookup ON meeting_participants USING btree (user_id, meeting_id) INCLUDE (response, responded_at)',
      idx_users_active: 'CREATE INDEX idx_users_active ON users USING btree (email, id) WHERE ((active = true) AND (deleted_at IS NULL))',
      idx_votes_user_decision: 'CREATE INDEX idx_votes_user_decision ON votes USING btree (user_id, decision_id) INCLUDE (option, cast_at)',
    });
  });
});
