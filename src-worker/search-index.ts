// The instant-search index: MiniSearch over short fields only (room names, meeting and agenda titles,
// motions, action items, document titles, people). Pure, so it runs under node in tests;
// search.worker.ts runs it in a Web Worker and feeds it from main.
//
// Each keystroke is a prefix query. Fuzzy matching costs ~5x as much (measured: 7 ms vs 35 ms p95 over
// 300,000 titles), so it runs only where it pays: a term of at least FUZZY_MIN_TERM characters and
// fewer than FUZZY_BELOW prefix hits, which is when the user has probably mistyped.
import MiniSearch, { type SearchResult } from 'minisearch';

import type { FeedItem, SearchKind } from '../src-shared/search';

export type { FeedItem, SearchKind };

export type SearchItem = Omit<FeedItem, 'deleted' | 'clock'>;

export interface SearchHit extends SearchItem {
  score: number;
  /** Found by the fuzzy pass (a likely typo), not by prefix. */
  fuzzy: boolean;
}

export interface SearchOptions {
  limit: number;
  /** Rooms the user may read; items of other rooms never come back. People have no room. */
  rooms?: ReadonlySet<string> | null;
  kinds?: readonly SearchKind[];
  /** Only items of this room. */
  room?: string;
  /** Only items dated in [from, to] (meetings by their date); undated items pass. */
  from?: number;
  to?: number;
}

export interface SearchIndex {
  /** Applies feed entries in order: adds or replaces live ones, removes tombstones. */
  apply(items: readonly FeedItem[]): { added: number; removed: number };
  search(query: string, options: SearchOptions): SearchHit[];
  size(): number;
  /** Does now what the next query would otherwise start with (sorting titles after a big batch). */
  warm(): void;
  /** The whole index as JSON text, to be stored by main and loaded with `loadSearchIndex`. */
  toJSON(): string;
}

export const FUZZY_MIN_TERM = 4;
export const FUZZY_BELOW = 5;
/** A last term shorter than this is not expanded as a prefix through the index (see `search`). */
export const SHORT_TERM = 3;
export const SUBTITLE_TERM = 4;
/** A query whose rarest word is in more items than this lists matches unranked (see `search`). */
export const COMMON_MATCHES = 5_000;
/** Bumped when fields or tokenizing change: a snapshot of another version is discarded. */
export const INDEX_VERSION = 4;

/** `detail` is indexed, never stored; the subtitle is stored, never indexed. */
type IndexedItem = SearchItem & { detail: string };

const FIELDS = ['title', 'detail'];
/**
 * Kinds whose subtitle says something of its own (an agenda item's meeting and presenter, an action's
 * assignee, a person's email, a room's description) and is searched as `detail`. Other kinds' subtitle
 * is their room's name, shared by every meeting there: indexed, it would make most of the index match
 * a room's name (use the room filter for that).
 */
const SUBTITLE_INDEXED = new Set<SearchKind>(['agenda', 'action', 'person', 'boardroom']);
const STORE: Array<keyof SearchItem> = ['id', 'kind', 'title', 'subtitle', 'boardroomId', 'meetingId', 'at'];

function options() {
  return {
    fields: FIELDS,
    storeFields: STORE,
    searchOptions: { boost: { title: 3 }, combineWith: 'AND' as const, prefix: true },
  };
}

export function createSearchIndex(): SearchIndex {
  return wrap(new MiniSearch<IndexedItem>(options()), new TitleStarts());
}

/** Restores an index from `toJSON()`; null when the text is from another index version or unreadable. */
export function loadSearchIndex(json: string): SearchIndex | null {
  try {
    type Stored = { id?: string; title?: string; kind?: string; subtitle?: string; boardroomId?: string | null };
    const parsed = JSON.parse(json) as { version?: number; index?: { storedFields?: Record<string, Stored> } };
    if (parsed.version !== INDEX_VERSION || !parsed.index) return null;
    const stored = Object.values(parsed.index.storedFields ?? {});
    for (const f of stored) {
      if (typeof f.boardroomId === 'string') f.boardroomId = intern(f.boardroomId);
      if (typeof f.subtitle === 'string' && !SUBTITLE_INDEXED.has(f.kind as SearchKind)) f.subtitle = intern(f.subtitle);
    }
    const mini = MiniSearch.loadJS<IndexedItem>(parsed.index as Parameters<typeof MiniSearch.loadJS>[0], options());
    const titles = new TitleStarts();
    titles.expect(stored.length);
    for (const f of stored) if (f.id && typeof f.title === 'string') titles.set(f.id, f.title);
    return wrap(mini, titles);
  } catch {
    return null;
  }
}

/**
 * One copy of each room id and room name, however many items carry them (JSON.parse and the feed
 * make a new string per occurrence: ~20 MB at 210,000 items).
 */
const interned = new Map<string, string>();
function intern(text: string): string {
  const known = interned.get(text);
  if (known !== undefined) return known;
  if (interned.size < 100_000) interned.set(text, text);
  return text;
}

function wrap(mini: MiniSearch<IndexedItem>, titles: TitleStarts): SearchIndex {
  const hit = (r: SearchResult, fuzzy: boolean): SearchHit => ({
    id: String(r.id),
    kind: r.kind as SearchKind,
    title: String(r.title),
    subtitle: String(r.subtitle ?? ''),
    boardroomId: (r.boardroomId as string | null) ?? null,
    meetingId: (r.meetingId as string | null) ?? (r.kind === 'meeting' ? String(r.id) : null),
    at: (r.at as number | null) ?? null,
    score: r.score,
    fuzzy,
  });

  return {
    apply(items) {
      let added = 0;
      let removed = 0;
      titles.expect(items.length);
      for (const item of items) {
        if (mini.has(item.id)) {
          // discard() marks the entry gone at once; MiniSearch vacuums its posting lists later.
          mini.discard(item.id);
          if (item.deleted) removed++;
        }
        if (!item.deleted) {
          const { id, kind, title, subtitle, at } = item;
          const shared = !SUBTITLE_INDEXED.has(kind);
          mini.add({
            id,
            kind,
            title,
            subtitle: shared ? intern(subtitle) : subtitle,
            detail: shared ? '' : subtitle,
            boardroomId: item.boardroomId === null ? null : intern(item.boardroomId),
            // A meeting is its own meeting: not stored twice (see `hit`).
            meetingId: kind === 'meeting' && item.meetingId === id ? null : item.meetingId,
            at,
          });
          added++;
        }
        titles.set(item.id, item.deleted ? null : item.title);
      }
      return { added, removed };
    },

    search(query, { limit, rooms, kinds, room, from, to }) {
      const q = query.trim();
      if (!q || limit <= 0) return [];
      const filter = (r: Record<string, unknown>) => {
        const roomId = r.boardroomId as string | null;
        const at = r.at as number | null;
        return (
          (!kinds || kinds.includes(r.kind as SearchKind)) &&
          // Only people have no room; anything else without one (its meeting not synced yet) is unreadable.
          (!rooms || (roomId == null ? r.kind === 'person' : rooms.has(roomId))) &&
          (!room || roomId === room) &&
          (at == null || ((from === undefined || at >= from) && (to === undefined || at <= to)))
        );
      };
      // A last term of one or two letters would expand to thousands of words and score most of the
      // index (measured: 20-70 ms over 40,000 titles). Alone, it finds titles that start with it,
      // from a sorted list; after other words, it narrows their hits to titles with a word starting so.
      const terms = q.toLowerCase().split(/\s+/);
      const last = terms.at(-1)!;
      if (last.length < SHORT_TERM) {
        if (terms.length === 1) {
          return titles.startingWith(last, limit, (id) => {
            const fields = mini.getStoredFields(id);
            return fields && filter(fields) ? hit({ ...fields, id, score: 0 } as unknown as SearchResult, false) : null;
          });
        }
        // The whole words are searched (the rarest, the others checked), the short one must start a word.
        const whole = terms.slice(0, -1);
        const counts = whole.map((t) => documentCount(mini, t, false));
        const rarest = counts.indexOf(Math.min(...counts));
        const others = terms.map((t, i) => (i === rarest ? null : t));
        const keep = (r: Record<string, unknown>) => filter(r) && holdsWords(r, false, others);
        if (counts[rarest]! > COMMON_MATCHES) return unranked(mini, titles, terms, rarest, ['title'], keep, limit).map((r) => hit(r, false));
        return mini
          .search(whole[rarest]!, { prefix: false, fields: ['title'], filter: keep })
          .slice(0, limit)
          .map((r) => hit(r, false));
      }
      // Words before the last are complete: only the last one is a prefix. Subtitles (a meeting's is its
      // room's name, shared by every meeting there) join in once the last word has SUBTITLE_TERM letters.
      const fields = last.length < SUBTITLE_TERM ? ['title'] : ['title', 'detail'];
      // MiniSearch scores every item matching each word before intersecting, so "board lohaf" costs
      // what "board" alone does. Search the rarest word instead and keep the items whose words hold
      // the others: same matches, ranked by that word.
      const counts = terms.map((t, i) => documentCount(mini, t, i === terms.length - 1));
      const rarest = counts.indexOf(Math.min(...counts));
      const others = terms.map((t, i) => (i === rarest ? null : t));
      const keep = (r: Record<string, unknown>) => filter(r) && (terms.length === 1 || holdsWords(r, fields.length > 1, others));
      if (counts[rarest]! > COMMON_MATCHES) {
        // Even the rarest word is in thousands of items: scoring them all costs ~3 µs each (100-200 ms for
        // a common word at 210,000 items), and one more letter will narrow it. Until then: titles that
        // start with the text, then other items holding the words, unranked.
        return unranked(mini, titles, terms, rarest, fields, keep, limit).map((r) => hit(r, false));
      }
      const exact = mini.search(terms[rarest]!, { fields, prefix: rarest === terms.length - 1, filter: keep });
      const hits = exact.slice(0, limit).map((r) => hit(r, false));
      if (exact.length >= FUZZY_BELOW || last.length < FUZZY_MIN_TERM || hits.length >= limit) return hits;
      const seen = new Set(hits.map((h) => h.id));
      // The word being typed is the likely typo: only it goes fuzzy; the others must be there as typed.
      const typed = terms.map((t, i) => (i === terms.length - 1 ? null : t));
      const fuzzy = mini.search(last, { fuzzy: 0.25, prefix: true, filter: (r) => filter(r) && (terms.length === 1 || holdsWords(r, true, typed)) });
      for (const r of fuzzy) {
        if (hits.length >= limit) break;
        if (!seen.has(String(r.id))) hits.push(hit(r, true));
      }
      return hits;
    },

    size: () => mini.documentCount,

    warm: () => void titles.warm(),

    toJSON: () => JSON.stringify({ version: INDEX_VERSION, index: mini }),
  };
}

/** MiniSearch's default tokenizer: words split at spaces and punctuation, compared lower-cased. */
const SEPARATOR = /[\n\r\p{Z}\p{P}]+/u;

/** Whether an item's indexed words hold every given word (whole), the last one as a prefix. */
function holdsWords(r: Record<string, unknown>, withDetail: boolean, terms: Array<string | null>): boolean {
  const text = withDetail && SUBTITLE_INDEXED.has(r.kind as SearchKind) ? `${String(r.title)} ${String(r.subtitle ?? '')}` : String(r.title);
  const words = text.toLowerCase().split(SEPARATOR);
  const lastAt = terms.length - 1;
  return terms.every((t, i) => t === null || (i === lastAt ? words.some((w) => w.startsWith(t)) : words.includes(t)));
}

/**
 * Up to `limit` matches without scoring: titles starting with the query text, then items from the
 * rarest word's posting lists (in index order) that pass `keep`.
 */
function unranked(
  mini: MiniSearch<IndexedItem>,
  titles: TitleStarts,
  terms: string[],
  rarest: number,
  fields: string[],
  keep: (r: Record<string, unknown>) => boolean,
  limit: number,
): SearchResult[] {
  const out: SearchResult[] = [];
  const seen = new Set<string>();
  /** Adds the item if it passes; true when it was added. */
  const take = (id: string): boolean => {
    if (seen.has(id)) return false;
    seen.add(id);
    const stored = mini.getStoredFields(id);
    if (!stored || !keep(stored)) return false;
    out.push({ ...stored, id, score: 0, terms: [], queryTerms: [], match: {} } as SearchResult);
    return true;
  };
  titles.startingWith(terms.join(' '), limit, (id) => (take(id) ? id : null));
  const internals = mini as unknown as { _index?: TermIndex; _documentIds?: Map<number, string>; _fieldIds?: Record<string, number> };
  const { _index: index, _documentIds: ids, _fieldIds: fieldIds } = internals;
  if (out.length >= limit || !index || !ids || !fieldIds) return out;
  const wanted = new Set(fields.map((f) => fieldIds[f]));
  const term = terms[rarest]!;
  const postings = rarest === terms.length - 1 ? index.atPrefix(term) : [[term, index.get(term)] as const];
  for (const [, data] of postings) {
    for (const [fieldId, docs] of data?.entries() ?? []) {
      if (!wanted.has(fieldId)) continue;
      for (const shortId of docs.keys()) {
        const id = ids.get(shortId);
        if (id !== undefined && take(id) && out.length >= limit) return out;
      }
    }
  }
  return out;
}

type TermIndex = {
  get(term: string): Map<number, Map<number, number>> | undefined;
  atPrefix(prefix: string): Iterable<readonly [string, Map<number, Map<number, number>> | undefined]>;
};

/**
 * About how many items hold a word (or, as a prefix, any word it starts): the sizes of its posting
 * lists. Reads MiniSearch's term index, which it keeps protected; if a version ever hides it, every
 * word counts the same and the search works as before.
 */
function documentCount(mini: MiniSearch<IndexedItem>, term: string, prefix: boolean): number {
  const index = (mini as unknown as { _index?: TermIndex })._index;
  if (!index || typeof index.get !== 'function') return 0;
  const size = (data: Map<number, Map<number, number>> | undefined) => {
    let n = 0;
    for (const docs of data?.values() ?? []) n += docs.size;
    return n;
  };
  if (!prefix) return size(index.get(term));
  let n = 0;
  for (const [, data] of index.atPrefix(term)) n += size(data);
  return n;
}

/**
 * Titles in sorted order (lower-cased), for "starts with" on one or two typed letters: a binary search
 * to the first match, then a walk while titles still match. Small changes are spliced into the sorted
 * list; a big batch (a first build, a long catch-up) drops it, and the next query (or `warm`) sorts once.
 */
class TitleStarts {
  private readonly byId = new Map<string, string>();
  private sorted: string[] | null = [];

  private static key(id: string, title: string): string {
    return `${title.toLowerCase()}\u0000${id}`;
  }

  private static lowerBound(keys: string[], key: string): number {
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Before applying `count` changes: splicing each costs O(n), so many of them re-sort instead. */
  expect(count: number): void {
    if (count > 200) this.sorted = null;
  }

  set(id: string, title: string | null): void {
    const old = this.byId.get(id);
    if (old !== undefined && this.sorted) {
      const at = TitleStarts.lowerBound(this.sorted, old);
      if (this.sorted[at] === old) this.sorted.splice(at, 1);
    }
    if (title === null) {
      this.byId.delete(id);
      return;
    }
    const key = TitleStarts.key(id, title);
    this.byId.set(id, key);
    if (this.sorted) this.sorted.splice(TitleStarts.lowerBound(this.sorted, key), 0, key);
  }

  warm(): string[] {
    return (this.sorted ??= [...this.byId.values()].sort());
  }

  startingWith<T>(prefix: string, limit: number, accept: (id: string) => T | null): T[] {
    const keys = this.warm();
    const out: T[] = [];
    for (let i = TitleStarts.lowerBound(keys, prefix); i < keys.length && out.length < limit; i++) {
      const key = keys[i]!;
      if (!key.startsWith(prefix)) break;
      const found = accept(key.slice(key.lastIndexOf('\u0000') + 1));
      if (found) out.push(found);
    }
    return out;
  }
}
