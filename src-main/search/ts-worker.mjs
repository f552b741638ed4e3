// Source-mode bootstrap for worker threads (vitest, tsx): Node 20 does not apply `--import tsx` from a
// worker's execArgv, so the worker registers tsx itself before importing its TypeScript entry.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.tsEntry);
