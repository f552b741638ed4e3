// `npm run bench:local`: the desktop core at 100,000 meetings. Prints a table and writes
// bench/results/local.json. Figures, never assertions.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import * as Y from 'yjs';
import { meetingDoc } from '../src-shared/docs/meeting.js';
import { meetingDocId, newId } from '../src-shared/ids.js';
import { openApp, type AppCore } from '../src-main/app.js';
import { addLargeBoardroom } from './large-workspace.js';
import { round, summarize, writeResults, type Metric } from './report.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const migrationsDir = join(root, 'drizzle/local');
const quick = process.argv.includes('--quick');
const MEETINGS = quick ? 20_000 : 100_000;
const dataDir = mkdtempSync(join(tmpdir(), 'boardroom-bench-'));
const metrics: Record<string, Metric> = {};

async function call(core: AppCore, method: string, input: unknown): Promise<unknown> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.output;
}

try {
  console.log(`Seeding ${MEETINGS.toLocaleString('en-GB')} meetings in ${dataDir}…`);
  let core = openApp({ dataDir, migrationsDir, log: () => {} });
  let started = performance.now();
  const roomId = addLargeBoardroom(core, MEETINGS);
  metrics.seed_meetings_ms = { value: round(performance.now() - started, 0), unit: 'ms' };
  core.close();
  core = openApp({ dataDir, migrationsDir, log: () => {} });

  // Page queries: what the virtualized list asks for while scrolling, at random depths of both lists.
  const samples: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    const when = i % 2 ? 'upcoming' : 'past';
    const offset = Math.floor(Math.random() * (MEETINGS / 2 - 100));
    const t = performance.now();
    await call(core, 'meetings.page', { boardroomId: roomId, when, offset, limit: 100 });
    samples.push(performance.now() - t);
  }
  const page = summarize(samples.slice(100));
  metrics.page_query_p50_ms = { value: round(page.p50, 3), unit: 'ms' };
  metrics.page_query_p95_ms = { value: round(page.p95, 3), unit: 'ms', goal: '< 2' };
  metrics.page_query_p99_ms = { value: round(page.p99, 3), unit: 'ms' };

  // 10,000 agenda edits through the contract: validate, apply to the Y.Doc, persist with projections.
  const meetingId = ((await call(core, 'meetings.page', { boardroomId: roomId, when: 'upcoming', limit: 1 })) as { items: Array<{ id: string }> }).items[0]!.id;
  const { id: itemId } = (await call(core, 'agenda.add', { meetingId, title: 'Item under edit' })) as { id: string };
  const editSamples: number[] = [];
  started = performance.now();
  for (let i = 0; i < 10_000; i++) {
    const t = performance.now();
    await call(core, 'agenda.update', { meetingId, itemId, title: `Edit ${i}` });
    editSamples.push(performance.now() - t);
  }
  metrics.agenda_edits_10k_ms = { value: round(performance.now() - started, 0), unit: 'ms' };
  metrics.agenda_edit_p95_ms = { value: round(summarize(editSamples).p95, 3), unit: 'ms' };

  // Compaction of a doc with 10,000 stored updates (written straight to the log, as a long offline
  // session or a sync backlog would leave it).
  const docId = meetingDocId(newId());
  const source = new Y.Doc();
  const updates: Uint8Array[] = [];
  source.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < 10_000; i++) meetingDoc(source).agenda.set(`item-${i % 500}`, `v${i}`);
  const insert = core.internals.db.sqlite.prepare('INSERT INTO y_updates (doc_id, data, created_at) VALUES (?, ?, ?)');
  core.internals.db.sqlite.transaction(() => updates.forEach((u) => insert.run(docId, u, Date.now())))();
  started = performance.now();
  core.internals.store.compact(docId);
  metrics.compaction_10k_ms = { value: round(performance.now() - started, 1), unit: 'ms' };
  core.close();

  metrics.initial_js_gzip_kb = { value: initialJsGzipKb(), unit: 'KB', goal: '< 150' };
  metrics.first_list_paint_ms = { value: await firstListPaint(), unit: 'ms', goal: '< 500' };
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
writeResults('local', metrics);

/** Gzipped size of the scripts index.html loads before anything is lazy-loaded. */
function initialJsGzipKb(): number {
  const dir = join(root, 'out/renderer');
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  const bytes = files.reduce((n, f) => n + gzipSync(readFileSync(join(dir, f)), { level: 9 }).byteLength, 0);
  return round(bytes / 1024, 1);
}

/** From spawning the host on the large workspace to the boardroom list painted in Chromium. */
async function firstListPaint(): Promise<number> {
  if (!existsSync(join(root, 'out/renderer/index.html'))) throw new Error('build the renderer first: npm run build');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const samples: number[] = [];
  try {
    for (let run = 0; run < 5; run++) {
      const page = await browser.newPage();
      const started = performance.now();
      const host = spawn(process.execPath, [join(root, 'out/host/main.mjs'), '--data-dir', dataDir, '--port', '0'], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        host.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        host.once('exit', (code) => reject(new Error(`host exited with ${code}`)));
      });
      await page.goto(url);
      await page.waitForFunction(() => performance.getEntriesByName('first-list-painted').length > 0, null, { timeout: 30_000 });
      samples.push(performance.now() - started);
      await page.close();
      host.kill('SIGTERM');
      await new Promise((r) => host.once('exit', r));
    }
  } finally {
    await browser.close();
  }
  console.log(`first list paint runs (ms): ${samples.map((s) => s.toFixed(0)).join(', ')}`);
  return round(summarize(samples).p50, 0);
}
