export type { SearchHit, SearchItem } from '../../src-worker/search-index';
export type { SearchWorkerApi } from '../../src-worker/search.worker';
