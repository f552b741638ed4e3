// Helpers for tests that need a real app core on a real SQLite file in a temp dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HandlerName, Input, Output } from '../src-shared/contract.js';
import { AppError, type ErrorBody } from '../src-shared/errors.js';
import { openApp, type AppCore, type OpenAppOptions } from './app.js';

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../drizzle/local');

export interface TestApp {
  core: AppCore;
  dataDir: string;
  call<K extends HandlerName>(name: K, input: Input<K>): Promise<Output<K>>;
  /** The error a call fails with (fails the test if it succeeds). */
  refusal(name: string, input: unknown): Promise<ErrorBody>;
  reopen(): TestApp;
  dispose(): void;
}

export function openTestApp(options: Partial<OpenAppOptions> = {}, dataDir = mkdtempSync(join(tmpdir(), 'boardroom-test-'))): TestApp {
  const core = openApp({ dataDir, migrationsDir: MIGRATIONS_DIR, log: () => {}, ...options });
  const app: TestApp = {
    core,
    dataDir,
    async call(name, input) {
      const result = await core.dispatch(name, input);
      if (!result.ok) throw new AppError(result.error.code, result.error.message);
      return result.output as never;
    },
    async refusal(name, input) {
      const result = await core.dispatch(name, input);
      if (result.ok) throw new Error(`${name} was expected to fail but returned ${JSON.stringify(result.output).slice(0, 200)}`);
      return result.error;
    },
    reopen() {
      core.close();
      return openTestApp(options, dataDir);
    },
    dispose() {
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}

/** Every projection table's rows, sorted, for comparing two states of a store. */
export function projectionDump(core: AppCore): Record<string, unknown[]> {
  const sqlite = core.internals.db.sqlite;
  const tables = [
    'boardrooms', 'users', 'boardroom_members', 'meetings', 'agenda_items', 'action_items', 'minutes',
    'documents', 'decisions', 'votes', 'meeting_participants',
  ];
  return Object.fromEntries(
    tables.map((t) => [t, (sqlite.prepare(`SELECT * FROM ${t}`).all() as object[]).map((r) => JSON.stringify(r)).sort()]),
  );
}
