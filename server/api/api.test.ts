// `/api/v1` against real PostgreSQL and Redis, with rooms filled through the sync socket and the
// authority as clients fill them: every endpoint, every kind of bad parameter, 404s that do not
// reveal what exists, the detail views' statement counts (no N+1), cache invalidation on writes.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenPair } from '../../src-shared/sync/api.js';
import type { RunningServer } from '../app.js';
import { createRoom, createTestEnv, eventually, signUp, startTestServer, type TestEnv } from '../testing.js';
import { addMember, command, fillRoom, get, setAgenda } from './fixtures.js';

const DAY = 86_400_000;
const now = Date.now();
let env: TestEnv;
let server: RunningServer;
let owner: TokenPair;
let member: TokenPair;
let outsider: TokenPair;
let roomId: string;
let meetingIds: string[];
let documentIds: string[];
let decisionId: string;

interface Page<T> {
  items: T[];
  total: number;
  skip: number;
  limit: number;
  has_more: boolean;
}
type Item = Record<string, unknown>;

beforeAll(async () => {
  env = await createTestEnv();
  server = await startTestServer(env);
  [owner, member, outsider] = await Promise.all([signUp(server, 'Olivia Owner'), signUp(server, 'Max Member'), signUp(server, 'Otto Outsider')]);
  roomId = await createRoom(server, owner, 'Audit Committee');
  await addMember(server, owner, roomId, member);
  ({ meetingIds, documentIds } = await fillRoom(server, owner.accessToken, roomId, {
    name: 'Audit Committee',
    description: 'External audit and risk',
    meetings: [
      { title: 'Q1 review', scheduledAt: now + 2 * DAY },
      { title: 'Q2 review', scheduledAt: now + 30 * DAY },
      { title: 'Year end', scheduledAt: now - 10 * DAY, status: 'completed' },
      { title: 'Old planning', scheduledAt: now - 90 * DAY, status: 'completed' },
    ],
    documents: [
      { title: 'Annual budget 2027', description: 'Budget proposal for the <board>', createdAt: now - 3 * DAY },
      { title: 'Risk register', description: 'Top risks and owners', createdAt: now - 2 * DAY },
      { title: 'Budget appendix', description: 'Supporting tables', createdAt: now - DAY },
      { title: 'Withdrawn budget', description: 'budget draft', createdAt: now - DAY, deletedAt: now },
    ],
  }));
  await setAgenda(server, owner.accessToken, meetingIds[0]!, ['Apologies', 'Minutes of the last meeting', 'Budget']);
  decisionId = randomUUID();
  const opened = await command(server, owner, {
    kind: 'openDecision',
    boardroomId: roomId,
    decisionId,
    motion: 'Approve the 2027 budget',
    options: ['for', 'against', 'abstain'],
    deadline: now + 7 * DAY,
    meetingId: meetingIds[0],
  });
  expect(opened.status).toBe(200);
  expect((await command(server, owner, { kind: 'castVote', boardroomId: roomId, decisionId, option: 'for' })).status).toBe(200);
  expect((await command(server, member, { kind: 'castVote', boardroomId: roomId, decisionId, option: 'against' })).status).toBe(200);
  // Projections are written right after each write commits.
  await eventually(async () => (await server.db.query('SELECT 1 FROM agenda_items WHERE meeting_id = $1', [meetingIds[0]])).length === 3);
  await eventually(async () => (await server.db.query('SELECT 1 FROM documents WHERE boardroom_id = $1', [roomId])).length === 4);
});
afterAll(async () => {
  await server?.close();
  await env?.dispose();
});

describe('GET /api/v1/boardrooms', () => {
  it("lists the caller's boardrooms with member and recent-meeting counts in the seed's page shape", async () => {
    const { status, body } = await get<Page<Item>>(server, '/api/v1/boardrooms', member.accessToken);
    expect(status).toBe(200);
    expect(body).toEqual({
      items: [
        expect.objectContaining({
          id: roomId,
          name: 'Audit Committee',
          description: 'External audit and risk',
          active: true,
          role: 'member',
          member_count: 2,
          // Within the last 30 days or later: not the one 90 days ago.
          recent_meetings_count: 3,
        }),
      ],
      total: 1,
      skip: 0,
      limit: 20,
      has_more: false,
    });
    expect((await get<Page<Item>>(server, '/api/v1/boardrooms', outsider.accessToken)).body).toEqual({ items: [], total: 0, skip: 0, limit: 20, has_more: false });
  });

  it('answers a list from one statement, counts and total included', async () => {
    const kinds = () => server.queryStats.snapshot();
    const before = kinds();
    const { status } = await get(server, '/api/v1/boardrooms?sort_by=recent_meetings_count', owner.accessToken);
    expect(status).toBe(200);
    const after = kinds();
    const apiKinds = Object.keys(after).filter((k) => k.startsWith('api.') && after[k]!.count !== (before[k]?.count ?? 0));
    expect(apiKinds).toEqual(['api.boardrooms.list']);
    expect(after['api.boardrooms.list']!.count - (before['api.boardrooms.list']?.count ?? 0)).toBe(1);
  });

  it('pages, sorts, searches and filters', async () => {
    const names = ['Remuneration', 'Board', 'Nominations'];
    for (const name of names) await createRoom(server, outsider, name);
    const first = (await get<Page<Item>>(server, '/api/v1/boardrooms?limit=2&sort_by=name&sort_order=desc', outsider.accessToken)).body;
    expect(first.items.map((i) => i.name)).toEqual(['Remuneration', 'Nominations']);
    expect(first).toMatchObject({ total: 3, skip: 0, limit: 2, has_more: true });
    const last = (await get<Page<Item>>(server, '/api/v1/boardrooms?limit=2&skip=2&sort_by=name&sort_order=desc', outsider.accessToken)).body;
    expect(last.items.map((i) => i.name)).toEqual(['Board']);
    expect(last).toMatchObject({ total: 3, skip: 2, has_more: false });
    const beyond = (await get<Page<Item>>(server, '/api/v1/boardrooms?skip=10', outsider.accessToken)).body;
    expect(beyond).toMatchObject({ items: [], total: 3, has_more: false });
    const search = (await get<Page<Item>>(server, '/api/v1/boardrooms?search=nomin', outsider.accessToken)).body;
    expect(search.items.map((i) => i.name)).toEqual(['Nominations']);
    // A literal % matches only a %.
    expect((await get<Page<Item>>(server, '/api/v1/boardrooms?search=%25', outsider.accessToken)).body.total).toBe(0);
    const all = (await get<Page<Item>>(server, '/api/v1/boardrooms?active_only=false&sort_by=member_count', owner.accessToken)).body;
    expect(all.items.map((i) => i.id)).toEqual([roomId]);
  });
});

describe('invalid parameters', () => {
  const cases: Array<[string, RegExp]> = [
    ['/api/v1/boardrooms?limit=500', /limit must be between 1 and 100 \(got "500"\)/],
    ['/api/v1/boardrooms?limit=0', /limit must be between 1 and 100 \(got "0"\)/],
    ['/api/v1/boardrooms?limit=ten', /limit must be between 1 and 100 \(got "ten"\)/],
    ['/api/v1/boardrooms?skip=-1', /skip must be a whole number, 0 or more \(got "-1"\)/],
    ['/api/v1/boardrooms?sort_by=password_hash', /sort_by must be one of name, created_at, member_count, recent_meetings_count \(got "password_hash"\)/],
    ['/api/v1/boardrooms?sort_order=sideways', /sort_order must be asc or desc \(got "sideways"\)/],
    ['/api/v1/boardrooms?active_only=maybe', /active_only must be true or false/],
    ['/api/v1/boardrooms?limit=1&limit=2', /limit must be given once/],
    ['/api/v1/boardrooms?colour=red', /unknown parameter "colour"/],
    ['/api/v1/boardrooms/not%20an%20id!', /id must be an id of 1 to 64 letters, digits, - or _ \(got "not an id!"\)/],
    [`/api/v1/boardrooms/${'x'.repeat(65)}`, /id must be an id of 1 to 64/],
    ['/api/v1/meetings/%27%3B%20DROP%20TABLE%20meetings', /id must be an id/],
    ['/api/v1/documents/a.b', /id must be an id/],
    ['/api/v1/decisions/a%2Fb/votes', /id must be an id/],
  ];
  it.each(cases)('%s -> 400 saying what was wrong', async (path, message) => {
    const { status, body } = await get<{ error: string; message: string }>(server, path, owner.accessToken);
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_input');
    expect(body.message).toMatch(message);
  });

  it('reports every problem of a request at once', async () => {
    const { status, body } = await get<{ message: string }>(server, '/api/v1/boardrooms?limit=500&skip=-1&sort_by=password_hash&sort_order=sideways', owner.accessToken);
    expect(status).toBe(400);
    expect(body.message.split('; ')).toHaveLength(4);
  });

  it('checks filters of room lists', async () => {
    const bad: Array<[string, RegExp]> = [
      [`/api/v1/boardrooms/${roomId}/meetings?status=postponed`, /status must be one of scheduled, completed, cancelled \(got "postponed"\)/],
      [`/api/v1/boardrooms/${roomId}/meetings?from=yesterday`, /from must be an ISO 8601 date/],
      [`/api/v1/boardrooms/${roomId}/meetings?sort_by=password_hash`, /sort_by must be one of scheduled_at, title, status/],
      [`/api/v1/boardrooms/${roomId}/documents?meeting_id=%3Cscript%3E`, /meeting_id must be an id/],
      [`/api/v1/boardrooms/${roomId}/documents?search=${'a'.repeat(201)}`, /search must be at most 200 characters/],
      [`/api/v1/boardrooms/${roomId}/decisions?status=pending`, /status must be one of open, closed/],
      [`/api/v1/decisions/${decisionId}/votes?sort_order=up`, /sort_order must be asc or desc/],
      [`/api/v1/meetings/${meetingIds[0]}?expand=all`, /unknown parameter "expand": this endpoint takes no parameters/],
    ];
    for (const [path, message] of bad) {
      const { status, body } = await get<{ message: string }>(server, path, owner.accessToken);
      expect({ path, status }).toEqual({ path, status: 400 });
      expect(body.message).toMatch(message);
    }
  });
});

describe('access', () => {
  it('answers 401 without a valid token', async () => {
    expect((await get(server, '/api/v1/boardrooms')).status).toBe(401);
    expect((await get(server, '/api/v1/boardrooms', 'not-a-token')).status).toBe(401);
  });

  it('answers 404 for ids the caller may not see, exactly as for ids that do not exist', async () => {
    const pairs: Array<[string, string]> = [
      [`/api/v1/boardrooms/${roomId}`, `/api/v1/boardrooms/${randomUUID()}`],
      [`/api/v1/boardrooms/${roomId}/meetings`, `/api/v1/boardrooms/${randomUUID()}/meetings`],
      [`/api/v1/boardrooms/${roomId}/documents?search=budget`, `/api/v1/boardrooms/${randomUUID()}/documents?search=budget`],
      [`/api/v1/boardrooms/${roomId}/decisions`, `/api/v1/boardrooms/${randomUUID()}/decisions`],
      [`/api/v1/meetings/${meetingIds[0]}`, `/api/v1/meetings/${randomUUID()}`],
      [`/api/v1/documents/${documentIds[0]}`, `/api/v1/documents/${randomUUID()}`],
      [`/api/v1/decisions/${decisionId}`, `/api/v1/decisions/${randomUUID()}`],
      [`/api/v1/decisions/${decisionId}/votes`, `/api/v1/decisions/${randomUUID()}/votes`],
    ];
    for (const [existing, unknown] of pairs) {
      const hidden = await get(server, existing, outsider.accessToken);
      const missing = await get(server, unknown, outsider.accessToken);
      expect({ existing, status: hidden.status }).toEqual({ existing, status: 404 });
      expect(hidden.body).toEqual(missing.body);
      // The member sees it.
      expect({ existing, status: (await get(server, existing, member.accessToken)).status }).toEqual({ existing, status: 200 });
    }
  });
});

describe('room views', () => {
  it('shows a boardroom with settings, members, upcoming meetings with their agenda and open decisions', async () => {
    const { status, body } = await get<Item & { members: Item[]; upcoming_meetings: Array<Item & { agenda_items: Item[] }>; open_decisions: Item[] }>(
      server,
      `/api/v1/boardrooms/${roomId}`,
      member.accessToken,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: roomId, name: 'Audit Committee', settings: { active: true, your_role: 'member' } });
    expect(body.members.map((m) => [m.name, m.role])).toEqual([
      ['Max Member', 'member'],
      ['Olivia Owner', 'owner'],
    ]);
    expect(body.upcoming_meetings.map((m) => m.title)).toEqual(['Q1 review', 'Q2 review']);
    expect(body.upcoming_meetings[0]!.agenda_items.map((a) => a.title)).toEqual(['Apologies', 'Minutes of the last meeting', 'Budget']);
    expect(body.open_decisions).toEqual([
      expect.objectContaining({ id: decisionId, motion: 'Approve the 2027 budget', tally: { for: 1, against: 1 }, votes_cast: 2, my_vote: 'against' }),
    ]);
  });

  it('builds a detail view in the same number of statements however many meetings and agenda items it shows', async () => {
    const statementsFor = async (meetings: number) => {
      const id = await createRoom(server, owner, `Room of ${meetings}`);
      const { meetingIds: ids } = await fillRoom(server, owner.accessToken, id, {
        meetings: Array.from({ length: meetings }, (_, i) => ({ title: `M${i}`, scheduledAt: now + (i + 1) * DAY })),
      });
      for (const meetingId of ids) await setAgenda(server, owner.accessToken, meetingId, ['One', 'Two']);
      await eventually(async () => (await server.db.query('SELECT 1 FROM agenda_items WHERE meeting_id = ANY($1)', [ids])).length === meetings * 2);
      // Only the API's own statements: the server's timers (catch-up, access re-checks) run meanwhile.
      const apiStatements = () => Object.entries(server.queryStats.snapshot()).reduce((n, [kind, s]) => n + (kind.startsWith('api.') ? s.count : 0), 0);
      const before = apiStatements();
      const { status, body } = await get<{ upcoming_meetings: Array<{ agenda_items: unknown[] }> }>(server, `/api/v1/boardrooms/${id}`, owner.accessToken);
      const statements = apiStatements() - before;
      expect(status).toBe(200);
      expect(body.upcoming_meetings).toHaveLength(meetings);
      expect(body.upcoming_meetings.every((m) => m.agenda_items.length === 2)).toBe(true);
      return statements;
    };
    const few = await statementsFor(1);
    const many = await statementsFor(8);
    expect(many).toBe(few);
    // The caller's membership; the room, members, meetings, their agenda items, open decisions (the
    // caller's votes would be one more, with open decisions to vote on).
    expect(few).toBe(6);
  });

  it('lists meetings with filters and sorting', async () => {
    const all = (await get<Page<Item>>(server, `/api/v1/boardrooms/${roomId}/meetings`, member.accessToken)).body;
    expect(all.items.map((m) => m.title)).toEqual(['Q2 review', 'Q1 review', 'Year end', 'Old planning']);
    expect(all.items[0]).toMatchObject({ status: 'scheduled', scheduled_at: new Date(now + 30 * DAY).toISOString() });
    const upcoming = (await get<Page<Item>>(server, `/api/v1/boardrooms/${roomId}/meetings?status=scheduled&sort_order=asc`, member.accessToken)).body;
    expect(upcoming.items.map((m) => m.title)).toEqual(['Q1 review', 'Q2 review']);
    const from = new Date(now - 20 * DAY).toISOString();
    const recent = (await get<Page<Item>>(server, `/api/v1/boardrooms/${roomId}/meetings?from=${from}&sort_by=title&limit=2`, member.accessToken)).body;
    expect(recent).toMatchObject({ total: 3, has_more: true });
    expect(recent.items.map((m) => m.title)).toEqual(['Year end', 'Q2 review']);
    expect((await get<Page<Item>>(server, `/api/v1/boardrooms/${roomId}/meetings?search=review`, member.accessToken)).body.total).toBe(2);
  });

  it('searches documents by full text, ranked, with escaped snippets, and never shows deleted ones', async () => {
    const { body } = await get<Page<Item>>(server, `/api/v1/boardrooms/${roomId}/documents?search=budget`, member.accessToken);
    expect(body.total).toBe(2);
    expect(body.items.map((d) => d.title).sort()).toEqual(['Annual budget 2027', 'Budget appendix']);
    expect(body.items[0]!.rank as number).toBeGreaterThanOrEqual(body.items[1]!.rank as number);
    const annual = body.items.find((d) => d.title === 'Annual budget 2027')!;
    expect(annual.snippet).toContain('<mark>budget</mark>');
    expect(annual.snippet).toContain('&lt;board');
    expect(annual.snippet).not.toContain('<board>');
    const ascending = (await get<Page<Item>>(server, `/api/v1/boardrooms/${roomId}/documents?search=budget&sort_order=asc`, member.accessToken)).body;
    expect(ascending.items.map((d) => d.id)).toEqual(body.items.map((d) => d.id).reverse());
    // The total rides on the page's rows; a page past the end still knows it.
    const first = (await get<Page<Item>>(server, `/api/v1/boardrooms/${roomId}/documents?search=budget&limit=1`, member.accessToken)).body;
    expect(first).toMatchObject({ total: 2, has_more: true, items: [{ id: body.items[0]!.id }] });
    expect(Object.keys(first.items[0]!)).not.toContain('total');
    expect((await get<Page<Item>>(server, `/api/v1/boardrooms/${roomId}/documents?search=budget&skip=5`, member.accessToken)).body).toMatchObject({ total: 2, items: [], has_more: false });
    // Stemming: "budgets" finds "budget".
    expect((await get<Page<Item>>(server, `/api/v1/boardrooms/${roomId}/documents?search=budgets`, member.accessToken)).body.total).toBe(2);
    const list = (await get<Page<Item>>(server, `/api/v1/boardrooms/${roomId}/documents`, member.accessToken)).body;
    expect(list.items.map((d) => d.title)).toEqual(['Budget appendix', 'Risk register', 'Annual budget 2027']);
  });

  it('lists decisions with their tally and the caller’s vote, and their votes', async () => {
    const open = (await get<Page<Item>>(server, `/api/v1/boardrooms/${roomId}/decisions?status=open`, owner.accessToken)).body;
    expect(open.items).toEqual([expect.objectContaining({ id: decisionId, my_vote: 'for', tally: { for: 1, against: 1 } })]);
    expect((await get<Page<Item>>(server, `/api/v1/boardrooms/${roomId}/decisions?status=closed`, owner.accessToken)).body.total).toBe(0);
    const votes = (await get<Page<Item>>(server, `/api/v1/decisions/${decisionId}/votes?sort_by=name`, member.accessToken)).body;
    expect(votes.items.map((v) => [v.name, v.option])).toEqual([
      ['Max Member', 'against'],
      ['Olivia Owner', 'for'],
    ]);
    expect((await get<Page<Item>>(server, `/api/v1/decisions/${decisionId}/votes?option=for`, member.accessToken)).body.total).toBe(1);
    expect((await get<Item>(server, `/api/v1/decisions/${decisionId}`, member.accessToken)).body).toMatchObject({ motion: 'Approve the 2027 budget', my_vote: 'against' });
  });

  it('shows a meeting with its agenda, decisions and documents, and a document', async () => {
    const { body } = await get<Item & { agenda_items: Item[]; decisions: Item[] }>(server, `/api/v1/meetings/${meetingIds[0]}`, member.accessToken);
    expect(body).toMatchObject({ id: meetingIds[0], title: 'Q1 review', boardroom_id: roomId });
    expect(body.agenda_items.map((a) => [a.position, a.title])).toEqual([
      [0, 'Apologies'],
      [1, 'Minutes of the last meeting'],
      [2, 'Budget'],
    ]);
    expect(body.decisions.map((d) => d.id)).toEqual([decisionId]);
    const doc = await get<Item>(server, `/api/v1/documents/${documentIds[1]}`, member.accessToken);
    expect(doc.body).toMatchObject({ id: documentIds[1], title: 'Risk register', mime: 'application/pdf', deleted_at: null });
  });
});

describe('cache', () => {
  it('answers a repeated read from the in-process cache and a write invalidates it', async () => {
    const path = `/api/v1/meetings/${meetingIds[1]}`;
    const first = await get<{ agenda_items: Item[] }>(server, path, member.accessToken);
    const second = await get<{ agenda_items: Item[] }>(server, path, member.accessToken);
    expect(second.headers.get('x-cache')).toBe('l1');
    expect(second.body).toEqual(first.body);
    const apiStatements = () => Object.entries(server.queryStats.snapshot()).reduce((n, [kind, s]) => n + (kind.startsWith('api.') ? s.count : 0), 0);
    const statements = apiStatements();
    await get(server, path, member.accessToken);
    expect(apiStatements()).toBe(statements);

    await setAgenda(server, owner.accessToken, meetingIds[1]!, ['Added later']);
    await eventually(async () => (await get<{ agenda_items: Item[] }>(server, path, member.accessToken)).body.agenda_items.length === 1, 'the new agenda item');
    // A membership change reaches the boardroom list of the person added.
    const newcomer = await signUp(server, 'Nina Newcomer');
    expect((await get<Page<Item>>(server, '/api/v1/boardrooms', newcomer.accessToken)).body.total).toBe(0);
    await addMember(server, owner, roomId, newcomer, 'observer');
    await eventually(async () => (await get<Page<Item>>(server, '/api/v1/boardrooms', newcomer.accessToken)).body.total === 1, 'the room in the list');
    await eventually(
      async () => (await get<Page<Item>>(server, '/api/v1/boardrooms', member.accessToken)).body.items[0]!.member_count === 3,
      'the member count to move',
    );
  });

  it('computes a page every member sees alike once per room, and still checks each caller', async () => {
    const path = `/api/v1/boardrooms/${roomId}/meetings?limit=3&sort_by=title`;
    expect((await get(server, path, owner.accessToken)).status).toBe(200);
    const before = server.queryStats.snapshot();
    const asMember = await get<Page<Item>>(server, path, member.accessToken);
    expect(asMember.headers.get('x-cache')).toBe('miss');
    const after = server.queryStats.snapshot();
    // The member's own membership check ran; the page and its total did not run again.
    expect(after['api.meetings.list']!.count).toBe(before['api.meetings.list']!.count);
    expect(after['api.meetings.count']!.count).toBe(before['api.meetings.count']!.count);
    expect(asMember.body.items).toHaveLength(3);
    // Someone who is not a member does not get the cached page.
    expect((await get(server, path, outsider.accessToken)).status).toBe(404);
  });

  it('keys entries by user: one member never sees another’s cached answer', async () => {
    const asOwner = (await get<Page<Item>>(server, `/api/v1/boardrooms/${roomId}/decisions`, owner.accessToken)).body;
    const asMember = (await get<Page<Item>>(server, `/api/v1/boardrooms/${roomId}/decisions`, member.accessToken)).body;
    expect(asOwner.items[0]!.my_vote).toBe('for');
    expect(asMember.items[0]!.my_vote).toBe('against');
  });
});
