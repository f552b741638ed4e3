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
// - Rounds (3; --quick 2): keystrokes, snapshot loads and full-text queries are measured once a round,
//   the full-text sides in turn; the table gives medians over rounds and their min-max.
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
import { compareRow, median, round, soloRow, summarize, writeResults, type Metric, type Section } from './report.js';
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
  rounds: number;
}

const sizesFor = (quick: boolean): Sizes =>
  quick
    ? { meetings: 20_000, documents: 2_000, docChars: 4_000, naiveDocs: 1_000, keystrokes: 1_000, fullTextQueries: 300, pdfPages: 100, rounds: 2 }
    : { meetings: 100_000, documents: 10_000, docChars: 4_000, naiveDocs: 10_000, keystrokes: 3_000, fullTextQueries: 1_000, pdfPages: 300, rounds: 3 };

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
function fill(core: AppCore, roomId: string, sizes: Sizes, docs: Doc[]): { fillMs: number } {
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

function makeDocs(sizes: Sizes): Doc[] {
  const c = corpus(2);
  return Array.from({ length: sizes.documents }, () => ({ id: newId(), title: `${c.title()}.pdf`, pages: c.pages(sizes.docChars) }));
}

/** Per-round figures (one value a round), for medians and spread. */
type Rounds = Record<string, number[]>;
const push = (rounds: Rounds, key: string, value: number) => (rounds[key] ??= []).push(value);

async function palette(core: AppCore, sizes: Sizes, metrics: Record<string, Metric>, rounds: Rounds) {
  const source = {
    feed: (after: number, limit: number) => call<FeedPage>(core, 'search.feed', { after, limit }),
    loadSnapshot: () => core.internals.search.loadSnapshot(),
    saveSnapshot: (clock: number, data: string) => core.internals.search.saveSnapshot(clock, data),
  };
  await buildAndQuery(source, sizes, metrics, rounds);
  for (let r = 0; r < sizes.rounds; r++) await loadFromSnapshot(core, source, metrics, rounds, r === 0);
  metrics.snapshot_load_ms = { value: round(median(rounds.snapshot_load_ms!), 0), unit: 'ms', goal: '< 1000' };
  metrics.snapshot_read_ms = { value: round(median(rounds.snapshot_read_ms!), 0), unit: 'ms (of the load: main reading it from SQLite)' };
}

/** The first build from main's feed (which saves the snapshot), then rounds of keystroke queries. */
async function buildAndQuery(source: FeedSource, sizes: Sizes, metrics: Record<string, Metric>, rounds: Rounds) {
  const heapBefore = heapMb();
  const started = performance.now();
  const engine = new SearchEngine(source);
  await engine.open();
  const buildMs = performance.now() - started;
  const heap = heapMb() - heapBefore;
  const size = engine.status().size;

  const queries = keystrokeQueries(corpus(1), sizes.keystrokes);
  let fuzzy = 0;
  for (let r = 0; r < sizes.rounds; r++) {
    const samples: number[] = [];
    for (const q of queries) {
      const t = performance.now();
      const hits = engine.search(q, { limit: 30 });
      samples.push(performance.now() - t);
      if (r === 0 && hits.some((h) => h.fuzzy)) fuzzy++;
    }
    const s = summarize(samples.slice(50));
    push(rounds, 'palette_p50_ms', s.p50);
    push(rounds, 'palette_p95_ms', s.p95);
    push(rounds, 'palette_p99_ms', s.p99);
  }
  metrics.palette_items = { value: size, unit: 'items' };
  metrics.palette_build_ms = { value: round(buildMs, 0), unit: 'ms' };
  metrics.palette_p50_ms = { value: round(median(rounds.palette_p50_ms!), 3), unit: 'ms' };
  metrics.palette_p95_ms = { value: round(median(rounds.palette_p95_ms!), 3), unit: 'ms', goal: '< 10' };
  metrics.palette_p99_ms = { value: round(median(rounds.palette_p99_ms!), 3), unit: 'ms' };
  metrics.palette_fuzzy_share = { value: round(fuzzy / queries.length, 3), unit: 'ratio' };
  metrics.worker_heap_mb = { value: round(heap, 1), unit: 'MB', goal: '< 300' };
}

/** A load of the snapshot as start-up does it, in a heap without the first index (a fresh worker holds nothing else). */
async function loadFromSnapshot(core: AppCore, source: FeedSource, metrics: Record<string, Metric>, rounds: Rounds, first: boolean) {
  const heapBeforeLoad = heapMb();
  let started = performance.now();
  let snapshot = await core.internals.search.loadSnapshot();
  const readMs = performance.now() - started;
  const chars = snapshot?.data.length ?? 0;
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
  push(rounds, 'snapshot_load_ms', performance.now() - started + readMs);
  push(rounds, 'snapshot_read_ms', readMs);
  if (!first) return;
  metrics.snapshot_mb = { value: round(chars / 2 ** 20, 1), unit: 'MB' };
  metrics.snapshot_from = { value: reopened.status().start.from === 'snapshot' ? 1 : 0, unit: 'loaded (1) or rebuilt (0)' };
  metrics.snapshot_caught_up = { value: reopened.status().start.caughtUp, unit: 'items' };
  metrics.worker_heap_loaded_mb = { value: round(heapMb() - heapBeforeLoad, 1), unit: 'MB', goal: '< 300' };
}

/** One side of the documents' full-text comparison: the ids of its top ten for a query. */
interface Side {
  name: string;
  top10(q: string): Promise<string[]>;
  close(): Promise<void>;
}

/** Ours: documents only, top ten, through the contract (the peers index documents only). */
function ftsSide(core: AppCore): Side {
  return {
    name: 'SQLite FTS5',
    top10: async (q) => (await call<{ hits: Array<{ id: string }> }>(core, 'search.fullText', { text: q, kinds: ['document'], limit: 10 })).hits.map((h) => h.id),
    close: async () => {},
  };
}

/** The naive baseline: MiniSearch over the full document text, what the palette would cost if it held everything. */
function naiveSide(docs: Doc[], sizes: Sizes, metrics: Record<string, Metric>): Side {
  const subset = docs.slice(0, sizes.naiveDocs);
  const heapBefore = heapMb();
  const started = performance.now();
  const mini = new MiniSearch<{ id: string; title: string; text: string }>({ fields: ['title', 'text'], storeFields: [], searchOptions: { prefix: true, boost: { title: 3 }, combineWith: 'AND' } });
  mini.addAll(subset.map((d) => ({ id: d.id, title: d.title, text: d.pages.join(' ') })));
  metrics.naive_build_ms = { value: round(performance.now() - started, 0), unit: 'ms' };
  metrics.naive_heap_mb = { value: round(heapMb() - heapBefore, 0), unit: 'MB' };
  metrics.naive_docs = { value: subset.length, unit: 'documents' };
  return {
    name: 'MiniSearch over full text',
    top10: async (q) => mini.search(q).slice(0, 10).map((h) => String(h.id)),
    close: async () => mini.removeAll(),
  };
}

/** PostgreSQL full-text search on a GIN index over a weighted tsvector, in a database of its own. */
async function postgresSide(docs: Doc[], metrics: Record<string, Metric>): Promise<Side> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const name = `bench_search_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  const close = async () => {
    await client.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  };
  try {
    await client.connect();
    await client.query('CREATE TABLE docs (id text PRIMARY KEY, title text NOT NULL, body text NOT NULL, search tsvector)');
    const started = performance.now();
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
  } catch (error) {
    await close();
    throw error;
  }
  return {
    name: 'PostgreSQL GIN tsvector',
    async top10(q) {
      const tsquery = q
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => `${w.replace(/[^\p{L}\p{N}]/gu, '')}:*`)
        .join(' & ');
      const { rows } = await client.query<{ id: string }>(
        `SELECT id FROM docs WHERE search @@ to_tsquery('simple', $1) ORDER BY ts_rank(search, to_tsquery('simple', $1)) DESC LIMIT 10`,
        [tsquery],
      );
      return rows.map((r) => r.id);
    },
    close,
  };
}

/** Samples of each round dropped as warm-up (statement caches, JIT). */
const WARM_UP = 20;

/**
 * Full text in rounds. Each round: what the palette sends (every kind, 30 hits with snippets; ours
 * alone), then the documents' top ten from each side in turn, the order of the sides reversed every
 * other round. The first round's top tens give the overlap with ours.
 */
async function fullTextRounds(core: AppCore, sizes: Sizes, sides: Side[], metrics: Record<string, Metric>, rounds: Rounds) {
  const queries = wordQueries(corpus(2), sizes.fullTextQueries);
  const tops = new Map<string, Map<string, string[]>>();
  let ticks = 0;
  let tickedMs = 0;
  for (let r = 0; r < sizes.rounds; r++) {
    // The event loop stays free while queries run in the worker thread: count timer ticks meanwhile.
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    const samples: number[] = [];
    for (const q of queries) {
      const t = performance.now();
      await call(core, 'search.fullText', { text: q, limit: 30 });
      samples.push(performance.now() - t);
    }
    clearInterval(timer);
    tickedMs += performance.now() - started;
    const s = summarize(samples.slice(WARM_UP));
    push(rounds, 'fulltext_p50_ms', s.p50);
    push(rounds, 'fulltext_p95_ms', s.p95);
    push(rounds, 'fulltext_p99_ms', s.p99);
    for (const side of r % 2 ? [...sides].reverse() : sides) {
      const sideSamples: number[] = [];
      const top = new Map<string, string[]>();
      for (const q of queries) {
        const t = performance.now();
        const ids = await side.top10(q);
        sideSamples.push(performance.now() - t);
        if (!top.has(q)) top.set(q, ids);
      }
      if (r === 0) tops.set(side.name, top);
      const sideStats = summarize(sideSamples.slice(WARM_UP));
      push(rounds, `${side.name} p50`, sideStats.p50);
      push(rounds, `${side.name} p95`, sideStats.p95);
    }
  }
  metrics.fulltext_p50_ms = { value: round(median(rounds.fulltext_p50_ms!), 3), unit: 'ms' };
  metrics.fulltext_p95_ms = { value: round(median(rounds.fulltext_p95_ms!), 3), unit: 'ms', goal: '< 10' };
  metrics.fulltext_p99_ms = { value: round(median(rounds.fulltext_p99_ms!), 3), unit: 'ms' };
  metrics.fulltext_loop_ticks_per_s = { value: round(ticks / (tickedMs / 1000), 0), unit: 'ticks/s (5 ms timer: 200 = never blocked)' };
  const key: Record<string, string> = { 'SQLite FTS5': 'fulltext_documents', 'MiniSearch over full text': 'naive_fulltext', 'PostgreSQL GIN tsvector': 'pg_fulltext' };
  for (const side of sides) {
    metrics[`${key[side.name]}_p50_ms`] = { value: round(median(rounds[`${side.name} p50`]!), 3), unit: 'ms' };
    metrics[`${key[side.name]}_p95_ms`] = { value: round(median(rounds[`${side.name} p95`]!), 3), unit: 'ms' };
  }
  // Overlap where both indexed the same documents (the naive index may hold a subset).
  const ours = tops.get('SQLite FTS5')!;
  const overlapKey: Record<string, string> = { 'MiniSearch over full text': 'naive_top10_overlap', 'PostgreSQL GIN tsvector': 'pg_top10_overlap' };
  for (const side of sides.slice(1)) {
    if (side.name === 'MiniSearch over full text' && sizes.naiveDocs < sizes.documents) continue;
    const theirs = tops.get(side.name)!;
    const overlaps = [...ours].filter(([, top]) => top.length > 0).map(([q, top]) => (theirs.get(q) ?? []).filter((id) => top.includes(id)).length / top.length);
    if (overlaps.length) metrics[overlapKey[side.name]!] = { value: round(median(overlaps), 2), unit: 'ratio' };
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
  const rounds: Rounds = {};
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

    await palette(core, sizes, metrics, rounds);
    const sides = [ftsSide(core), naiveSide(docs, sizes, metrics)];
    try {
      sides.push(await postgresSide(docs, metrics));
    } catch (error) {
      console.warn(`PostgreSQL comparison skipped: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      await fullTextRounds(core, sizes, sides, metrics, rounds);
    } finally {
      for (const side of sides) await side.close();
    }
    await pdfToFound(core, roomId, sizes, metrics);
  } finally {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return toSection(metrics, rounds, sizes, quick);
}

function toSection(m: Record<string, Metric>, rounds: Rounds, sizes: Sizes, quick: boolean): Section {
  const v = (k: string, digits = 2) => (m[k] ? `${round(m[k].value, digits)} ${m[k].unit.split(' ')[0]}` : 'n/a');
  const ratio = (a: string, b: string) => (m[a] && m[b] && m[b].value ? `${round(m[a].value / m[b].value, 2)}x` : 'n/a');
  const FTS = 'SQLite FTS5';
  const peers = ['MiniSearch over full text', 'PostgreSQL GIN tsvector'].filter((p) => rounds[`${p} p95`]);
  return {
    title: 'Search',
    rows: [
      soloRow('palette keystroke p95 (MiniSearch in the worker, short fields, 30 hits)', 'ms', rounds.palette_p95_ms ?? [], '< 10 ms'),
      { metric: 'palette worker heap', ours: v('worker_heap_mb', 0), peer: 'MiniSearch over full text', peerValue: v('naive_heap_mb', 0), ratio: ratio('worker_heap_mb', 'naive_heap_mb'), goal: '< 300 MB' },
      soloRow(`palette snapshot load (${v('snapshot_mb', 1)}, read by main and loaded into a fresh index)`, 'ms', rounds.snapshot_load_ms ?? [], '< 1000 ms'),
      soloRow('full-text query p95, as the palette asks (all kinds, 30 hits with snippets; SQLite FTS5)', 'ms', rounds.fulltext_p95_ms ?? [], '< 10 ms'),
      ...peers.flatMap((peer) => [
        compareRow('full-text query p50, documents, top 10', 'ms', rounds[`${FTS} p50`] ?? [], peer, rounds[`${peer} p50`]!),
        compareRow('full-text query p95, documents, top 10', 'ms', rounds[`${FTS} p95`] ?? [], peer, rounds[`${peer} p95`]!),
      ]),
      { metric: `full-text build (ours: ${sizes.meetings.toLocaleString('en-GB')} agenda items and the documents' pages, through the triggers; peer: the documents alone)`, ours: v('fts_fill_ms', 0), peer: 'PostgreSQL GIN tsvector', peerValue: v('pg_build_ms', 0), ratio: ratio('fts_fill_ms', 'pg_build_ms') },
      { metric: 'top-10 overlap with FTS5', ours: '1', peer: 'PostgreSQL / MiniSearch', peerValue: `${v('pg_top10_overlap')} / ${v('naive_top10_overlap')}` },
      { metric: `PDF attached to its words found (${m.pdf_pages?.value ?? '?'} pages)`, ours: v('pdf_attached_to_found_ms', 0) },
    ],
    notes: [
      `${m.palette_items?.value ?? '?'} short items in the palette index; ${m.corpus_text_mb?.value ?? '?'} MB of document text${quick ? ' (--quick corpus)' : ''}; MiniSearch over full text holds ${m.naive_docs?.value ?? '?'} documents.`,
      `${sizes.rounds} rounds: each round runs ${sizes.keystrokes.toLocaleString('en-GB')} keystrokes, a snapshot load and ${sizes.fullTextQueries.toLocaleString('en-GB')} full-text queries per side, the sides in turn (their order reversed every other round); medians over rounds, spread min–max.`,
      "Top-10 overlap: the share of FTS5's top ten (bm25, title weighted) that the peer also ranks in its top ten for the same query; the rankings differ by design (ts_rank, MiniSearch BM25+).",
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
