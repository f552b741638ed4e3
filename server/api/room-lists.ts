// A room's lists for `/api/v1`: meetings, documents (with ranked full-text search and snippets),
// decisions and a decision's votes. Each list is one statement for the page and one for the total,
// run side by side; the SQL builders are exported so tests can EXPLAIN exactly what runs.
import type { Queryable } from '../db/database.js';
import {
  DECISION_COLUMNS,
  decisionJson,
  meetingJson,
  type DecisionRowDb,
  type MeetingRowDb,
} from './boardroom-queries.js';
import { iso, likePattern, page, type ListParams, type Page } from './params.js';

interface Built {
  sql: string;
  count: string;
  params: unknown[];
  /** How many of `params` the count statement uses (it has no OFFSET/LIMIT). */
  countParams: number;
  /**
   * The page's rows carry the total (`count(*) OVER ()`, where the statement ranks every match
   * anyway): `count` runs only for a page past the end, which has no row to carry it.
   */
  windowCount?: boolean;
}

const dir = (order: 'asc' | 'desc') => (order === 'asc' ? 'ASC' : 'DESC');

async function run<Row>(q: Queryable, built: Built): Promise<{ rows: Row[]; total: number }> {
  if (built.windowCount) {
    const rows = await q.query<Row & { total: number }>(built.sql, built.params);
    if (rows.length > 0) return { rows, total: rows[0]!.total };
    const [counted] = await q.query<{ total: number }>(built.count, built.params.slice(0, built.countParams));
    return { rows, total: counted?.total ?? 0 };
  }
  const [rows, [counted]] = await Promise.all([
    q.query<Row>(built.sql, built.params),
    q.query<{ total: number }>(built.count, built.params.slice(0, built.countParams)),
  ]);
  return { rows, total: counted?.total ?? 0 };
}

// Meetings

export const MEETING_SORTS = ['scheduled_at', 'title', 'status'] as const;
export type MeetingSort = (typeof MEETING_SORTS)[number];
export const MEETING_STATUS_FILTER = ['scheduled', 'completed', 'cancelled'] as const;
export interface MeetingFilters {
  status: (typeof MEETING_STATUS_FILTER)[number];
  from: number;
  to: number;
}

const MEETING_ORDER: Record<MeetingSort, string> = { scheduled_at: 'scheduled_at', title: 'lower(title)', status: 'status' };

export function meetingListSql(roomId: string, list: ListParams<MeetingSort>, f: Partial<MeetingFilters>): Built {
  const params: unknown[] = [roomId];
  const where = ['boardroom_id = $1', 'NOT removed'];
  if (f.status) where.push(`status = $${params.push(f.status)}`);
  if (f.from !== undefined) where.push(`scheduled_at >= $${params.push(f.from)}`);
  if (f.to !== undefined) where.push(`scheduled_at < $${params.push(f.to)}`);
  if (list.search) where.push(`title ILIKE $${params.push(likePattern(list.search))}`);
  const countParams = params.length;
  const o = dir(list.sortOrder);
  const sql = `/* api.meetings.list */ SELECT id, boardroom_id, title, scheduled_at, duration_minutes, status, location, video_url
    FROM meetings WHERE ${where.join(' AND ')}
    ORDER BY ${MEETING_ORDER[list.sortBy]} ${o}, id ${o} OFFSET $${params.push(list.skip)} LIMIT $${params.push(list.limit)}`;
  const count = `/* api.meetings.count */ SELECT count(*)::int AS total FROM meetings WHERE ${where.join(' AND ')}`;
  return { sql, count, params, countParams };
}

export async function listMeetings(q: Queryable, roomId: string, list: ListParams<MeetingSort>, f: Partial<MeetingFilters>) {
  const { rows, total } = await run<MeetingRowDb>(q, meetingListSql(roomId, list, f));
  return page(rows.map(meetingJson), total, list);
}

// Documents

export const DOCUMENT_SORTS = ['created_at', 'title', 'size', 'rank'] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];
export interface DocumentFilters {
  meeting_id: string;
}

/** The seed's GIN index expression, verbatim: a query must repeat it exactly for Postgres to use it. */
export const DOCUMENT_TSVECTOR = `to_tsvector('english', title || ' ' || COALESCE(description, ''))`;
/** The same text, HTML-escaped, for snippets: titles are user input and snippets carry <mark>. */
const ESCAPED_TEXT = `replace(replace(replace(title || ' ' || COALESCE(description, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;
const HEADLINE_OPTIONS = 'StartSel=<mark>, StopSel=</mark>, MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=" ... "';

const DOCUMENT_ORDER: Record<Exclude<DocumentSort, 'rank'>, string> = { created_at: 'created_at', title: 'lower(title)', size: 'size' };

export function documentListSql(roomId: string, list: ListParams<DocumentSort>, f: Partial<DocumentFilters>): Built {
  const params: unknown[] = [roomId];
  const where = ['boardroom_id = $1', 'deleted_at IS NULL'];
  if (f.meeting_id) where.push(`meeting_id = $${params.push(f.meeting_id)}`);
  const o = dir(list.sortOrder);
  if (list.search) {
    const qp = params.push(list.search);
    where.push(`${DOCUMENT_TSVECTOR} @@ websearch_to_tsquery('english', $${qp})`);
    const countParams = params.length;
    // Rank and page first, then snippets for the page only (ts_headline is the costly part).
    const order = list.sortBy === 'rank' ? `rank ${o}, created_at DESC` : `${DOCUMENT_ORDER[list.sortBy]} ${o}`;
    const sql = `/* api.documents.search */ SELECT p.id, p.boardroom_id, p.meeting_id, p.title, p.description, p.mime, p.size, p.blob_hash,
        p.created_at, p.rank, p.total, ts_headline('english', ${ESCAPED_TEXT.replace(/title|description/g, (c) => `p.${c}`)}, websearch_to_tsquery('english', $${qp}), '${HEADLINE_OPTIONS}') AS snippet
      FROM (SELECT id, boardroom_id, meeting_id, title, description, mime, size, blob_hash, created_at,
              ts_rank(${DOCUMENT_TSVECTOR}, websearch_to_tsquery('english', $${qp})) AS rank, count(*) OVER ()::int AS total
            FROM documents WHERE ${where.join(' AND ')}
            ORDER BY ${order}, id OFFSET $${params.push(list.skip)} LIMIT $${params.push(list.limit)}) p
      ORDER BY ${order.replace(/lower\(title\)/, 'lower(p.title)')}, p.id`;
    const count = `/* api.documents.search_count */ SELECT count(*)::int AS total FROM documents WHERE ${where.join(' AND ')}`;
    return { sql, count, params, countParams, windowCount: true };
  }
  const countParams = params.length;
  const sortBy = list.sortBy === 'rank' ? 'created_at' : list.sortBy;
  const sql = `/* api.documents.list */ SELECT id, boardroom_id, meeting_id, title, description, mime, size, blob_hash, created_at
    FROM documents WHERE ${where.join(' AND ')}
    ORDER BY ${DOCUMENT_ORDER[sortBy]} ${o}, id ${o} OFFSET $${params.push(list.skip)} LIMIT $${params.push(list.limit)}`;
  const count = `/* api.documents.count */ SELECT count(*)::int AS total FROM documents WHERE ${where.join(' AND ')}`;
  return { sql, count, params, countParams };
}

export interface DocumentRowDb {
  id: string;
  boardroom_id: string;
  meeting_id: string | null;
  title: string;
  description: string;
  mime: string;
  size: number;
  blob_hash: string;
  created_at: number;
  deleted_at?: number | null;
  rank?: number;
  snippet?: string;
}

export const documentJson = (d: DocumentRowDb) => ({
  id: d.id,
  boardroom_id: d.boardroom_id,
  meeting_id: d.meeting_id,
  title: d.title,
  description: d.description,
  mime: d.mime,
  size: d.size,
  blob_hash: d.blob_hash || null,
  created_at: iso(d.created_at),
  ...(d.deleted_at !== undefined ? { deleted_at: iso(d.deleted_at) } : {}),
  ...(d.rank !== undefined ? { rank: Math.round(d.rank * 1e4) / 1e4, snippet: d.snippet ?? '' } : {}),
});

export async function listDocuments(q: Queryable, roomId: string, list: ListParams<DocumentSort>, f: Partial<DocumentFilters>) {
  const { rows, total } = await run<DocumentRowDb>(q, documentListSql(roomId, list, f));
  return page(rows.map(documentJson), total, list);
}

// Decisions

export const DECISION_SORTS = ['deadline', 'opened_at', 'motion'] as const;
export type DecisionSort = (typeof DECISION_SORTS)[number];
export const DECISION_STATUS_FILTER = ['open', 'closed'] as const;
export interface DecisionFilters {
  status: (typeof DECISION_STATUS_FILTER)[number];
  meeting_id: string;
}
const DECISION_ORDER: Record<DecisionSort, string> = { deadline: 'd.deadline', opened_at: 'd.opened_at', motion: 'lower(d.motion)' };

export function decisionListSql(roomId: string, list: ListParams<DecisionSort>, f: Partial<DecisionFilters>): Built {
  const params: unknown[] = [roomId];
  const where = ['d.boardroom_id = $1'];
  if (f.status) where.push(`d.status = $${params.push(f.status)}`);
  if (f.meeting_id) where.push(`d.meeting_id = $${params.push(f.meeting_id)}`);
  if (list.search) where.push(`d.motion ILIKE $${params.push(likePattern(list.search))}`);
  const o = dir(list.sortOrder);
  const sql = `/* api.decisions.list */ SELECT ${DECISION_COLUMNS} FROM decisions d WHERE ${where.join(' AND ')}
    ORDER BY ${DECISION_ORDER[list.sortBy]} ${o}, d.id ${o} OFFSET $${params.push(list.skip)} LIMIT $${params.push(list.limit)}`;
  const count = `/* api.decisions.count */ SELECT count(*)::int AS total FROM decisions d WHERE ${where.join(' AND ')}`;
  return { sql, count, params, countParams: params.length - 2 };
}

/** A page of decisions with tallies; the routes lay each caller's own votes over it. */
export async function listDecisions(q: Queryable, roomId: string, list: ListParams<DecisionSort>, f: Partial<DecisionFilters>) {
  const { rows, total } = await run<DecisionRowDb>(q, decisionListSql(roomId, list, f));
  return page(rows.map(decisionJson), total, list);
}

// Votes of one decision (every member reads the ledger, votes included)

export const VOTE_SORTS = ['cast_at', 'name'] as const;
export type VoteSort = (typeof VOTE_SORTS)[number];

export function voteListSql(decisionId: string, list: ListParams<VoteSort>, f: { option?: string }): Built {
  const params: unknown[] = [decisionId];
  const where = ['v.decision_id = $1'];
  if (f.option) where.push(`v.option = $${params.push(f.option)}`);
  if (list.search) where.push(`u.name ILIKE $${params.push(likePattern(list.search))}`);
  const countParams = params.length;
  const o = dir(list.sortOrder);
  const order = list.sortBy === 'name' ? 'lower(u.name)' : 'v.cast_at';
  const sql = `/* api.votes.list */ SELECT v.user_id, u.name, v.option, v.cast_at FROM votes v JOIN users u ON u.id = v.user_id
    WHERE ${where.join(' AND ')} ORDER BY ${order} ${o}, v.user_id ${o} OFFSET $${params.push(list.skip)} LIMIT $${params.push(list.limit)}`;
  const count = `/* api.votes.count */ SELECT count(*)::int AS total FROM votes v JOIN users u ON u.id = v.user_id WHERE ${where.join(' AND ')}`;
  return { sql, count, params, countParams };
}

export async function listVotes(q: Queryable, decisionId: string, list: ListParams<VoteSort>, f: { option?: string }): Promise<Page<unknown>> {
  const { rows, total } = await run<{ user_id: string; name: string; option: string; cast_at: number }>(q, voteListSql(decisionId, list, f));
  return page(
    rows.map((v) => ({ user_id: v.user_id, name: v.name, option: v.option, cast_at: iso(v.cast_at) })),
    total,
    list,
  );
}
