// Where a worker thread's code is. From source (vitest, tsx) the entry is a .ts file beside this one,
// started through ts-worker.mjs, which registers tsx in the worker; in a bundle (esbuild's out/host, electron-vite's out/main) the entry
// was built as its own file named after the worker, beside the bundle or one folder up from a chunk.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface WorkerEntry {
  /** The file Node starts. */
  file: string;
  /** From source: the TypeScript entry that `file` (the tsx bootstrap) imports. */
  tsEntry: string | null;
}

/** Bundled names: package.json's build:host and electron.vite.config.ts build these entries. */
export const WORKER_ENTRIES = {
  query: { source: 'query-worker.ts', bundled: 'search-query-worker' },
  extract: { source: 'extract-worker.ts', bundled: 'search-extract-worker' },
} as const;

export function resolveWorkerEntry(worker: keyof typeof WORKER_ENTRIES, from: string = import.meta.url): WorkerEntry {
  const { source, bundled } = WORKER_ENTRIES[worker];
  if (from.endsWith('.ts')) return { file: fileURLToPath(new URL('ts-worker.mjs', from)), tsEntry: new URL(source, from).href };
  const candidates = [`./${bundled}.mjs`, `./${bundled}.js`, `../${bundled}.mjs`, `../${bundled}.js`].map((c) => fileURLToPath(new URL(c, from)));
  const file = candidates.find((c) => existsSync(c));
  if (!file) throw new Error(`the search worker "${bundled}" is missing from this build (looked for ${candidates.join(', ')}): rebuild with npm run build`);
  return { file, tsEntry: null };
}

export function startWorker(worker: keyof typeof WORKER_ENTRIES, workerData: Record<string, unknown>): Worker {
  const entry = resolveWorkerEntry(worker);
  return new Worker(entry.file, { workerData: entry.tsEntry ? { ...workerData, tsEntry: entry.tsEntry } : workerData });
}
