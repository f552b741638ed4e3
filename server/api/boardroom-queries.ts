// Boardrooms as `/api/v1` shows them: the caller's list with member and recent-meeting counts from
// one statement, and a room's detail view in a fixed number of statements (no N+1: meetings' agenda
// items come in one query for all of them, the caller's votes in one more).
import type { Role } from '../../src-shared/domain.js';
import type { Queryable } from '../db/database.js';
import { turnBatcher } from '../db/turn-batch.js';
import { iso, likePattern, page, type ListParams, type Page } from './params.js';

/** A meeting counts as recent when scheduled within the last 30 days, or later (the seed's rule). */
export const RECENT_MEETING_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

export const BOARDROOM_SORTS = ['name', 'created_at', 'member_count', 'recent_meetings_count'] as const;
export type BoardroomSort = (typeof BOARDROOM_SORTS)[number];
const SORT_SQL: Record<BoardroomSort, string> = {
  name: 'lower(b.name)',
  created_at: 'b.created_at',
  member_count: 'member_count',
  recent_meetings_count: 'recent_meetings_count',
};

export interface BoardroomFilters {
  active_only: boolean;
}

export interface BoardroomItem {
  id: string;
  name: string;
  description: string;
  active: boolean;
  created_at: string;
  role: Role;
  member_count: number;
  recent_meetings_count: number;
}

/** The one statement of the list: rows, both counts and the total (a window count). */
export function boardroomListSql(userId: string, list: ListParams<BoardroomSort>, filters: Partial<BoardroomFilters>, now: number) {
  const params: unknown[] = [userId, now - RECENT_MEETING_DAYS * DAY_MS];
  const where = ['m.user_id = $1', 'm.active'];
  if (filters.active_only ?? true) where.push('b.active');
  if (list.search) {
    params.push(likePattern(list.search));
    where.push(`(b.name ILIKE $${params.length} OR b.description ILIKE $${params.length})`);
  }
  params.push(list.skip, list.limit);
  const order = list.sortOrder === 'asc' ? 'ASC' : 'DESC';
  const sql = `/* api.boardrooms.list */
    SELECT b.id, b.name, b.description, b.active, b.created_at, m.role,
      (SELECT count(*) FROM boardroom_members c WHERE c.boardroom_id = b.id AND c.active)::int AS member_count,
      (SELECT count(*) FROM meetings r WHERE r.boardroom_id = b.id AND r.scheduled_at >= $2 AND NOT r.removed)::int AS recent_meetings_count,
      count(*) OVER ()::int AS total
    FROM boardroom_members m JOIN boardrooms b ON b.id = m.boardroom_id
    WHERE ${where.join(' AND ')}
    ORDER BY ${SORT_SQL[list.sortBy]} ${order}, b.id ${order}
    OFFSET $${params.length - 1} LIMIT $${params.length}`;
  return { sql, params };
}

export async function listBoardrooms(
  q: Queryable,
  userId: string,
  list: ListParams<BoardroomSort>,
  filters: Partial<BoardroomFilters>,
  now = Date.now(),
): Promise<Page<BoardroomItem>> {
  const { sql, params } = boardroomListSql(userId, list, filters, now);
  const rows = await q.query<Omit<BoardroomItem, 'created_at'> & { created_at: Date; total: number }>(sql, params);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && list.skip > 0) {
    // Past the end: the window count has no row to ride on.
    const counted = await listBoardrooms(q, userId, { ...list, skip: 0, limit: 1 }, filters, now);
    total = counted.total;
  }
  const items = rows.map(({ total: _total, created_at, ...row }) => ({ ...row, created_at: created_at.toISOString() }));
  return page(items, total, list);
}

export interface RoomRow {
  id: string;
  name: string;
  description: string;
  active: boolean;
  created_at: Date;
  created_by: string;
}

/** Roles of (room, user) pairs in one statement; a pair whose user is not an active member has no row. */
export function memberRolesSql(roomIds: string[], userIds: string[]) {
  return {
    sql: `/* api.room.access */ SELECT k.boardroom_id, k.user_id, m.role
     FROM unnest($1::text[], $2::text[]) AS k(boardroom_id, user_id)
     JOIN boardroom_members m ON m.boardroom_id = k.boardroom_id AND m.user_id = k.user_id AND m.active
     JOIN boardrooms b ON b.id = m.boardroom_id`,
    params: [roomIds, userIds],
  };
}

/**
 * The caller's role in a room, null when the room does not exist or they are not an active member.
 * The asks of one turn, whoever makes them, share one statement.
 */
export function memberRoles(q: Queryable): (roomId: string, userId: string) => Promise<Role | null> {
  return pairLookup<{ boardroom_id: string; user_id: string; role: Role }, Role>(q, memberRolesSql, (r) => [r.boardroom_id, r.user_id], (r) => r.role);
}

/**
 * Lookups by (first, second) id pair through a turn batcher: `built` makes the one statement for a
 * turn's pairs, and each row names its pair (`keyOf`); a pair without a row gets null.
 */
function pairLookup<Row, V>(
  q: Queryable,
  built: (firsts: string[], seconds: string[]) => { sql: string; params: unknown[] },
  keyOf: (row: Row) => [string, string],
  value: (row: Row) => V,
): (first: string, second: string) => Promise<V | null> {
  const get = turnBatcher(async (keys: string[]) => {
    const [firsts, seconds] = unpair(keys);
    const { sql, params } = built(firsts, seconds);
    const rows = await q.query<Row>(sql, params);
    return new Map(rows.map((r) => [pair(...keyOf(r)), value(r)]));
  }, null);
  return (first, second) => get(pair(first, second));
}

/** A turn batcher's key for two ids (ids are `[A-Za-z0-9_-]`: never a space). */
const pair = (a: string, b: string): string => `${a} ${b}`;

function unpair(keys: string[]): [string[], string[]] {
  const firsts: string[] = [];
  const seconds: string[] = [];
  for (const key of keys) {
    const at = key.indexOf(' ');
    firsts.push(key.slice(0, at));
    seconds.push(key.slice(at + 1));
  }
  return [firsts, seconds];
}

export const UPCOMING_IN_DETAIL = 20;
export const OPEN_DECISIONS_IN_DETAIL = 50;

export interface MeetingRowDb {
  id: string;
  boardroom_id: string;
  title: string;
  scheduled_at: number;
  duration_minutes: number;
  status: string;
  location: string;
  video_url: string;
}

export const meetingJson = (m: MeetingRowDb) => ({
  id: m.id,
  boardroom_id: m.boardroom_id,
  title: m.title,
  scheduled_at: iso(m.scheduled_at),
  duration_minutes: m.duration_minutes,
  status: m.status,
  location: m.location,
  video_url: m.video_url,
});

export interface AgendaRowDb {
  meeting_id: string;
  id: string;
  position: number;
  title: string;
  presenter: string;
  duration_minutes: number;
  notes: string;
  document_ids: string[];
}

export const agendaJson = (a: AgendaRowDb) => ({
  id: a.id,
  position: a.position,
  title: a.title,
  presenter: a.presenter,
  duration_minutes: a.duration_minutes,
  notes: a.notes,
  document_ids: a.document_ids,
});

/** Agenda items of several meetings in one statement. */
export async function agendaOf(q: Queryable, meetingIds: string[]): Promise<Map<string, AgendaRowDb[]>> {
  const byMeeting = new Map<string, AgendaRowDb[]>(meetingIds.map((id) => [id, []]));
  if (meetingIds.length === 0) return byMeeting;
  const rows = await q.query<AgendaRowDb>(
    `/* api.agenda.of */ SELECT meeting_id, id, position, title, presenter, duration_minutes, notes, document_ids
     FROM agenda_items WHERE meeting_id = ANY($1::text[]) ORDER BY meeting_id, position`,
    [meetingIds],
  );
  for (const row of rows) byMeeting.get(row.meeting_id)?.push(row);
  return byMeeting;
}

/**
 * A room's detail as every member sees it alike: settings, members, the next meetings with their
 * agenda, open decisions with their tallies. Five statements whatever the room's size; null when
 * the room does not exist. The caller's role and votes are laid over it per caller.
 */
export async function boardroomShared(q: Queryable, roomId: string, now = Date.now()) {
  const [[room], members, meetings, decisions] = await Promise.all([
    q.query<RoomRow>(
      `/* api.room.get */ SELECT id, name, description, active, created_at, created_by FROM boardrooms WHERE id = $1`,
      [roomId],
    ),
    q.query<{ user_id: string; name: string; email: string; role: Role; added_at: number }>(
      `/* api.room.members */ SELECT m.user_id, u.name, u.email, m.role, m.added_at
       FROM boardroom_members m JOIN users u ON u.id = m.user_id
       WHERE m.boardroom_id = $1 AND m.active ORDER BY lower(u.name), m.user_id`,
      [roomId],
    ),
    q.query<MeetingRowDb>(
      `/* api.room.upcoming */ SELECT id, boardroom_id, title, scheduled_at, duration_minutes, status, location, video_url
       FROM meetings WHERE boardroom_id = $1 AND status = 'scheduled' AND scheduled_at >= $2 AND NOT removed
       ORDER BY scheduled_at ASC LIMIT ${UPCOMING_IN_DETAIL}`,
      [roomId, now],
    ),
    q.query<DecisionRowDb>(
      `/* api.room.open_decisions */ SELECT ${DECISION_COLUMNS} FROM decisions d
       WHERE d.boardroom_id = $1 AND d.status = 'open' ORDER BY d.deadline DESC LIMIT ${OPEN_DECISIONS_IN_DETAIL}`,
      [roomId],
    ),
  ]);
  if (!room) return null;
  const agenda = await agendaOf(
    q,
    meetings.map((m) => m.id),
  );
  return {
    id: room.id,
    name: room.name,
    description: room.description,
    created_at: room.created_at.toISOString(),
    settings: { active: room.active, your_role: null as Role | null, created_by: room.created_by, recent_meeting_days: RECENT_MEETING_DAYS },
    members: members.map((m) => ({ user_id: m.user_id, name: m.name, email: m.email, role: m.role, added_at: iso(m.added_at) })),
    upcoming_meetings: meetings.map((m) => ({ ...meetingJson(m), agenda_items: (agenda.get(m.id) ?? []).map(agendaJson) })),
    open_decisions: decisions.map(decisionJson),
  };
}

/** Votes of (user, decision) pairs in one statement (it reads the seed's idx_votes_user_decision). */
export function votesOfPairsSql(userIds: string[], decisionIds: string[]) {
  return {
    sql: `/* api.my_votes */ SELECT k.user_id, k.decision_id, v.option
     FROM unnest($1::text[], $2::text[]) AS k(user_id, decision_id)
     JOIN votes v ON v.user_id = k.user_id AND v.decision_id = k.decision_id`,
    params: [userIds, decisionIds],
  };
}

/**
 * `myVotes(userId, decisionIds)`: the caller's votes by decision. The asks of one turn, of every
 * caller, share one statement (under load, each detail view and decision list asked on its own).
 */
export function batchedVotes(q: Queryable): (userId: string, decisionIds: string[]) => Promise<Map<string, string>> {
  const voteOf = pairLookup<{ user_id: string; decision_id: string; option: string }, string>(q, votesOfPairsSql, (r) => [r.user_id, r.decision_id], (r) => r.option);
  return async (userId, decisionIds) => {
    const options = await Promise.all(decisionIds.map((id) => voteOf(userId, id)));
    const mine = new Map<string, string>();
    decisionIds.forEach((id, i) => {
      const option = options[i];
      if (option) mine.set(id, option);
    });
    return mine;
  };
}

// Decisions are shown with their tally, in the same row; the caller's own vote is laid over them
// (`myVotes`), so the rest is the same for every member.
export const DECISION_COLUMNS = `d.id, d.boardroom_id, d.meeting_id, d.motion, d.options, d.deadline, d.status, d.opened_by, d.opened_at, d.closed_at,
  (SELECT coalesce(jsonb_object_agg(t.option, t.n), '{}'::jsonb)
     FROM (SELECT v.option, count(*)::int AS n FROM votes v WHERE v.decision_id = d.id GROUP BY v.option) t) AS tally`;

export interface DecisionRowDb {
  id: string;
  boardroom_id: string;
  meeting_id: string | null;
  motion: string;
  options: string[];
  deadline: number;
  status: string;
  opened_by: string;
  opened_at: number;
  closed_at: number | null;
  tally: Record<string, number>;
}

export const decisionJson = (d: DecisionRowDb) => ({
  id: d.id,
  boardroom_id: d.boardroom_id,
  meeting_id: d.meeting_id,
  motion: d.motion,
  options: d.options,
  deadline: iso(d.deadline),
  status: d.status,
  opened_by: d.opened_by,
  opened_at: iso(d.opened_at),
  closed_at: iso(d.closed_at),
  tally: d.tally,
  votes_cast: Object.values(d.tally).reduce((n, c) => n + c, 0),
  my_vote: null as string | null,
});
