// Runs the instant-search engine off the UI thread. The renderer hands over a comlink proxy of its
// feed source (main's contract), then asks `catchUp` whenever main reports changed rows.
import { expose } from 'comlink';
import { SearchEngine, type FeedSource, type InstantFilters } from './search-engine';

let engine: SearchEngine | null = null;

const api = {
  /** `source` arrives as a comlink proxy: its methods are async calls back into the renderer. */
  async open(source: FeedSource): Promise<void> {
    engine ??= new SearchEngine(source);
    await engine.open();
  },
  catchUp: () => (engine ? engine.catchUp() : Promise.resolve(0)),
  search: (query: string, filters: InstantFilters) => engine?.search(query, filters) ?? [],
  status: () => engine?.status() ?? null,
};

export type SearchWorkerApi = typeof api;
expose(api);
