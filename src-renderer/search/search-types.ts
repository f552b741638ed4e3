export type { SearchHit, SearchItem, SearchKind } from '../../src-worker/search-index';
export type { FeedSource, InstantFilters } from '../../src-worker/search-engine';
export type { SearchWorkerApi } from '../../src-worker/search.worker';
