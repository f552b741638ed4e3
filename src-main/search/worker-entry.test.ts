import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveWorkerEntry, startWorker } from './worker-entry.js';

let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('resolveWorkerEntry', () => {
  it('starts a TypeScript worker from source through the tsx bootstrap', async () => {
    const entry = resolveWorkerEntry('query');
    expect(entry.file.endsWith('ts-worker.mjs')).toBe(true);
    expect(entry.tsEntry).toMatch(/query-worker\.ts$/);
    // A real worker: with no database file it fails in its own thread, not in this one.
    const worker = startWorker('query', { dbFile: join(tmpdir(), 'no-such-dir', 'none.db') });
    const error = await new Promise<Error>((resolve) => worker.once('error', resolve));
    expect(error.message).toMatch(/directory does not exist|unable to open/);
  });

  it('finds the bundled worker beside the host bundle and beside electron-vite chunks', () => {
    dir = mkdtempSync(join(tmpdir(), 'worker-entry-'));
    mkdirSync(join(dir, 'host'));
    writeFileSync(join(dir, 'host', 'search-query-worker.mjs'), '');
    expect(resolveWorkerEntry('query', pathToFileURL(join(dir, 'host', 'chunk-ABC.mjs')).href)).toEqual({
      file: join(dir, 'host', 'search-query-worker.mjs'),
      tsEntry: null,
    });
    mkdirSync(join(dir, 'main', 'chunks'), { recursive: true });
    writeFileSync(join(dir, 'main', 'search-extract-worker.js'), '');
    expect(resolveWorkerEntry('extract', pathToFileURL(join(dir, 'main', 'chunks', 'service-1.js')).href).file).toBe(
      join(dir, 'main', 'search-extract-worker.js'),
    );
    expect(() => resolveWorkerEntry('query', pathToFileURL(join(dir, 'main', 'index.js')).href)).toThrow(/search-query-worker.*npm run build/);
  });
});
