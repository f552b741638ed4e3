// Full-text queries over the FTS5 tables of drizzle/local/0002_search.sql: user text to a safe FTS5
// query, candidates from both tables filtered by room, kind and date, documents folded to their best
// page, then snippets for the one page of hits asked for. Runs in the query worker on a read-only
// connection (query-worker.ts); tests call it directly.
import type Database from 'better-sqlite3';

export type FullTextKind = 'document' | 'minutes' | 'agenda';

export interface FullTextQuery {
  text: string;
  boardroomId?: string;
  kinds?: FullTextKind[];
  /** Inclusive bounds on the meeting's scheduled_at (minutes, agenda) or the document's created_at. */
  from?: number;
  to?: number;
  limit: number;
  offset: number;
}

export interface FullTextHit {
  kind: FullTextKind;
  /** Document id, meeting id for minutes, agenda item id. */
  id: string;
  boardroomId: string;
  meetingId: string | null;
  /** 1-based PDF (or text) page where a document matched; null when only its title matched. */
  page: number | null;
  title: string;
  /** Matched terms wrapped in \u0002 ... \u0003; no HTML. */
  snippet: string;
  /** Higher is better (bm25, negated). */
  score: number;
  at: number | null;
}

/** Terms beyond this are dropped: a pasted paragraph is not a query. */
const MAX_TERMS = 12;
const MAX_TERM_CHARS = 64;
/** Candidates kept per table before documents are folded and hits paged. */
const CANDIDATES = 1_000;
/** Candidates per table when they are the newest matches (no filter): see runFullText. */
const BOUNDED_CANDIDATES = 200;
/** Title over body: a word in an agenda item's or document's title outranks the same word in its text. */
const TITLE_WEIGHT = 10;
const SNIPPET_TOKENS = 16;

/**
 * User text to an FTS5 query that cannot be a syntax error: every term is a quoted string of letters
 * and digits (so `"`, `*`, `NEAR`, `-`, `^`, `:` and parentheses are never operators), all terms must
 * match, and the last one, as the one being typed, matches as a prefix from 2 characters on. Returns
 * null when the text has no searchable term.
 */
export function toFtsQuery(text: string): string | null {
  const terms = (text.normalize('NFC').match(/[\p{L}\p{N}\p{M}\p{Co}]+/gu) ?? [])
    .slice(0, MAX_TERMS)
    .map((t) => t.slice(0, MAX_TERM_CHARS));
  if (terms.length === 0) return null;
  return terms.map((t, i) => `"${t}"${i === terms.length - 1 && [...t].length >= 2 ? '*' : ''}`).join(' ');
}

interface Candidate {
  kind: FullTextKind;
  id: string;
  source: 'fulltext' | 'page';
  rid: number;
  rank: number;
  boardroomId: string;
  meetingId: string | null;
  at: number | null;
  title: string;
  page: number | null;
}

type Db = Database.Database;

/** Rooms the user may read: where they are an active member, any role (observers read too). */
export function readableRooms(db: Db, userId: string): string[] {
  return (db.prepare('SELECT boardroom_id AS id FROM boardroom_members WHERE user_id = ? AND active = 1').all(userId) as Array<{ id: string }>).map(
    (r) => r.id,
  );
}

export function runFullText(db: Db, q: FullTextQuery, userId: string): FullTextHit[] {
  const match = toFtsQuery(q.text);
  if (!match || q.limit <= 0) return [];
  let rooms = readableRooms(db, userId);
  if (q.boardroomId !== undefined) rooms = rooms.filter((r) => r === q.boardroomId);
  if (rooms.length === 0) return [];
  const kinds = new Set<FullTextKind>(q.kinds && q.kinds.length > 0 ? q.kinds : ['document', 'minutes', 'agenda']);
  const params = {
    match,
    rooms: JSON.stringify(rooms),
    from: q.from ?? null,
    to: q.to ?? null,
    agenda: kinds.has('agenda') ? 1 : 0,
    minutes: kinds.has('minutes') ? 1 : 0,
    document: kinds.has('document') ? 1 : 0,
    limit: CANDIDATES,
  };
  const filters = `boardroomId IN (SELECT value FROM json_each(@rooms))
    AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at <= @to)`;
  // Without a filter that can drop matches, the candidates are the newest matches, read
  // from the FTS index in rowid order (newest last) and ranked among themselves: a word in a few
  // hundred rows ranks them all, a word in most of 130,000 pages costs a thousand rank computations
  // instead of 130,000 (bm25 over every match was the p95: 50 ms at 40 MB of text). With a filter,
  // every match is joined and filtered before ranking, so none that passes is missed. If the newest
  // ones were dropped all the same (rows of a removed document), it searches again unbounded.
  const unfiltered = q.boardroomId === undefined && q.from === undefined && q.to === undefined && readsEveryRoom(db, rooms);
  const top = 'ORDER BY rowid DESC LIMIT @limit';
  // Only the pages are bounded: titles, agenda notes and minutes are short, and ranking all their
  // matches measured faster than reading them newest first (26 ms p50 at 100,000 agenda items).
  const bounded = { fulltext: '', pages: unfiltered ? top : '' };
  const wanted = q.offset + q.limit;
  // Each candidate costs ~5 µs of row lookups (room, meeting, date): bounded, take a few per hit wanted
  // (a document's pages fold into one hit), not a thousand.
  if (unfiltered) params.limit = Math.min(CANDIDATES, Math.max(BOUNDED_CANDIDATES, 4 * wanted));
  const first = collect(db, params, filters, bounded);
  let best = fold(first);
  // Fewer candidates than the bound means there were no more matches: nothing to search again for.
  if ((bounded.fulltext || bounded.pages) && best.size < wanted && first.length >= params.limit) {
    params.limit = CANDIDATES;
    best = fold(collect(db, params, filters, { fulltext: '', pages: '' }));
  }
  const ranked = [...best.values()].sort((a, b) => a.rank - b.rank || (b.hit.at ?? 0) - (a.hit.at ?? 0) || (a.hit.id < b.hit.id ? -1 : 1));
  const chosen = ranked.slice(q.offset, wanted);
  const snippets = snippetsOf(db, chosen.map((c) => c.hit), match);
  return chosen.map(({ hit, rank }) => ({
    kind: hit.kind,
    id: hit.id,
    boardroomId: hit.boardroomId,
    meetingId: hit.meetingId,
    page: hit.page,
    title: hit.title,
    snippet: snippets.get(`${hit.source}:${hit.rid}`) ?? hit.title,
    score: -rank,
    at: hit.at,
  }));
}

type Params = { match: string; rooms: string; from: number | null; to: number | null; agenda: number; minutes: number; document: number; limit: number };

function collect(db: Db, params: Params, filters: string, top: { fulltext: string; pages: string }): Candidate[] {
  const candidates: Candidate[] = [];
  if (params.agenda || params.minutes || params.document) {
    candidates.push(
      ...(statement(
        db,
        `WITH m AS (SELECT rowid AS rid, bm25(fulltext, ${TITLE_WEIGHT}, 1.0) AS rank FROM fulltext WHERE fulltext MATCH @match ${top.fulltext}),
        c AS (
          SELECT k.kind, k.ref AS id, 'fulltext' AS source, m.rid, m.rank, NULL AS page,
            CASE k.kind WHEN 'document' THEN d.boardroom_id ELSE mt.boardroom_id END AS boardroomId,
            CASE k.kind WHEN 'document' THEN d.meeting_id WHEN 'agenda' THEN a.meeting_id ELSE k.ref END AS meetingId,
            CASE k.kind WHEN 'document' THEN d.created_at ELSE mt.scheduled_at END AS at,
            CASE k.kind WHEN 'document' THEN d.title WHEN 'agenda' THEN a.title ELSE mt.title END AS title
          FROM m JOIN fulltext_keys k ON k.id = m.rid
          LEFT JOIN documents d ON k.kind = 'document' AND d.id = k.ref AND d.deleted_at IS NULL
          LEFT JOIN agenda_items a ON k.kind = 'agenda' AND a.id = k.ref
          LEFT JOIN minutes mi ON k.kind = 'minutes' AND mi.meeting_id = k.ref
          LEFT JOIN meetings mt ON mt.id = CASE k.kind WHEN 'agenda' THEN a.meeting_id WHEN 'minutes' THEN mi.meeting_id END
          WHERE (k.kind = 'agenda' AND @agenda) OR (k.kind = 'minutes' AND @minutes) OR (k.kind = 'document' AND @document)
        )
        SELECT * FROM c WHERE ${filters} ORDER BY rank LIMIT @limit`,
      ).all(params) as Candidate[]),
    );
  }
  if (params.document) {
    candidates.push(
      ...(statement(
        db,
        `WITH m AS (SELECT rowid AS rid, rank FROM page_fts WHERE page_fts MATCH @match ${top.pages}),
        c AS (
          SELECT 'document' AS kind, d.id, 'page' AS source, m.rid, m.rank, p.page, d.boardroom_id AS boardroomId,
            d.meeting_id AS meetingId, d.created_at AS at, d.title
          FROM m JOIN document_pages p ON p.id = m.rid
          JOIN documents d ON d.blob_hash = p.blob_hash AND d.deleted_at IS NULL
        )
        SELECT * FROM c WHERE ${filters} ORDER BY rank LIMIT @limit`,
      ).all(params) as Candidate[]),
    );
  }

  return candidates;
}

/** One hit per document: its best page (pages say more than a title), ranked by its best match. */
function fold(candidates: Candidate[]): Map<string, { hit: Candidate; rank: number }> {
  const best = new Map<string, { hit: Candidate; rank: number }>();
  for (const c of candidates) {
    const key = `${c.kind}:${c.id}`;
    const seen = best.get(key);
    if (!seen) best.set(key, { hit: c, rank: c.rank });
    else {
      seen.rank = Math.min(seen.rank, c.rank);
      const better = c.source === 'page' && (seen.hit.source !== 'page' || c.rank < seen.hit.rank);
      if (better) seen.hit = c;
    }
  }
  return best;
}

/** Whether the user may read every room on this device (then no match is filtered out by room). */
function readsEveryRoom(db: Db, rooms: string[]): boolean {
  const { n } = statement(db, 'SELECT count(*) AS n FROM boardrooms').get() as { n: number };
  return rooms.length >= n;
}

/**
 * Snippets of the hits shown, one statement per table: each `MATCH ... AND rowid = ?` on its own
 * walked the whole match for a common word again (30 of them were most of a 50 ms query).
 */
function snippetsOf(db: Db, hits: Candidate[], match: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const source of ['page', 'fulltext'] as const) {
    const rids = hits.filter((h) => h.source === source).map((h) => h.rid);
    if (rids.length === 0) continue;
    const sql =
      source === 'page'
        ? `SELECT rowid AS rid, snippet(page_fts, 0, char(2), char(3), '…', ${SNIPPET_TOKENS}) AS s FROM page_fts
           WHERE page_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))`
        : `SELECT rowid AS rid, snippet(fulltext, -1, char(2), char(3), '…', ${SNIPPET_TOKENS}) AS s FROM fulltext
           WHERE fulltext MATCH ? AND rowid IN (SELECT value FROM json_each(?))`;
    for (const row of statement(db, sql).all(match, JSON.stringify(rids)) as Array<{ rid: number; s: string }>) out.set(`${source}:${row.rid}`, row.s);
  }
  return out;
}

const cache = new WeakMap<Db, Map<string, Database.Statement>>();
function statement(db: Db, sql: string): Database.Statement {
  let stmts = cache.get(db);
  if (!stmts) cache.set(db, (stmts = new Map()));
  let stmt = stmts.get(sql);
  if (!stmt) stmts.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}
