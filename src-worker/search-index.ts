// The instant-search index: MiniSearch over short fields only (room names, meeting and agenda titles,
// motions, action items, document titles, people). Pure, so it runs under node in tests;
// search.worker.ts runs it in a Web Worker and feeds it from main.
//
// Each keystroke is a prefix query. Fuzzy matching costs ~5x as much (measured: 7 ms vs 35 ms p95 over
// 300,000 titles), so it runs only where it pays: a term of at least FUZZY_MIN_TERM characters and
// fewer than FUZZY_BELOW prefix hits, which is when the user has probably mistyped.
import MiniSearch, { type SearchResult } from 'minisearch';

import { SEARCH_KINDS, type FeedItem, type SearchKind } from '../src-shared/search';

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
/**
 * A query whose rarest word is in more items than this lists matches unranked (see `search`). Scoring
 * costs MiniSearch ~3 µs an item: at 5,000 the common words were the palette's p95 (12 ms over 210,000
 * items); at 2,000, p95 4.7 ms, and the next letter typed usually brings a word under it.
 */
export const COMMON_MATCHES = 2_000;
/** Places where a snapshot's title order is checked as it loads (see TitleStarts.inOrder). */
const ORDER_SAMPLES = 4_096;
/** Bumped when fields, tokenizing or the snapshot's shape change: a snapshot of another version is discarded. */
export const INDEX_VERSION = 5;

/** What MiniSearch indexes: `detail` is the subtitle of kinds whose subtitle is searched, else empty. */
type IndexedItem = { id: string; title: string; detail: string };

/** What a hit shows and the filters read, kept beside MiniSearch rather than in its stored fields. */
type Stored = Omit<SearchItem, 'id'>;

const FIELDS = ['title', 'detail'];
/**
 * Kinds whose subtitle says something of its own (an agenda item's meeting and presenter, an action's
 * assignee, a person's email, a room's description) and is searched as `detail`. Other kinds' subtitle
 * is their room's name, shared by every meeting there: indexed, it would make most of the index match
 * a room's name (use the room filter for that).
 */
const SUBTITLE_INDEXED = new Set<SearchKind>(['agenda', 'action', 'person', 'boardroom']);
function options() {
  return {
    fields: FIELDS,
    storeFields: [],
    searchOptions: { boost: { title: 3 }, combineWith: 'AND' as const, prefix: true },
  };
}

export function createSearchIndex(): SearchIndex {
  const store = new Map<string, Stored>();
  return wrap(new MiniSearch<IndexedItem>(options()), store, new TitleStarts(store));
}

/**
 * The parts of MiniSearch a snapshot reads and writes directly. Its own `toJSON`/`loadJS` go through
 * an object per term and per item with numeric keys: over 210,000 items that was 80 MB and 2.4 s to
 * load. These fields are MiniSearch 7.2's (package.json pins the version); if a release renames them,
 * `internals` returns null, snapshots are refused and the index is rebuilt from the feed.
 */
interface Internals {
  _documentCount: number;
  _nextId: number;
  _fieldIds: Record<string, number>;
  _avgFieldLength: number[];
  _dirtCount: number;
  _documentIds: Map<number, string>;
  _idToShortId: Map<string, number>;
  _fieldLength: Map<number, number[]>;
  _index: { set(term: string, data: Map<number, Map<number, number>>): unknown } & Iterable<[string, Map<number, Map<number, number>>]>;
}

function internals(mini: MiniSearch<IndexedItem>): Internals | null {
  const m = mini as unknown as Partial<Internals>;
  const maps = [m._documentIds, m._idToShortId, m._fieldLength];
  const ok =
    maps.every((x) => x instanceof Map) &&
    typeof m._documentCount === 'number' &&
    typeof m._nextId === 'number' &&
    typeof m._dirtCount === 'number' &&
    Array.isArray(m._avgFieldLength) &&
    typeof m._fieldIds === 'object' &&
    typeof m._index?.set === 'function' &&
    typeof (m._index as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
  return ok ? (m as Internals) : null;
}

/**
 * The snapshot, in columns of plain strings and numbers (JSON parses those several times faster than
 * objects): one row per item in MiniSearch's short-id order, repeated values (room ids, a room's name
 * as its meetings' subtitle) stored once in `shared` and referred to by number, the term index as one
 * flat list of numbers, and the rows' order by title so loading sorts nothing.
 */
interface Snapshot {
  version: number;
  mini: { documentCount: number; nextId: number; dirtCount: number; averageFieldLength: number[]; fields: string[] };
  rows: {
    shortIds: number[];
    ids: string[];
    kinds: number[];
    titles: string[];
    /** A string, or the number of an entry in `shared`. */
    subtitles: Array<string | number>;
    /** The number of an entry in `shared`, or -1 for none. */
    rooms: number[];
    /** A string, 0 for none, 1 for the item itself (a meeting is its own meeting). */
    meetings: Array<string | 0 | 1>;
    /** A timestamp, or 0 for none. */
    at: number[];
    /** Each row's word count per field, FIELDS.length numbers a row. */
    lengths: number[];
    /** Rows by title (numbers of rows). */
    order: number[];
    shared: string[];
  };
  terms: string[];
  /** Per term: its field count; per field: the field id, the item count, then (short id − the previous one, frequency) pairs. */
  postings: number[];
}

/** Restores an index from `toJSON()`; null when the text is from another index version or unreadable. */
export function loadSearchIndex(json: string): SearchIndex | null {
  try {
    const snap = JSON.parse(json) as Partial<Snapshot>;
    const { rows, mini: scalars, terms, postings } = snap;
    if (snap.version !== INDEX_VERSION || !rows || !scalars || !terms || !postings) return null;
    if (scalars.fields.join() !== FIELDS.join()) return null;
    const mini = new MiniSearch<IndexedItem>(options());
    const m = internals(mini);
    if (!m) return null;
    m._documentCount = scalars.documentCount;
    m._nextId = scalars.nextId;
    m._dirtCount = scalars.dirtCount;
    m._avgFieldLength = scalars.averageFieldLength;

    const shared = rows.shared.map(intern);
    const store = new Map<string, Stored>();
    const fieldCount = FIELDS.length;
    const rowOf = new Int32Array(scalars.nextId).fill(-1);
    m._fieldLength = new PackedLengths(rows.lengths, rowOf);
    for (let i = 0; i < rows.ids.length; i++) {
      const id = rows.ids[i]!;
      const short = rows.shortIds[i]!;
      const subtitle = rows.subtitles[i]!;
      const meeting = rows.meetings[i]!;
      store.set(id, {
        kind: SEARCH_KINDS[rows.kinds[i]!]!,
        title: rows.titles[i]!,
        subtitle: typeof subtitle === 'number' ? shared[subtitle]! : subtitle,
        boardroomId: rows.rooms[i]! < 0 ? null : shared[rows.rooms[i]!]!,
        meetingId: meeting === 0 ? null : meeting === 1 ? id : meeting,
        at: rows.at[i] || null,
      });
      if (!(short >= 0 && short < rowOf.length) || rowOf[short] !== -1) return null;
      rowOf[short] = i;
      m._documentIds.set(short, id);
      m._idToShortId.set(id, short);
    }
    let p = 0;
    for (const term of terms) {
      m._index.set(term, new LazyPostings(postings, p));
      // Only walked here (to where the next term starts, and to check the list is whole).
      for (let fields = postings[p++]!; fields > 0; fields--) {
        const items = postings[p + 1]!;
        p += 2 + 2 * items;
      }
      if (!(p <= postings.length)) return null;
    }
    if (p !== postings.length || store.size !== m._documentCount || rows.lengths.length !== store.size * fieldCount) return null;
    return wrap(mini, store, TitleStarts.inOrder(store, rows.order.map((i) => rows.ids[i]!)));
  } catch {
    return null;
  }
}

/**
 * One term's posting lists (field id to item short id to frequency) as a snapshot loads them: where
 * they start in the snapshot's flat list of numbers, made into MiniSearch's maps the first time
 * anything reads or changes them. Making all 135,000 terms' maps at load (1.7 million entries) was
 * 300 ms of it and most of its garbage; a query makes the few terms it reads (a common word's in
 * ~0.2 ms). Every Map method fills it first, so MiniSearch sees an ordinary Map.
 */
class LazyPostings extends Map<number, Map<number, number>> {
  private source: number[] | null;

  constructor(
    postings: number[],
    private readonly at: number,
  ) {
    super();
    this.source = postings;
  }

  /** Makes the maps (once); `Map.prototype` methods then act on the filled map. */
  fill(): this {
    const postings = this.source;
    if (!postings) return this;
    this.source = null;
    let p = this.at;
    for (let fields = postings[p++]!; fields > 0; fields--) {
      const fieldId = postings[p++]!;
      const docs = new Map<number, number>();
      let short = 0;
      for (let n = postings[p++]!; n > 0; n--) {
        short += postings[p++]!;
        docs.set(short, postings[p++]!);
      }
      super.set(fieldId, docs);
    }
    return this;
  }

  override get(key: number) {
    return this.fill(), super.get(key);
  }
  override set(key: number, value: Map<number, number>) {
    return this.fill(), super.set(key, value);
  }
  override has(key: number) {
    return this.fill(), super.has(key);
  }
  override delete(key: number) {
    return this.fill(), super.delete(key);
  }
  override clear() {
    this.source = null;
    super.clear();
  }
  override forEach(fn: (value: Map<number, number>, key: number, map: Map<number, Map<number, number>>) => void, thisArg?: unknown) {
    this.fill();
    super.forEach(fn, thisArg);
  }
  override entries() {
    return this.fill(), super.entries();
  }
  override keys() {
    return this.fill(), super.keys();
  }
  override values() {
    return this.fill(), super.values();
  }
  override [Symbol.iterator]() {
    return this.fill(), super[Symbol.iterator]();
  }
}
// `size` is an accessor on Map.prototype (TypeScript declares it a property, so it cannot be overridden in the class).
const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, 'size')!.get!;
Object.defineProperty(LazyPostings.prototype, 'size', {
  get(this: LazyPostings) {
    return mapSize.call(this.fill());
  },
});

/**
 * MiniSearch's field lengths per item as a snapshot loads them: its flat list, a row per short id,
 * read into a small array when MiniSearch asks (scoring, discarding) rather than 210,000 arrays made
 * at load (~130 ms of it). Items added later are kept as MiniSearch keeps them, in the Map itself.
 */
class PackedLengths extends Map<number, number[]> {
  constructor(
    private readonly flat: number[],
    private readonly rowOf: Int32Array,
  ) {
    super();
  }

  private row(short: number): number {
    return short >= 0 && short < this.rowOf.length ? this.rowOf[short]! : -1;
  }

  override get(short: number): number[] | undefined {
    const own = super.get(short);
    if (own !== undefined) return own;
    const row = this.row(short);
    return row < 0 ? undefined : this.flat.slice(row * FIELDS.length, (row + 1) * FIELDS.length);
  }

  override has(short: number): boolean {
    return super.has(short) || this.row(short) >= 0;
  }

  override delete(short: number): boolean {
    const row = this.row(short);
    if (row >= 0) this.rowOf[short] = -1;
    return super.delete(short) || row >= 0;
  }
}

function snapshotOf(mini: MiniSearch<IndexedItem>, store: Map<string, Stored>, titles: TitleStarts): string {
  const m = internals(mini);
  // Without MiniSearch's fields nothing loadable can be written: an empty text is refused on load.
  if (!m) return '';
  const sharedAt = new Map<string, number>();
  const share = (text: string) => {
    let at = sharedAt.get(text);
    if (at === undefined) sharedAt.set(text, (at = sharedAt.size));
    return at;
  };
  const rows: Snapshot['rows'] = {
    shortIds: [], ids: [], kinds: [], titles: [], subtitles: [], rooms: [], meetings: [], at: [], lengths: [], order: [], shared: [],
  };
  const rowOf = new Map<string, number>();
  for (const [short, id] of m._documentIds) {
    const item = store.get(id)!;
    rowOf.set(id, rows.ids.length);
    rows.shortIds.push(short);
    rows.ids.push(id);
    rows.kinds.push(SEARCH_KINDS.indexOf(item.kind));
    rows.titles.push(item.title);
    rows.subtitles.push(SUBTITLE_INDEXED.has(item.kind) ? item.subtitle : share(item.subtitle));
    rows.rooms.push(item.boardroomId === null ? -1 : share(item.boardroomId));
    rows.meetings.push(item.meetingId === null ? 0 : item.meetingId === id ? 1 : item.meetingId);
    rows.at.push(item.at ?? 0);
    const lengths = m._fieldLength.get(short) ?? [];
    for (let f = 0; f < FIELDS.length; f++) rows.lengths.push(lengths[f] ?? 0);
  }
  rows.shared = [...sharedAt.keys()];
  rows.order = titles.order().map((id) => rowOf.get(id)!);
  const terms: string[] = [];
  const postings: number[] = [];
  for (const [term, data] of m._index) {
    terms.push(term);
    postings.push(data.size);
    for (const [fieldId, docs] of data) {
      postings.push(fieldId, docs.size);
      let previous = 0;
      for (const [short, freq] of docs) {
        postings.push(short - previous, freq);
        previous = short;
      }
    }
  }
  const snapshot: Snapshot = {
    version: INDEX_VERSION,
    mini: { documentCount: m._documentCount, nextId: m._nextId, dirtCount: m._dirtCount, averageFieldLength: m._avgFieldLength, fields: FIELDS },
    rows,
    terms,
    postings,
  };
  return JSON.stringify(snapshot);
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

function wrap(mini: MiniSearch<IndexedItem>, store: Map<string, Stored>, titles: TitleStarts): SearchIndex {
  const hit = (id: string, item: Stored, score: number, fuzzy: boolean): SearchHit => ({ id, ...item, score, fuzzy });
  /** MiniSearch's results carry the id only: the item comes from the store (always there, they change together). */
  const found = (r: SearchResult, fuzzy: boolean): SearchHit => hit(String(r.id), store.get(String(r.id))!, r.score, fuzzy);

  return {
    apply(items) {
      let added = 0;
      let removed = 0;
      titles.expect(items.length);
      for (const item of items) {
        const old = store.get(item.id);
        if (old) {
          // discard() marks the entry gone at once; MiniSearch vacuums its posting lists later.
          mini.discard(item.id);
          titles.remove(item.id, old.title);
          store.delete(item.id);
          if (item.deleted) removed++;
        }
        if (!item.deleted) {
          const { id, kind, title, subtitle, meetingId, at } = item;
          const shared = !SUBTITLE_INDEXED.has(kind);
          mini.add({ id, title, detail: shared ? '' : subtitle });
          store.set(id, {
            kind,
            title,
            subtitle: shared ? intern(subtitle) : subtitle,
            boardroomId: item.boardroomId === null ? null : intern(item.boardroomId),
            // A meeting is its own meeting (the feed may leave it out).
            meetingId: kind === 'meeting' ? (meetingId ?? id) : meetingId,
            at,
          });
          titles.add(id, title);
          added++;
        }
      }
      return { added, removed };
    },

    search(query, { limit, rooms, kinds, room, from, to }) {
      const q = query.trim();
      if (!q || limit <= 0) return [];
      const filter = (item: Stored | undefined): item is Stored => {
        if (!item) return false;
        const { boardroomId: roomId, at } = item;
        return (
          (!kinds || kinds.includes(item.kind)) &&
          // Only people have no room; anything else without one (its meeting not synced yet) is unreadable.
          (!rooms || (roomId == null ? item.kind === 'person' : rooms.has(roomId))) &&
          (!room || roomId === room) &&
          (at == null || ((from === undefined || at >= from) && (to === undefined || at <= to)))
        );
      };
      const passes = (test: (item: Stored) => boolean) => (r: SearchResult) => {
        const item = store.get(String(r.id));
        return filter(item) && test(item);
      };
      // A last term of one or two letters would expand to thousands of words and score most of the
      // index (measured: 20-70 ms over 40,000 titles). Alone, it finds titles that start with it,
      // from a sorted list; after other words, it narrows their hits to titles with a word starting so.
      const terms = q.toLowerCase().split(/\s+/);
      const last = terms.at(-1)!;
      if (last.length < SHORT_TERM) {
        if (terms.length === 1) {
          return titles.startingWith(last, limit, (id) => {
            const item = store.get(id);
            return filter(item) ? hit(id, item, 0, false) : null;
          });
        }
        // The whole words are searched (the rarest, the others checked), the short one must start a word.
        const whole = terms.slice(0, -1);
        const counts = whole.map((t) => documentCount(mini, t, false));
        const rarest = counts.indexOf(Math.min(...counts));
        const others = terms.map((t, i) => (i === rarest ? null : t));
        const keep = (item: Stored) => holdsWords(item, false, others);
        if (counts[rarest]! > COMMON_MATCHES) return unranked(mini, store, titles, terms, rarest, ['title'], (item) => filter(item) && keep(item), limit);
        return mini
          .search(whole[rarest]!, { prefix: false, fields: ['title'], filter: passes(keep) })
          .slice(0, limit)
          .map((r) => found(r, false));
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
      const keep = (item: Stored) => terms.length === 1 || holdsWords(item, fields.length > 1, others);
      if (counts[rarest]! > COMMON_MATCHES) {
        // Even the rarest word is in thousands of items: scoring them all costs ~3 µs each (100-200 ms for
        // a common word at 210,000 items), and one more letter will narrow it. Until then: titles that
        // start with the text, then other items holding the words, unranked.
        return unranked(mini, store, titles, terms, rarest, fields, (item) => filter(item) && keep(item), limit);
      }
      const exact = mini.search(terms[rarest]!, { fields, prefix: rarest === terms.length - 1, filter: passes(keep) });
      const hits = exact.slice(0, limit).map((r) => found(r, false));
      if (exact.length >= FUZZY_BELOW || last.length < FUZZY_MIN_TERM || hits.length >= limit) return hits;
      const seen = new Set(hits.map((h) => h.id));
      // The word being typed is the likely typo: only it goes fuzzy; the others must be there as typed.
      const typed = terms.map((t, i) => (i === terms.length - 1 ? null : t));
      const fuzzy = mini.search(last, { fuzzy: 0.25, prefix: true, filter: passes((item) => terms.length === 1 || holdsWords(item, true, typed)) });
      for (const r of fuzzy) {
        if (hits.length >= limit) break;
        if (!seen.has(String(r.id))) hits.push(found(r, true));
      }
      return hits;
    },

    size: () => mini.documentCount,

    warm: () => void titles.warm(),

    toJSON: () => snapshotOf(mini, store, titles),
  };
}

/** MiniSearch's default tokenizer: words split at spaces and punctuation, compared lower-cased. */
const SEPARATOR = /[\n\r\p{Z}\p{P}]+/u;

/** Whether an item's indexed words hold every given word (whole), the last one as a prefix. */
function holdsWords(item: Stored, withDetail: boolean, terms: Array<string | null>): boolean {
  const text = withDetail && SUBTITLE_INDEXED.has(item.kind) ? `${item.title} ${item.subtitle}` : item.title;
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
  store: Map<string, Stored>,
  titles: TitleStarts,
  terms: string[],
  rarest: number,
  fields: string[],
  keep: (item: Stored | undefined) => boolean,
  limit: number,
): SearchHit[] {
  const out: SearchHit[] = [];
  const seen = new Set<string>();
  /** Adds the item if it passes; true when it was added. */
  const take = (id: string): boolean => {
    if (seen.has(id)) return false;
    seen.add(id);
    const item = store.get(id);
    if (!item || !keep(item)) return false;
    out.push({ id, ...item, score: 0, fuzzy: false });
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
 * Item ids sorted by title (lower-cased, ties by id), for "starts with" on one or two typed letters:
 * a binary search to the first match, then a walk while titles still match. Titles are read from the
 * store as they are compared (a search compares a few dozen), not kept lower-cased beside it: that
 * copy cost 200-300 ms of every snapshot load and ~10 MB. Small changes are spliced in; a big batch
 * (a first build, a long catch-up) marks the list stale, and the next query (or `warm`) sorts once.
 */
class TitleStarts {
  private ids: string[] = [];
  private sorted = true;

  constructor(private readonly store: ReadonlyMap<string, Stored>) {}

  /**
   * A list in the order `order()` gave (a snapshot's); sorted again if it does not hold every item or
   * is seen out of order where it is sampled (a few thousand places: checking all 210,000 cost as much
   * as the rest of the list).
   */
  static inOrder(store: ReadonlyMap<string, Stored>, ids: string[]): TitleStarts {
    const list = new TitleStarts(store);
    list.ids = ids;
    const step = Math.max(1, Math.floor(ids.length / ORDER_SAMPLES));
    let ordered = ids.length === store.size;
    for (let i = 1; ordered && i < ids.length; i += step) ordered = list.before(i - 1, list.titleAt(i), ids[i]!);
    list.sorted = ordered;
    return list;
  }

  private titleAt(i: number): string {
    return this.store.get(this.ids[i]!)?.title.toLowerCase() ?? '';
  }

  /** Whether the entry at `i` sorts before (title, id). */
  private before(i: number, title: string, id: string): boolean {
    const t = this.titleAt(i);
    return t < title || (t === title && this.ids[i]! < id);
  }

  private lowerBound(title: string, id: string): number {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.before(mid, title, id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Before applying `count` changes: splicing each costs O(n), so many of them re-sort instead. */
  expect(count: number): void {
    if (count > 200) this.sorted = false;
  }

  /** Before the item leaves the store. */
  remove(id: string, title: string): void {
    if (!this.sorted) return;
    const at = this.lowerBound(title.toLowerCase(), id);
    if (this.ids[at] === id) this.ids.splice(at, 1);
  }

  /** After the item is in the store. */
  add(id: string, title: string): void {
    if (!this.sorted) return;
    this.ids.splice(this.lowerBound(title.toLowerCase(), id), 0, id);
  }

  warm(): void {
    if (this.sorted) return;
    const entries = Array.from(this.store, ([id, item]) => [item.title.toLowerCase(), id] as const);
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    this.ids = entries.map((e) => e[1]);
    this.sorted = true;
  }

  /** The ids by title, for a snapshot. */
  order(): string[] {
    this.warm();
    return this.ids;
  }

  startingWith<T>(prefix: string, limit: number, accept: (id: string) => T | null): T[] {
    this.warm();
    const out: T[] = [];
    for (let i = this.lowerBound(prefix, ''); i < this.ids.length && out.length < limit; i++) {
      if (!this.titleAt(i).startsWith(prefix)) break;
      const found = accept(this.ids[i]!);
      if (found) out.push(found);
    }
    return out;
  }
}
