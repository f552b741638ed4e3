// The instant-search index: MiniSearch over short fields (names, titles, people). Pure, so it runs
// under node in tests; search.worker.ts exposes it to the renderer with comlink.
import MiniSearch from 'minisearch';

export type SearchKind = 'boardroom' | 'meeting' | 'document' | 'decision' | 'person';

export interface SearchItem {
  id: string;
  kind: SearchKind;
  title: string;
  subtitle: string;
}

export interface SearchHit extends SearchItem {
  score: number;
}

export interface SearchIndex {
  /** Adds items, replacing any already indexed under the same id. */
  index(items: SearchItem[]): number;
  remove(ids: string[]): number;
  search(query: string, limit: number): SearchHit[];
  size(): number;
}

export function createSearchIndex(): SearchIndex {
  const mini = new MiniSearch<SearchItem>({
    fields: ['title', 'subtitle'],
    storeFields: ['id', 'kind', 'title', 'subtitle'],
    searchOptions: { prefix: true, fuzzy: 0.15, boost: { title: 2 }, combineWith: 'AND' },
  });

  const remove = (ids: string[]): number => {
    let removed = 0;
    for (const id of ids) {
      if (mini.has(id)) {
        mini.discard(id);
        removed++;
      }
    }
    return removed;
  };

  return {
    index(items) {
      remove(items.map((i) => i.id));
      mini.addAll(items.map(({ id, kind, title, subtitle }) => ({ id, kind, title, subtitle })));
      return mini.documentCount;
    },
    remove,
    search(query, limit) {
      const q = query.trim();
      if (!q) return [];
      return mini
        .search(q)
        .slice(0, Math.max(0, limit))
        .map((r) => ({
          id: String(r.id),
          kind: r.kind as SearchKind,
          title: String(r.title),
          subtitle: String(r.subtitle ?? ''),
          score: r.score,
        }));
    },
    size: () => mini.documentCount,
  };
}
