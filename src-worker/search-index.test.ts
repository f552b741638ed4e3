import { describe, expect, it } from 'vitest';
import { createSearchIndex } from './search-index';

const items = [
  { id: 'r1', kind: 'boardroom' as const, title: 'Audit Committee', subtitle: 'Quarterly audit oversight' },
  { id: 'r2', kind: 'boardroom' as const, title: 'Main Board', subtitle: 'Directors' },
  { id: 'm1', kind: 'meeting' as const, title: 'Q3 audit review', subtitle: 'Audit Committee' },
  { id: 'm2', kind: 'meeting' as const, title: 'Strategy offsite', subtitle: 'Main Board' },
];

describe('search index', () => {
  it('finds items by a prefix of a word in the title', () => {
    const index = createSearchIndex();
    index.index(items);
    const ids = index.search('aud', 10).map((h) => h.id);
    expect(ids).toContain('r1');
    expect(ids).toContain('m1');
    expect(ids).not.toContain('m2');
  });

  it('ranks title matches above subtitle-only matches', () => {
    const index = createSearchIndex();
    index.index(items);
    const hits = index.search('main', 10);
    expect(hits[0]?.id).toBe('r2');
    expect(hits.map((h) => h.id)).toContain('m2');
  });

  it('returns stored fields and honours the limit', () => {
    const index = createSearchIndex();
    index.index(items);
    const [hit] = index.search('strat', 1);
    expect(hit).toMatchObject({ id: 'm2', kind: 'meeting', title: 'Strategy offsite', subtitle: 'Main Board' });
    expect(index.search('a', 2).length).toBeLessThanOrEqual(2);
    expect(index.search('   ', 10)).toEqual([]);
  });

  it('re-indexing an id replaces the old entry instead of failing', () => {
    const index = createSearchIndex();
    index.index(items);
    index.index([{ id: 'm2', kind: 'meeting', title: 'Budget approval', subtitle: 'Main Board' }]);
    expect(index.size()).toBe(4);
    expect(index.search('strat', 10)).toEqual([]);
    expect(index.search('budg', 10).map((h) => h.id)).toEqual(['m2']);
  });

  it('removes items, ignoring unknown ids', () => {
    const index = createSearchIndex();
    index.index(items);
    expect(index.remove(['m1', 'nope'])).toBe(1);
    expect(index.search('q3', 10)).toEqual([]);
    expect(index.size()).toBe(3);
  });
});
