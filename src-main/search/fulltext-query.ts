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
/** Candidates per table when they are the best of the newest matches (no filter): see runFullText. */
const BOUNDED_CANDIDATES = 200;
/** How many of the newest matches of the mixed table a bounded query ranks (bm25 costs ~3 µs a row). */
const SCAN = 500;
/** Title over body: a word in an agenda item's or document's title outranks the same word in its text. */
const TITLE_WEIGHT = 10;
const SNIPPET_TOKENS = 16;

/**
 * User text to an FTS5 query that cannot be a syntax error: every term is a quoted string of letters
 * and digits (so `"`, `*`, `NEAR`, `-`, `^`, `:` and parentheses are never operators), all terms must
 * match, and the last one, as the one being typed, matches as a prefix from 2 characters on. Returns
 * null when the text has no searchable term.
 */
const TOKEN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

export function toFtsQuery(text: string): string | null {
  const terms = (text.normalize('NFC').match(TOKEN) ?? [])
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
  // Without a filter that can drop matches, the candidates are the newest matches, read from the FTS
  // index in rowid order (newest last) and ranked among themselves: a word in a few hundred rows ranks
  // them all, a word in most of 130,000 pages or 100,000 agenda items costs a few thousand rank
  // computations and a hundred row lookups instead of scoring and joining every match (a common word
  // over every agenda item was 500 ms). With a filter, every match is joined and filtered before
  // ranking, so none that passes is missed. If the best ones were dropped all the same (rows of a
  // removed document), it searches again unbounded.
  const unfiltered = q.boardroomId === undefined && q.from === undefined && q.to === undefined && readsEveryRoom(db, rooms);
  // A kind filter drops rows of the mixed table only; pages are all documents.
  const bounded = { fulltext: unfiltered && kinds.size === 3, pages: unfiltered };
  const wanted = q.offset + q.limit;
  // Each candidate costs ~5 µs of row lookups (room, meeting, date): bounded, take a few per hit wanted
  // (a document's pages fold into one hit), not a thousand.
  if (unfiltered) params.limit = Math.min(CANDIDATES, Math.max(BOUNDED_CANDIDATES, 4 * wanted));
  const first = collect(db, params, filters, bounded);
  let best = fold(first);
  // Fewer candidates than the bound means there were no more matches: nothing to search again for.
  if ((bounded.fulltext || bounded.pages) && best.size < wanted && first.length >= params.limit) {
    params.limit = CANDIDATES;
    best = fold(collect(db, params, filters, { fulltext: false, pages: false }));
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

/**
 * The matches of an FTS5 table with their rank: every one, or (bounded) a few of the newest, so
 * that only those are joined to their rows.
 */
function matches(table: 'fulltext' | 'page_fts', bounded: boolean): string {
  const rank = table === 'fulltext' ? `bm25(fulltext, ${TITLE_WEIGHT}, 1.0)` : 'rank';
  const all = `SELECT rowid AS rid, ${rank} AS rank FROM ${table} WHERE ${table} MATCH @match`;
  if (!bounded) return `m AS (${all})`;
  // Pages are long and their rank costs more (~3 µs a page): the newest `@limit` are the candidates.
  if (table === 'page_fts') return `m AS (${all} ORDER BY rowid DESC LIMIT @limit)`;
  return `newest AS MATERIALIZED (${all} ORDER BY rowid DESC LIMIT ${SCAN}), m AS MATERIALIZED (SELECT rid, rank FROM newest ORDER BY rank LIMIT @limit)`;
}

function collect(db: Db, params: Params, filters: string, bounded: { fulltext: boolean; pages: boolean }): Candidate[] {
  const candidates: Candidate[] = [];
  if (params.agenda || params.minutes || params.document) {
    candidates.push(
      ...(statement(
        db,
        `WITH ${matches('fulltext', bounded.fulltext)},
        c AS (
          SELECT k.kind, k.ref AS id, 'fulltext' AS source, m.rid, m.rank, NULL AS page,
            CASE k.kind WHEN 'document' THEN d.boardroom_id ELSE mt.boardroom_id END AS boardroomId,
            CASE k.kind WHEN 'document' THEN d.meeting_id WHEN 'agenda' THEN a.meeting_id ELSE k.ref END AS meetingId,
            CASE k.kind WHEN 'document' THEN d.created_at ELSE mt.scheduled_at END AS at,
            CASE k.kind WHEN 'document' THEN d.title WHEN 'agenda' THEN a.title ELSE mt.title END AS title
          FROM m CROSS JOIN fulltext_keys k ON k.id = m.rid
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
        `WITH ${matches('page_fts', bounded.pages)},
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
 * Snippets of the hits shown, one `MATCH ... AND rowid = ?` each (FTS5 seeks the row in each term's
 * doclist). The rowid is cast: better-sqlite3 binds a JS number as REAL, and FTS5 (3.53) then
 * ignores the rowid constraint under MATCH and returns every match. The last term is a prefix, and
 * FTS5 answers a prefix by merging the doclists of every term it covers, again for each statement
 * (for a word in most rows, ~3 ms each: 30 snippets were most of a 150 ms query). So each hit's
 * snippet matches the words of that row the prefix covers, read from the row's own text, as exact
 * terms; a row where none is found keeps the prefix.
 */
function snippetsOf(db: Db, hits: Candidate[], match: string): Map<string, string> {
  const out = new Map<string, string>();
  const prefix = /"([^"]*)"\*$/.exec(match);
  const exact = prefix ? match.slice(0, prefix.index) : match;
  const typed = prefix ? foldToken(prefix[1]!) : '';
  for (const hit of hits) {
    const table = hit.source === 'page' ? 'page_fts' : 'fulltext';
    let query = match;
    if (prefix) {
      const text = statement(db, hit.source === 'page' ? 'SELECT text AS t FROM document_pages WHERE id = ?' : "SELECT title || ' ' || body AS t FROM fulltext WHERE rowid = ?").get(hit.rid) as
        | { t: string }
        | undefined;
      const words = wordsStartingWith(text?.t ?? '', typed);
      if (words.length > 0) query = `${exact}${exact ? 'AND ' : ''}(${words.map((w) => `"${w}"`).join(' OR ')})`;
    }
    const column = table === 'page_fts' ? 0 : -1;
    const row = statement(db, `SELECT snippet(${table}, ${column}, char(2), char(3), '…', ${SNIPPET_TOKENS}) AS s FROM ${table} WHERE ${table} MATCH ? AND rowid = CAST(? AS INTEGER)`).get(
      query,
      hit.rid,
    ) as { s: string } | undefined;
    if (row) out.set(`${hit.source}:${hit.rid}`, row.s);
  }
  return out;
}

/** As unicode61 with remove_diacritics folds a token: lower case, marks removed. */
function foldToken(token: string): string {
  return token.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The distinct words of `text` that start with `prefix` once folded (a few: a row is short). */
function wordsStartingWith(text: string, prefix: string): string[] {
  const found = new Set<string>();
  for (const word of text.match(TOKEN) ?? []) {
    const folded = foldToken(word);
    if (folded.startsWith(prefix)) found.add(folded);
    if (found.size >= 8) break;
  }
  return [...found];
}

const cache = new WeakMap<Db, Map<string, Database.Statement>>();
function statement(db: Db, sql: string): Database.Statement {
  let stmts = cache.get(db);
  if (!stmts) cache.set(db, (stmts = new Map()));
  let stmt = stmts.get(sql);
  if (!stmt) stmts.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}
