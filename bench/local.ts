// `npm run bench:local`: the desktop core at 100,000 meetings. Prints a table and writes
// bench/results/local.json. Figures, never assertions. bench/run.ts imports the measures below for
// its Local reads area; start-up and bundle measures live in bench/startup.ts.
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { meetingDoc } from '../src-shared/docs/meeting.js';
import { meetingDocId, newId } from '../src-shared/ids.js';
import { openApp, type AppCore } from '../src-main/app.js';
import { round, summarize, writeResults, type Metric } from './report.js';
import { firstListPaint, initialJsGzipKb, migrationsDir, seedLargeWorkspace } from './startup.js';

async function call(core: AppCore, method: string, input: unknown): Promise<unknown> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.output;
}

export const openWorkspace = (dataDir: string): AppCore => openApp({ dataDir, migrationsDir, log: () => {} });

/**
 * Page queries: what the virtualized list asks for while scrolling (100 rows), at random depths of
 * both lists. The first 5 % are a warm-up and not returned.
 */
export async function pageQuerySamples(core: AppCore, roomId: string, meetings: number, count = 2_000): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const when = i % 2 ? 'upcoming' : 'past';
    const offset = Math.floor(Math.random() * (meetings / 2 - 100));
    const t = performance.now();
    await call(core, 'meetings.page', { boardroomId: roomId, when, offset, limit: 100 });
    samples.push(performance.now() - t);
  }
  return samples.slice(Math.floor(count / 20));
}

/** Agenda edits through the contract: validate, apply to the Y.Doc, persist with projections. */
export async function agendaEditSamples(core: AppCore, roomId: string, count = 10_000): Promise<{ samples: number[]; totalMs: number }> {
  const meetingId = ((await call(core, 'meetings.page', { boardroomId: roomId, when: 'upcoming', limit: 1 })) as { items: Array<{ id: string }> }).items[0]!.id;
  const { id: itemId } = (await call(core, 'agenda.add', { meetingId, title: 'Item under edit' })) as { id: string };
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await call(core, 'agenda.update', { meetingId, itemId, title: `Edit ${i}` });
    samples.push(performance.now() - t);
  }
  return { samples, totalMs: performance.now() - started };
}

/**
 * Compaction of a doc with 10,000 stored updates (written straight to the log, as a long offline
 * session or a sync backlog would leave it), in ms.
 */
export function compactionMs(core: AppCore): number {
  const docId = meetingDocId(newId());
  const source = new Y.Doc();
  const updates: Uint8Array[] = [];
  source.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < 10_000; i++) meetingDoc(source).agenda.set(`item-${i % 500}`, `v${i}`);
  const insert = core.internals.db.sqlite.prepare('INSERT INTO y_updates (doc_id, data, created_at) VALUES (?, ?, ?)');
  core.internals.db.sqlite.transaction(() => updates.forEach((u) => insert.run(docId, u, Date.now())))();
  const started = performance.now();
  core.internals.store.compact(docId);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const meetings = process.argv.includes('--quick') ? 20_000 : 100_000;
  const metrics: Record<string, Metric> = {};
  console.log(`Seeding ${meetings.toLocaleString('en-GB')} meetings…`);
  const workspace = seedLargeWorkspace(meetings);
  console.log(`in ${workspace.dataDir}`);
  metrics.seed_meetings_ms = { value: round(workspace.seedMs, 0), unit: 'ms' };
  try {
    const core = openWorkspace(workspace.dataDir);
    try {
      const page = summarize(await pageQuerySamples(core, workspace.roomId, meetings));
      metrics.page_query_p50_ms = { value: round(page.p50, 3), unit: 'ms' };
      metrics.page_query_p95_ms = { value: round(page.p95, 3), unit: 'ms', goal: '< 2' };
      metrics.page_query_p99_ms = { value: round(page.p99, 3), unit: 'ms' };
      const edits = await agendaEditSamples(core, workspace.roomId);
      metrics.agenda_edits_10k_ms = { value: round(edits.totalMs, 0), unit: 'ms' };
      metrics.agenda_edit_p95_ms = { value: round(summarize(edits.samples).p95, 3), unit: 'ms' };
      metrics.compaction_10k_ms = { value: round(compactionMs(core), 1), unit: 'ms' };
    } finally {
      core.close();
    }
    metrics.initial_js_gzip_kb = { value: initialJsGzipKb(), unit: 'KB', goal: '< 150' };
    const runs = await firstListPaint(workspace.dataDir, 5);
    console.log(`first list paint runs (ms): ${runs.map((r) => r.firstListMs.toFixed(0)).join(', ')}`);
    metrics.first_list_paint_ms = { value: round(summarize(runs.map((r) => r.firstListMs)).p50, 0), unit: 'ms', goal: '< 500' };
  } finally {
    workspace.remove();
  }
  writeResults('local', metrics);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
