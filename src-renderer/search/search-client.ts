// The renderer's side of search. Loaded with a dynamic import the first time the palette opens, so
// comlink and MiniSearch stay out of the initial bundle. The worker pulls main's feed through a
// comlink proxy of the contract; a `changed` event asks it to catch up (at most every CATCH_UP_MS).
import { proxy, wrap, type Remote } from 'comlink';
import type { Input } from '../../src-shared/contract';
import type { FullTextResult } from '../../src-shared/search';
import { getApi } from '../api/api';
import type { FeedSource, InstantFilters, SearchHit, SearchWorkerApi } from './search-types';

const CATCH_UP_MS = 250;
/** Characters per snapshot part: each part is one contract message (see LIMITS.snapshotPartChars). */
const PART_CHARS = 8 * 1024 * 1024;

let remote: Remote<SearchWorkerApi> | null = null;
let opened: Promise<void> | null = null;
let catchUpTimer: ReturnType<typeof setTimeout> | null = null;

const source: FeedSource = {
  feed: (after, limit) => getApi().call('search.feed', { after, limit }),
  async loadSnapshot() {
    const first = await getApi().call('search.snapshotLoad', { part: 0 });
    if (!first) return null;
    const parts = [first.data];
    for (let part = 1; part < first.parts; part++) {
      const next = await getApi().call('search.snapshotLoad', { part });
      if (!next || next.clock !== first.clock) return null;
      parts.push(next.data);
    }
    return { clock: first.clock, data: parts.join('') };
  },
  async saveSnapshot(clock, data) {
    const parts = Math.max(1, Math.ceil(data.length / PART_CHARS));
    for (let part = 0; part < parts; part++) {
      await getApi().call('search.snapshotSave', { clock, part, parts, data: data.slice(part * PART_CHARS, (part + 1) * PART_CHARS) });
    }
  },
};

/** Starts the worker and its catch-up on main's `changed` events; resolves once the index is current. */
export function openSearch(): Promise<void> {
  if (!remote) {
    const w = new Worker(new URL('../../src-worker/search.worker.ts', import.meta.url), { type: 'module', name: 'search' });
    remote = wrap<SearchWorkerApi>(w);
    const worker = remote;
    opened = worker.open(proxy(source));
    getApi().on('changed', () => {
      if (catchUpTimer) return;
      catchUpTimer = setTimeout(() => {
        catchUpTimer = null;
        void opened?.then(() => worker.catchUp());
      }, CATCH_UP_MS);
    });
  }
  return opened!;
}

export async function instant(query: string, filters: InstantFilters): Promise<SearchHit[]> {
  await openSearch();
  return remote!.search(query, filters);
}

export function fullText(input: Input<'search.fullText'>): Promise<FullTextResult> {
  return getApi().call('search.fullText', input);
}

export async function status() {
  await openSearch();
  return remote!.status();
}
