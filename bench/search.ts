// `npm run bench:search [-- --quick]`: search over a large workspace. Prints a table and writes
// bench/results/search.json. Figures, never assertions.
//
// Corpus: 100,000 meetings (one agenda item each) and 10,000 documents with ~4 KB of text each
// (~40 MB), from bench/search-corpus.ts; --quick: 20,000 meetings, 2,000 documents. Rows go into the
// projection tables directly (the triggers that keep the search tables current fire as they would
// for synced rows); the document text goes in as extracted pages.
//
// - Palette: the worker's engine (src-worker/search-engine.ts) fed from main's real feed; keystroke
//   prefix queries p50/p95/p99, its heap, snapshot size and load time.
// - Full text: SQLite FTS5 through the search service (worker thread), p50/p95/p99.
// - Naive baseline: MiniSearch over the full document text (what the palette would cost if it held
//   everything): build, heap, prefix query p95.
// - Peers on the same corpus: PostgreSQL full-text search (GIN over tsvector), and top-10 overlap of
//   each against FTS5.
// - A 300-page PDF attached through the contract: time until its last page's words are found.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import MiniSearch from 'minisearch';
import pg from 'pg';
import { openApp, type AppCore } from '../src-main/app.js';
import { makePdf } from '../src-main/demo/pdf.js';
import { newId } from '../src-shared/ids.js';
import type { FeedPage } from '../src-shared/search.js';
import { SearchEngine, type FeedSource } from '../src-worker/search-engine.js';
import { median, round, summarize, writeResults, type Metric, type Section } from './report.js';
import { corpus, keystrokeQueries, random, wordQueries } from './search-corpus.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const migrationsDir = join(root, 'drizzle/local');
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Sizes {
  meetings: number;
  documents: number;
  docChars: number;
  naiveDocs: number;
  keystrokes: number;
  fullTextQueries: number;
  pdfPages: number;
}

export const sizesFor = (quick: boolean): Sizes =>
  quick
    ? { meetings: 20_000, documents: 2_000, docChars: 4_000, naiveDocs: 1_000, keystrokes: 1_000, fullTextQueries: 300, pdfPages: 100 }
    : { meetings: 100_000, documents: 10_000, docChars: 4_000, naiveDocs: 10_000, keystrokes: 3_000, fullTextQueries: 1_000, pdfPages: 300 };

async function call<T>(core: AppCore, method: string, input: unknown): Promise<T> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.output as T;
}

// A collection before each heap reading, also when node was started without --expose-gc (bench/run.ts).
v8.setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const heapMb = () => {
  collect();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

interface Doc {
  id: string;
  title: string;
  pages: string[];
}

/** Fills the projection tables and extracted pages directly, in a few big transactions. */
export function fill(core: AppCore, roomId: string, sizes: Sizes, docs: Doc[]): { fillMs: number } {
  const c = corpus(1);
  const sqlite = core.internals.db.sqlite;
  const rnd = random(3);
  const started = performance.now();
  const meeting = sqlite.prepare(
    `INSERT INTO meetings (id, boardroom_id, title, scheduled_at, duration_minutes, status, location, video_url) VALUES (?, ?, ?, ?, 60, 'scheduled', '', '')`,
  );
  const agenda = sqlite.prepare(
    `INSERT INTO agenda_items (id, meeting_id, position, title, presenter, duration_minutes, notes, document_ids) VALUES (?, ?, 1, ?, 'Chair', 10, ?, '[]')`,
  );
  const base = Date.UTC(2020, 0, 1);
  for (let start = 0; start < sizes.meetings; start += 10_000) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(sizes.meetings, start + 10_000); i++) {
        const id = newId();
        meeting.run(id, roomId, `${c.title()} ${i}`, base + Math.floor(rnd() * 7 * 365) * 86_400_000);
        agenda.run(newId(), id, c.title(), c.sentence(12));
      }
    })();
  }
  const document = sqlite.prepare(
    `INSERT INTO documents (id, boardroom_id, meeting_id, title, description, blob_hash, mime, size, created_at, deleted_at) VALUES (?, ?, NULL, ?, '', ?, 'application/pdf', ?, ?, NULL)`,
  );
  const page = sqlite.prepare('INSERT INTO document_pages (blob_hash, page, text) VALUES (?, ?, ?)');
  for (let start = 0; start < docs.length; start += 1_000) {
    sqlite.transaction(() => {
      for (const d of docs.slice(start, start + 1_000)) {
        const hash = `bench${d.id}`.padEnd(64, '0');
        d.pages.forEach((text, i) => page.run(hash, i + 1, text));
        document.run(d.id, roomId, d.title, hash, d.pages.join('').length, base + Math.floor(rnd() * 7 * 365) * 86_400_000);
      }
    })();
  }
  return { fillMs: performance.now() - started };
}

export function makeDocs(sizes: Sizes): Doc[] {
  const c = corpus(2);
  return Array.from({ length: sizes.documents }, () => ({ id: newId(), title: `${c.title()}.pdf`, pages: c.pages(sizes.docChars) }));
}

async function palette(core: AppCore, sizes: Sizes, metrics: Record<string, Metric>) {
  const source = {
    feed: (after: number, limit: number) => call<FeedPage>(core, 'search.feed', { after, limit }),
    loadSnapshot: () => core.internals.search.loadSnapshot(),
    saveSnapshot: (clock: number, data: string) => core.internals.search.saveSnapshot(clock, data),
  };
  await buildAndQuery(source, sizes, metrics);
  await loadFromSnapshot(core, source, metrics);
}

/** The first build from main's feed (which saves the snapshot), then keystroke queries. */
async function buildAndQuery(source: FeedSource, sizes: Sizes, metrics: Record<string, Metric>) {
  const heapBefore = heapMb();
  const started = performance.now();
  const engine = new SearchEngine(source);
  await engine.open();
  const buildMs = performance.now() - started;
  const heap = heapMb() - heapBefore;
  const size = engine.status().size;

  const queries = keystrokeQueries(corpus(1), sizes.keystrokes);
  const samples: number[] = [];
  const fuzzy: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    const hits = engine.search(q, { limit: 30 });
    samples.push(performance.now() - t);
    if (hits.some((h) => h.fuzzy)) fuzzy.push(performance.now() - t);
  }
  const s = summarize(samples.slice(50));
  metrics.palette_items = { value: size, unit: 'items' };
  metrics.palette_build_ms = { value: round(buildMs, 0), unit: 'ms' };
  metrics.palette_p50_ms = { value: round(s.p50, 3), unit: 'ms' };
  metrics.palette_p95_ms = { value: round(s.p95, 3), unit: 'ms', goal: '< 10' };
  metrics.palette_p99_ms = { value: round(s.p99, 3), unit: 'ms' };
  metrics.palette_fuzzy_share = { value: round(fuzzy.length / samples.length, 3), unit: 'ratio' };
  metrics.worker_heap_mb = { value: round(heap, 1), unit: 'MB', goal: '< 300' };

}

/** A load of the snapshot as start-up does it, in a heap without the first index (a fresh worker holds nothing else). */
async function loadFromSnapshot(core: AppCore, source: FeedSource, metrics: Record<string, Metric>) {
  const heapBeforeLoad = heapMb();
  let started = performance.now();
  let snapshot = await core.internals.search.loadSnapshot();
  const readMs = performance.now() - started;
  metrics.snapshot_mb = { value: round((snapshot?.data.length ?? 0) / 2 ** 20, 1), unit: 'MB' };
  const reopened = new SearchEngine({
    ...source,
    // Handed over once, as the worker receives it; not kept here.
    loadSnapshot: async () => {
      const handed = snapshot;
      snapshot = null;
      return handed;
    },
  });
  started = performance.now();
  await reopened.open();
  metrics.snapshot_load_ms = { value: round(performance.now() - started + readMs, 0), unit: 'ms', goal: '< 1000' };
  metrics.snapshot_from = { value: reopened.status().start.from === 'snapshot' ? 1 : 0, unit: 'loaded (1) or rebuilt (0)' };
  metrics.snapshot_caught_up = { value: reopened.status().start.caughtUp, unit: 'items' };
  metrics.worker_heap_loaded_mb = { value: round(heapMb() - heapBeforeLoad, 1), unit: 'MB', goal: '< 300' };
}

async function fullText(core: AppCore, sizes: Sizes, metrics: Record<string, Metric>): Promise<Map<string, string[]>> {
  const queries = wordQueries(corpus(2), sizes.fullTextQueries);
  const samples: number[] = [];
  const top = new Map<string, string[]>();
  // The event loop stays free while queries run in the worker thread: count timer ticks meanwhile.
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  const started = performance.now();
  // What the palette sends (every kind, 30 hits with snippets), timed; then the documents' top ten of
  // each query for the overlap with the peers, which index documents only.
  for (const q of queries) {
    const t = performance.now();
    await call(core, 'search.fullText', { text: q, limit: 30 });
    samples.push(performance.now() - t);
  }
  const documentSamples: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    const result = await call<{ hits: Array<{ id: string }> }>(core, 'search.fullText', { text: q, kinds: ['document'], limit: 10 });
    documentSamples.push(performance.now() - t);
    if (!top.has(q)) top.set(q, result.hits.map((h) => h.id));
  }
  clearInterval(timer);
  metrics.fulltext_documents_p95_ms = { value: round(summarize(documentSamples.slice(20)).p95, 3), unit: 'ms' };
  const s = summarize(samples.slice(20));
  metrics.fulltext_p50_ms = { value: round(s.p50, 3), unit: 'ms' };
  metrics.fulltext_p95_ms = { value: round(s.p95, 3), unit: 'ms', goal: '< 10' };
  metrics.fulltext_p99_ms = { value: round(s.p99, 3), unit: 'ms' };
  metrics.fulltext_loop_ticks_per_s = { value: round(ticks / ((performance.now() - started) / 1000), 0), unit: 'ticks/s (5 ms timer: 200 = never blocked)' };
  return top;
}

function naive(docs: Doc[], sizes: Sizes, metrics: Record<string, Metric>, fts: Map<string, string[]>): void {
  const subset = docs.slice(0, sizes.naiveDocs);
  const heapBefore = heapMb();
  const started = performance.now();
  const mini = new MiniSearch<{ id: string; title: string; text: string }>({ fields: ['title', 'text'], storeFields: [], searchOptions: { prefix: true, boost: { title: 3 }, combineWith: 'AND' } });
  mini.addAll(subset.map((d) => ({ id: d.id, title: d.title, text: d.pages.join(' ') })));
  metrics.naive_build_ms = { value: round(performance.now() - started, 0), unit: 'ms' };
  metrics.naive_heap_mb = { value: round(heapMb() - heapBefore, 0), unit: 'MB' };
  metrics.naive_docs = { value: subset.length, unit: 'documents' };
  const samples: number[] = [];
  const overlaps: number[] = [];
  const inSubset = new Set(subset.map((d) => d.id));
  for (const [q, ftsTop] of fts) {
    const t = performance.now();
    const hits = mini.search(q).slice(0, 10);
    samples.push(performance.now() - t);
    // Overlap only where both saw the same documents (the naive index may hold a subset).
    const ftsInSubset = ftsTop.filter((id) => inSubset.has(id));
    if (subset.length === docs.length && ftsInSubset.length) overlaps.push(hits.filter((h) => ftsInSubset.includes(String(h.id))).length / ftsInSubset.length);
  }
  const s = summarize(samples);
  metrics.naive_fulltext_p50_ms = { value: round(s.p50, 2), unit: 'ms' };
  metrics.naive_fulltext_p95_ms = { value: round(s.p95, 2), unit: 'ms' };
  if (overlaps.length) metrics.naive_top10_overlap = { value: round(median(overlaps), 2), unit: 'ratio' };
}

async function postgres(docs: Doc[], metrics: Record<string, Metric>, fts: Map<string, string[]>): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const name = `bench_search_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    await client.connect();
    await client.query('CREATE TABLE docs (id text PRIMARY KEY, title text NOT NULL, body text NOT NULL, search tsvector)');
    let started = performance.now();
    for (let i = 0; i < docs.length; i += 500) {
      const batch = docs.slice(i, i + 500);
      await client.query('INSERT INTO docs (id, title, body) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])', [
        batch.map((d) => d.id),
        batch.map((d) => d.title),
        batch.map((d) => d.pages.join(' ')),
      ]);
    }
    await client.query(
      `UPDATE docs SET search = setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')`,
    );
    await client.query('CREATE INDEX docs_search_gin ON docs USING GIN (search)');
    await client.query('ANALYZE docs');
    metrics.pg_build_ms = { value: round(performance.now() - started, 0), unit: 'ms' };
    const samples: number[] = [];
    const overlaps: number[] = [];
    for (const [q, ftsTop] of fts) {
      const tsquery = q
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => `${w.replace(/[^\p{L}\p{N}]/gu, '')}:*`)
        .join(' & ');
      started = performance.now();
      const { rows } = await client.query<{ id: string }>(
        `SELECT id FROM docs WHERE search @@ to_tsquery('simple', $1) ORDER BY ts_rank(search, to_tsquery('simple', $1)) DESC LIMIT 10`,
        [tsquery],
      );
      samples.push(performance.now() - started);
      if (ftsTop.length) overlaps.push(rows.filter((r) => ftsTop.includes(r.id)).length / ftsTop.length);
    }
    const s = summarize(samples.slice(10));
    metrics.pg_fulltext_p50_ms = { value: round(s.p50, 2), unit: 'ms' };
    metrics.pg_fulltext_p95_ms = { value: round(s.p95, 2), unit: 'ms' };
    metrics.pg_top10_overlap = { value: round(median(overlaps), 2), unit: 'ratio' };
  } finally {
    await client.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

async function pdfToFound(core: AppCore, roomId: string, sizes: Sizes, metrics: Record<string, Metric>): Promise<void> {
  const c = corpus(5);
  const marker = 'zqxmarker';
  const pages = Array.from({ length: sizes.pdfPages }, (_, i) => {
    const lines = Array.from({ length: 40 }, () => c.sentence(10).slice(0, 95));
    if (i === sizes.pdfPages - 1) lines.push(`The ${marker} sits on the last page.`);
    return lines;
  });
  const pdf = makePdf('Board pack', pages);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  const started = performance.now();
  await call(core, 'documents.attach', { boardroomId: roomId, title: 'board-pack.pdf', mime: 'application/pdf', dataBase64: pdf.toString('base64') });
  const attachedMs = performance.now() - started;
  for (;;) {
    const result = await call<{ hits: unknown[] }>(core, 'search.fullText', { text: marker, limit: 1 });
    if (result.hits.length) break;
    if (performance.now() - started > 120_000) throw new Error('the PDF was not indexed within 2 minutes');
    await new Promise((r) => setTimeout(r, 20));
  }
  const foundMs = performance.now() - started;
  clearInterval(timer);
  metrics.pdf_pages = { value: sizes.pdfPages, unit: 'pages' };
  metrics.pdf_mb = { value: round(pdf.length / 2 ** 20, 1), unit: 'MB' };
  metrics.pdf_attach_ms = { value: round(attachedMs, 0), unit: 'ms' };
  metrics.pdf_attached_to_found_ms = { value: round(foundMs, 0), unit: 'ms' };
  metrics.pdf_pages_per_s = { value: round(sizes.pdfPages / (foundMs / 1000), 0), unit: 'pages/s' };
  metrics.pdf_loop_ticks_per_s = { value: round(ticks / (foundMs / 1000), 0), unit: 'ticks/s (10 ms timer: 100 = never blocked)' };
}

export async function runSearchBench({ quick }: { quick: boolean }): Promise<Section> {
  const sizes = sizesFor(quick);
  const metrics: Record<string, Metric> = {};
  const dataDir = mkdtempSync(join(tmpdir(), 'boardroom-search-bench-'));
  const core = openApp({ dataDir, migrationsDir, seedDemo: false, log: () => {} });
  try {
    const { id: roomId } = await call<{ id: string }>(core, 'boardrooms.create', { name: 'Search bench' });
    console.log(`search bench: ${sizes.meetings.toLocaleString('en-GB')} meetings, ${sizes.documents.toLocaleString('en-GB')} documents…`);
    const docs = makeDocs(sizes);
    const chars = docs.reduce((n, d) => n + d.pages.reduce((m, p) => m + p.length, 0), 0);
    metrics.corpus_text_mb = { value: round(chars / 2 ** 20, 1), unit: 'MB' };
    const { fillMs } = fill(core, roomId, sizes, docs);
    metrics.fts_fill_ms = { value: round(fillMs, 0), unit: 'ms (rows + pages, with the search triggers)' };
    await core.internals.search.whenIdle();

    await palette(core, sizes, metrics);
    const top = await fullText(core, sizes, metrics);
    naive(docs, sizes, metrics, top);
    await postgres(docs, metrics, top).catch((error: unknown) => {
      console.warn(`PostgreSQL comparison skipped: ${error instanceof Error ? error.message : String(error)}`);
    });
    await pdfToFound(core, roomId, sizes, metrics);
  } finally {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return toSection(metrics, quick);
}

function toSection(m: Record<string, Metric>, quick: boolean): Section {
  const v = (k: string, digits = 2) => (m[k] ? `${round(m[k].value, digits)} ${m[k].unit.split(' ')[0]}` : 'n/a');
  const ratio = (a: string, b: string) => (m[a] && m[b] && m[b].value ? `${round(m[a].value / m[b].value, 2)}x` : 'n/a');
  return {
    title: 'Search',
    rows: [
      { metric: 'palette keystroke p95 (MiniSearch, short fields)', ours: v('palette_p95_ms', 3), goal: '< 10 ms' },
      { metric: 'palette worker heap', ours: v('worker_heap_mb', 0), peer: 'MiniSearch over full text', peerValue: v('naive_heap_mb', 0), ratio: ratio('worker_heap_mb', 'naive_heap_mb'), goal: '< 300 MB' },
      { metric: 'palette snapshot load', ours: v('snapshot_load_ms', 0), goal: '< 1000 ms' },
      { metric: 'full-text query p95, as the palette asks (all kinds, 30 hits with snippets; SQLite FTS5)', ours: v('fulltext_p95_ms', 3), goal: '< 10 ms' },
      { metric: 'full-text query p95, documents, top 10 (SQLite FTS5)', ours: v('fulltext_documents_p95_ms', 3), peer: 'MiniSearch over full text', peerValue: v('naive_fulltext_p95_ms'), ratio: ratio('fulltext_documents_p95_ms', 'naive_fulltext_p95_ms') },
      { metric: 'full-text query p95, documents, top 10 (SQLite FTS5)', ours: v('fulltext_documents_p95_ms', 3), peer: 'PostgreSQL GIN tsvector', peerValue: v('pg_fulltext_p95_ms'), ratio: ratio('fulltext_documents_p95_ms', 'pg_fulltext_p95_ms') },
      { metric: 'full-text build (rows + pages)', ours: v('fts_fill_ms', 0), peer: 'PostgreSQL GIN tsvector', peerValue: v('pg_build_ms', 0), ratio: ratio('fts_fill_ms', 'pg_build_ms') },
      { metric: 'top-10 overlap with FTS5', ours: '1', peer: 'PostgreSQL / MiniSearch', peerValue: `${v('pg_top10_overlap')} / ${v('naive_top10_overlap')}` },
      { metric: `PDF attached to its words found (${m.pdf_pages?.value ?? '?'} pages)`, ours: v('pdf_attached_to_found_ms', 0) },
    ],
    notes: [
      `${m.palette_items?.value ?? '?'} short items in the palette index; ${m.corpus_text_mb?.value ?? '?'} MB of document text${quick ? ' (--quick corpus)' : ''}.`,
      'Top-10 overlap: the share of FTS5\'s top ten (bm25, title weighted) that the peer also ranks in its top ten for the same query; the rankings differ by design (ts_rank, MiniSearch BM25+).',
    ],
    metrics: m,
  };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const quick = process.argv.includes('--quick');
  const watchdog = setTimeout(() => {
    console.error('search bench: still running after 15 minutes, stopping');
    process.exit(2);
  }, 15 * 60_000);
  watchdog.unref();
  runSearchBench({ quick })
    .then((section) => {
      writeResults('search', section.metrics ?? {});
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
