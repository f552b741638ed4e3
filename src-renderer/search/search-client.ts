// The renderer's side of the instant-search worker. Loaded with a dynamic import the first time a
// Find box gets focus, so comlink and MiniSearch stay out of the initial bundle.
import { wrap, type Remote } from 'comlink';
import type { SearchHit, SearchItem, SearchWorkerApi } from './search-types';

let remote: Remote<SearchWorkerApi> | null = null;
/** What the worker holds, by id, as JSON: only differences are sent. */
const indexed = new Map<string, string>();

function worker(): Remote<SearchWorkerApi> {
  if (!remote) {
    const w = new Worker(new URL('../../src-worker/search.worker.ts', import.meta.url), { type: 'module', name: 'search' });
    remote = wrap<SearchWorkerApi>(w);
  }
  return remote;
}

/** Makes the index hold exactly `items` of the given kinds. */
export async function syncIndex(items: SearchItem[], kinds: readonly SearchItem['kind'][]): Promise<void> {
  const changed: SearchItem[] = [];
  const present = new Set<string>();
  for (const item of items) {
    present.add(item.id);
    const json = JSON.stringify(item);
    if (indexed.get(item.id) !== json) {
      changed.push(item);
      indexed.set(item.id, json);
    }
  }
  const gone: string[] = [];
  for (const [id, json] of indexed) {
    const kind = (JSON.parse(json) as SearchItem).kind;
    if (kinds.includes(kind) && !present.has(id)) gone.push(id);
  }
  for (const id of gone) indexed.delete(id);
  if (gone.length) await worker().remove(gone);
  if (changed.length) await worker().index(changed);
}

export function search(query: string, limit: number): Promise<SearchHit[]> {
  return worker().search(query, limit);
}
