import { describe, expect, it } from 'vitest';
import type { FeedItem } from '../src-shared/search';
import { COMMON_MATCHES, createSearchIndex, loadSearchIndex } from './search-index';

let clock = 0;
const item = (id: string, kind: FeedItem['kind'], title: string, extra: Partial<FeedItem> = {}): FeedItem => ({
  id,
  kind,
  title,
  subtitle: '',
  boardroomId: 'r1',
  meetingId: null,
  at: null,
  deleted: false,
  clock: ++clock,
  ...extra,
});

const corpus = (): FeedItem[] => [
  item('r1', 'boardroom', 'Audit Committee', { subtitle: 'Quarterly audit oversight' }),
  item('r2', 'boardroom', 'Main Board', { subtitle: 'Directors', boardroomId: 'r2' }),
  item('m1', 'meeting', 'Q3 audit review', { subtitle: 'Audit Committee', at: Date.UTC(2026, 8, 1) }),
  item('m2', 'meeting', 'Strategy offsite', { subtitle: 'Main Board', boardroomId: 'r2', at: Date.UTC(2026, 10, 1) }),
  item('a1', 'agenda', 'Remuneration policy', { meetingId: 'm2', boardroomId: 'r2' }),
  item('p1', 'person', 'Grace Hopper', { subtitle: 'grace@example.com', boardroomId: null }),
];

const ids = (hits: Array<{ id: string }>) => hits.map((h) => h.id);

describe('instant search index', () => {
  it('finds items by the prefix of a word, title matches first', () => {
    const index = createSearchIndex();
    index.apply(corpus());
    expect(ids(index.search('aud', { limit: 10 }))).toEqual(expect.arrayContaining(['r1', 'm1']));
    expect(ids(index.search('aud', { limit: 10 }))).not.toContain('m2');
    expect(index.search('main', { limit: 10 })[0]?.id).toBe('r2');
    expect(index.search('   ', { limit: 10 })).toEqual([]);
    expect(index.search('a', { limit: 2 }).length).toBeLessThanOrEqual(2);
  });

  it('replaces an entry when the feed sends it again and removes it on a tombstone', () => {
    const index = createSearchIndex();
    index.apply(corpus());
    expect(index.apply([item('m2', 'meeting', 'Budget approval', { boardroomId: 'r2' })])).toEqual({ added: 1, removed: 0 });
    expect(index.size()).toBe(6);
    expect(index.search('strat', { limit: 10 })).toEqual([]);
    expect(ids(index.search('budg', { limit: 10 }))).toEqual(['m2']);
    expect(index.apply([item('m2', 'meeting', '', { deleted: true }), item('nope', 'meeting', '', { deleted: true })])).toEqual({
      added: 0,
      removed: 1,
    });
    expect(index.search('budg', { limit: 10 })).toEqual([]);
    expect(index.size()).toBe(5);
  });

  it('returns only readable rooms, one room, some kinds, a date range', () => {
    const index = createSearchIndex();
    index.apply(corpus());
    const readable = new Set(['r1']);
    expect(ids(index.search('main', { limit: 10, rooms: readable }))).toEqual([]);
    expect(ids(index.search('grace', { limit: 10, rooms: readable }))).toEqual(['p1']);
    expect(ids(index.search('audit', { limit: 10, room: 'r1', kinds: ['meeting'] }))).toEqual(['m1']);
    const october = { from: Date.UTC(2026, 9, 1), to: Date.UTC(2026, 11, 1) };
    expect(ids(index.search('q3', { limit: 10, ...october }))).toEqual([]);
    expect(ids(index.search('strategy', { limit: 10, ...october }))).toEqual(['m2']);
  });

  it('tries fuzzy matches only for a long term with few prefix hits', () => {
    const index = createSearchIndex();
    index.apply(corpus());
    const typo = index.search('remuneratoin', { limit: 10 });
    expect(ids(typo)).toEqual(['a1']);
    expect(typo[0]?.fuzzy).toBe(true);
    // Short terms never go fuzzy: "rem" is a prefix query only.
    expect(index.search('rwm', { limit: 10 })).toEqual([]);
    expect(index.search('remu', { limit: 10 })[0]?.fuzzy).toBe(false);
  });

  it('round-trips through its snapshot and refuses one of another version', () => {
    const index = createSearchIndex();
    index.apply(corpus());
    const restored = loadSearchIndex(index.toJSON());
    expect(restored?.size()).toBe(6);
    expect(restored?.search('strat', { limit: 10 })[0]).toMatchObject({ id: 'm2', kind: 'meeting', boardroomId: 'r2', at: Date.UTC(2026, 10, 1) });
    restored!.apply([item('m1', 'meeting', '', { deleted: true })]);
    expect(restored!.search('q3', { limit: 10 })).toEqual([]);
    expect(loadSearchIndex(JSON.stringify({ version: -1, index: {} }))).toBeNull();
    expect(loadSearchIndex('not json')).toBeNull();
  });

  it('one or two letters find titles starting with them, in order, through the same filters', () => {
    const index = createSearchIndex();
    index.apply([...corpus(), item('m3', 'meeting', 'strategy day', { boardroomId: 'r2' }), item('x1', 'agenda', 'Orphan', { boardroomId: null })]);
    expect(ids(index.search('st', { limit: 10 }))).toEqual(['m3', 'm2']);
    expect(ids(index.search('S', { limit: 1 }))).toEqual(['m3']);
    expect(ids(index.search('st', { limit: 10, rooms: new Set(['r1']) }))).toEqual([]);
    // After a whole word, a short last term narrows to titles with a word starting with it.
    expect(ids(index.search('audit r', { limit: 10 }))).toEqual(['m1']);
    expect(ids(index.search('audit x', { limit: 10 }))).toEqual([]);
    // Only people have no room: another item without one (its meeting not here yet) is not shown.
    expect(ids(index.search('orph', { limit: 10, rooms: new Set(['r1', 'r2']) }))).toEqual([]);
    // Removing and renaming keep the sorted titles right, also after a snapshot round trip.
    index.apply([item('m3', 'meeting', 'Budget day', { boardroomId: 'r2' })]);
    const restored = loadSearchIndex(index.toJSON())!;
    for (const ix of [index, restored]) {
      expect(ids(ix.search('st', { limit: 10 }))).toEqual(['m2']);
      expect(ids(ix.search('bu', { limit: 10 }))).toEqual(['m3']);
    }
  });

  it('several words: the same matches whichever word is rarest, a typo forgiven in the word being typed', () => {
    const index = createSearchIndex();
    const many = Array.from({ length: 50 }, (_, i) => item(`b${i}`, 'meeting', `Board meeting ${i}`));
    index.apply([...corpus(), ...many, item('m9', 'meeting', 'Board remuneration policy')]);
    expect(ids(index.search('board remun', { limit: 10 }))).toEqual(['m9']);
    expect(ids(index.search('remuneration boa', { limit: 10 }))).toEqual(['m9']);
    expect(ids(index.search('board meeting 7', { limit: 10 }))).toEqual(['b7']);
    expect(index.search('board meeting', { limit: 100 }).length).toBe(50);
    const typo = index.search('board remunaration', { limit: 10 });
    expect(ids(typo)).toEqual(['m9']);
    expect(typo[0]!.fuzzy).toBe(true);
    // A room's name is not an item's words: meetings are not found by the room they are in.
    expect(index.search('committee', { limit: 10, kinds: ['meeting'] })).toEqual([]);
  });

  it('a word in thousands of items lists matches unranked, titles starting with it first, through the filters', () => {
    const index = createSearchIndex();
    const many = Array.from({ length: COMMON_MATCHES + 100 }, (_, i) =>
      item(`c${i}`, 'meeting', i % 2 ? `Quarterly board review ${i}` : `Board pack ${i}`, { boardroomId: i % 3 ? 'r1' : 'r2' }),
    );
    index.apply([...corpus(), ...many]);
    const hits = index.search('board', { limit: 30, rooms: new Set(['r1']) });
    expect(hits).toHaveLength(30);
    expect(hits.every((h) => /board/i.test(h.title) && h.boardroomId === 'r1')).toBe(true);
    expect(hits[0]!.title).toMatch(/^Board pack/);
    const two = index.search('quarterly board', { limit: 10 });
    expect(two).toHaveLength(10);
    expect(two.every((h) => /^Quarterly board review/.test(h.title))).toBe(true);
    expect(index.search('board zzz', { limit: 10 })).toEqual([]);
  });

  it('a snapshot answers as the index it was taken from, after removals and renames, and keeps answering alike after more changes', () => {
    const words = ['audit', 'budget', 'risk', 'strategy', 'board', 'review', 'capital', 'pension', 'cyber', 'policy'];
    const title = (i: number) => `${words[i % 10]} ${words[(i * 7) % 10]} ${words[(i * 3 + 1) % 10]} ${i}`;
    const rooms = ['r1', 'r2', 'r3'];
    const many = Array.from({ length: 600 }, (_, i) =>
      item(`x${i}`, (['meeting', 'agenda', 'document', 'action'] as const)[i % 4]!, title(i), {
        subtitle: i % 4 === 3 ? `owner${i % 5}@example.com` : `Room ${i % 3}`,
        boardroomId: rooms[i % 3]!,
        meetingId: i % 4 === 1 ? `x${i - 1}` : null,
        at: i % 4 === 0 ? Date.UTC(2026, i % 12, 1) : null,
      }),
    );
    const index = createSearchIndex();
    index.apply([...corpus(), ...many]);
    // Removals leave dead entries in MiniSearch's posting lists until it vacuums; renames move titles.
    index.apply(Array.from({ length: 60 }, (_, i) => item(`x${i * 10}`, 'meeting', '', { deleted: true })));
    index.apply(Array.from({ length: 30 }, (_, i) => item(`x${i * 10 + 1}`, 'agenda', `renamed cyber ${i}`, { meetingId: 'm1' })));
    const restored = loadSearchIndex(index.toJSON())!;
    expect(restored.size()).toBe(index.size());
    const queries = ['audit', 'budget risk', 'cyb', 'renamed', 'st', 'a', 'owner3', 'board rev', 'pension 12', 'remuneratoin', 'xyz'];
    const answers = (ix: typeof index) =>
      queries.map((q) =>
        ix
          .search(q, { limit: 50, rooms: new Set(['r1', 'r2']), from: Date.UTC(2026, 2, 1) })
          .map((h) => `${h.id} ${h.kind} ${h.title} ${h.subtitle} ${h.boardroomId} ${h.meetingId} ${h.at} ${h.score.toFixed(6)} ${h.fuzzy}`)
          .sort(),
      );
    expect(answers(restored)).toEqual(answers(index));
    expect(answers(index).flat().length).toBeGreaterThan(100);
    const more = [item('x5', 'meeting', 'Budget retreat', { boardroomId: 'r2' }), item('x7', 'action', '', { deleted: true }), item('n1', 'agenda', 'Audit tender')];
    index.apply(more);
    restored.apply(more);
    expect(answers(restored)).toEqual(answers(index));
    expect(ids(restored.search('st', { limit: 3 }))).toEqual(ids(index.search('st', { limit: 3 })));
  });

  it('sorts a snapshot whose title order is wrong again, and keeps the order it is given when right', () => {
    const index = createSearchIndex();
    const many = Array.from({ length: 300 }, (_, i) => item(`t${i}`, 'meeting', `Strategy offsite ${String(i).padStart(3, '0')}`));
    index.apply([...corpus(), ...many]);
    const expected = ids(index.search('st', { limit: 40 }));
    expect(expected).toHaveLength(40);
    const snap = JSON.parse(index.toJSON()) as { rows: { order: number[] } };
    expect(ids(loadSearchIndex(JSON.stringify(snap))!.search('st', { limit: 40 }))).toEqual(expected);
    const reversed = { ...snap, rows: { ...snap.rows, order: [...snap.rows.order].reverse() } };
    expect(ids(loadSearchIndex(JSON.stringify(reversed))!.search('st', { limit: 40 }))).toEqual(expected);
  });

  it('refuses a snapshot that is cut short or altered', () => {
    const index = createSearchIndex();
    index.apply(corpus());
    const text = index.toJSON();
    expect(loadSearchIndex(text.slice(0, text.length - 10))).toBeNull();
    const altered = JSON.parse(text) as { postings: number[]; rows: { ids: string[]; shortIds: number[] } };
    const twice = [altered.rows.shortIds[1]!, ...altered.rows.shortIds.slice(1)];
    expect(loadSearchIndex(JSON.stringify({ ...altered, rows: { ...altered.rows, shortIds: twice } }))).toBeNull();
    expect(loadSearchIndex(JSON.stringify({ ...altered, postings: altered.postings.slice(0, -2) }))).toBeNull();
    expect(loadSearchIndex(JSON.stringify({ ...altered, rows: { ...altered.rows, ids: altered.rows.ids.slice(1) } }))).toBeNull();
  });
});
