// Runs the instant-search index off the UI thread; the renderer loads this lazily.
import { expose } from 'comlink';
import { createSearchIndex } from './search-index';

const searchIndex = createSearchIndex();
export type SearchWorkerApi = typeof searchIndex;
expose(searchIndex);
