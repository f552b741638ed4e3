// Test helper: a real app core on a temp SQLite file with a SearchService beside it, as openApp will
// wire it, plus the progress events and log lines it produced.
import { join } from 'node:path';
import { DB_FILE } from '../app.js';
import { openTestApp, type TestApp } from '../testing.js';
import { SearchService, type SearchServiceOptions } from './service.js';

export interface SearchTestApp extends TestApp {
  search: SearchService;
  events: Array<{ task: string; done: number; total: number }>;
  logs: string[];
  userId: string;
  /** Closes the service and opens a new one on the same database. */
  reopenSearch(options?: Partial<SearchServiceOptions>): SearchService;
}

export function openSearchTestApp(options: Partial<SearchServiceOptions> = {}): SearchTestApp {
  const app = openTestApp({ seedDemo: false });
  const events: SearchTestApp['events'] = [];
  const logs: string[] = [];
  const { db, ctx } = app.core.internals;
  // openApp runs its own service; this one replaces it so the test sees every event and log line
  // (two services on one database would race each other's background work).
  void app.core.internals.search.close();
  const start = (extra: Partial<SearchServiceOptions>) =>
    SearchService.open({
      sqlite: db.sqlite,
      dbFile: join(app.dataDir, DB_FILE),
      blobs: ctx.blobs,
      userId: () => ctx.me.userId,
      progress: (task, done, total) => events.push({ task, done, total }),
      log: (m) => logs.push(m),
      ...options,
      ...extra,
    });
  const testApp: SearchTestApp = {
    ...app,
    search: start({}),
    events,
    logs,
    userId: ctx.me.userId,
    reopenSearch(extra = {}) {
      void testApp.search.close();
      testApp.search = start(extra);
      return testApp.search;
    },
    dispose() {
      void testApp.search.close();
      app.dispose();
    },
  };
  return testApp;
}
