// `npm run bench [-- --quick]` (after `npm run build`): every area side by side with what users would
// pick instead, one after another on this machine, into bench/RESULTS.md (machine, date, commit, one
// table per area) and bench/results/<area>.json. An area that fails or is not there yet is reported
// as such; the others still run. --quick: each area in its quick mode (under 3 minutes in all).
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agendaEditSamples, openWorkspace, pageQuerySamples } from './local.js';
import { runSyncPeers } from './peers/sync-peers.js';
import { commit, compareRow, formatSection, formatValue, machine, median, round, soloRow, summarize, writeResults, type Metric, type Section, type SectionRow } from './report.js';
import { runStartup, seedLargeWorkspace } from './startup.js';

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
const interrupt = new AbortController();

/** Why an area (or one side of it) did not run: printed in its table's place, not a failure. */
class NotRun extends Error {}

/** A function exported by a bench module that may not exist yet (written by others in parallel). */
async function optionalExport<T>(file: string, name: string): Promise<T> {
  if (!existsSync(join(here, file))) throw new NotRun(`bench/${file} does not exist yet`);
  let module: Record<string, unknown>;
  try {
    const specifier = `./${file.replace(/\.ts$/, '.js')}`;
    module = (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    throw new NotRun(`bench/${file} does not load: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  if (typeof module[name] !== 'function') throw new NotRun(`bench/${file} has no export ${name}()`);
  return module[name] as T;
}

type RunRestReads = (opts: { quick: boolean }) => Promise<{ meetingPageMs: number[]; agendaEditMs: number[] }>;
type RunApiBench = (opts: { quick: boolean }) => Promise<Record<string, Metric>>;
type RunSearchBench = (opts: { quick: boolean }) => Promise<Section>;

/**
 * Local reads: the meeting page query and agenda edits on the desktop's SQLite against the same
 * through REST /api/v1 on PostgreSQL (bench/api.ts runRestReads), sides alternating per round.
 */
async function runLocalReads(): Promise<Section> {
  const meetings = quick ? 20_000 : 100_000;
  const rounds = quick ? 1 : 3;
  const pageCount = quick ? 1_000 : 2_000;
  const editCount = quick ? 1_000 : 5_000;
  let rest: RunRestReads | null = null;
  let restMissing = '';
  try {
    rest = await optionalExport<RunRestReads>('api.ts', 'runRestReads');
  } catch (error) {
    if (!(error instanceof NotRun)) throw error;
    restMissing = error.message;
  }
  const started = performance.now();
  const workspace = seedLargeWorkspace(meetings);
  /** Per round: p50 and p95 of the page queries and of the agenda edits of one side. */
  const side = () => ({ pageP50: [] as number[], pageP95: [] as number[], editP50: [] as number[], editP95: [] as number[] });
  const record = (into: ReturnType<typeof side>, pageMs: number[], editMs: number[]) => {
    const page = summarize(pageMs);
    const edits = summarize(editMs);
    into.pageP50.push(page.p50);
    into.pageP95.push(page.p95);
    into.editP50.push(edits.p50);
    into.editP95.push(edits.p95);
  };
  const ours = side();
  const peer = side();
  try {
    for (let round = 0; round < rounds; round++) {
      const core = openWorkspace(workspace.dataDir);
      try {
        const pageMs = await pageQuerySamples(core, workspace.roomId, meetings, pageCount);
        record(ours, pageMs, (await agendaEditSamples(core, workspace.roomId, editCount)).samples);
      } finally {
        core.close();
      }
      if (rest) {
        const result = await rest({ quick });
        record(peer, result.meetingPageMs, result.agendaEditMs);
      }
    }
  } finally {
    workspace.remove();
  }
  const REST = 'REST /api/v1 on PostgreSQL';
  const row = (metric: string, a: number[], b: number[], goal?: string): SectionRow =>
    rest ? compareRow(metric, 'ms', a, REST, b, goal) : { ...soloRow(metric, 'ms', a, goal), peer: REST, peerValue: 'not run' };
  const where = `${meetings.toLocaleString('en-GB')} meetings`;
  return {
    title: 'Local reads: desktop SQLite vs REST on PostgreSQL',
    rows: [
      row(`meeting page query p50 (100 rows at a random offset, ${where}; lower is better)`, ours.pageP50, peer.pageP50),
      row(`meeting page query p95 (lower is better)`, ours.pageP95, peer.pageP95, '< 2 ms local (ours); < 100 ms DB query (seed)'),
      row('agenda edit p50, validated and persisted (lower is better)', ours.editP50, peer.editP50),
      row('agenda edit p95 (lower is better)', ours.editP95, peer.editP95),
    ],
    notes: [
      `Ours: the desktop core in this process (contract dispatch, SQLite in WAL mode), ${pageCount.toLocaleString('en-GB')} page queries and ${editCount.toLocaleString('en-GB')} agenda edits per round. The peer: the same reads and edits through the server's REST API over HTTP on 127.0.0.1, PostgreSQL behind it (bench/api.ts runRestReads; its own data and load). ${rounds} round${rounds > 1 ? 's' : ''}, sides alternating; medians over rounds, spread min–max.`,
      ...(restMissing ? [`REST side not run: ${restMissing}.`] : []),
      `This area took ${Math.round((performance.now() - started) / 1000)} s.`,
    ],
    metrics: {
      page_query_p95_ms: { value: round(median(ours.pageP95), 3), unit: 'ms', goal: '< 2' },
      agenda_edit_p95_ms: { value: round(median(ours.editP95), 3), unit: 'ms' },
      ...(rest
        ? {
            rest_page_query_p95_ms: { value: round(median(peer.pageP95), 3), unit: 'ms' },
            rest_agenda_edit_p95_ms: { value: round(median(peer.editP95), 3), unit: 'ms' },
          }
        : {}),
    },
  };
}

async function runApi(): Promise<Section> {
  const run = await optionalExport<RunApiBench>('api.ts', 'runApiBench');
  const metrics = await run({ quick });
  return {
    title: 'API: REST /api/v1 at the seed\'s load',
    rows: Object.entries(metrics).map(([key, m]) => ({ metric: key, ours: formatValue(m.value, m.unit), ...(m.goal ? { goal: m.goal } : {}) })),
    notes: [
      'Figures from bench/api.ts (runApiBench); no peer runs this API, the goals are the seed\'s and ours.',
      'The load comes from bench/http-load.ts, one keep-alive socket per user; boardrooms_node_http_p95_ms is the same scenario through node:http\'s client, which needs about a core of its own on this 2-core machine. The mix is read in rounds like the seed scenario; its first visits (mostly cache misses, PostgreSQL\'s work) have the web version\'s API budget.',
    ],
    metrics,
  };
}

async function runSearch(): Promise<Section> {
  const run = await optionalExport<RunSearchBench>('search.ts', 'runSearchBench');
  return run({ quick });
}

const AREAS: Array<{ name: string; title: string; run(): Promise<Section> }> = [
  { name: 'sync-peers', title: 'Sync: ours vs @y/websocket-server and @hocuspocus/server', run: () => runSyncPeers({ quick, signal: interrupt.signal }) },
  { name: 'startup', title: 'Start-up and bundle', run: () => runStartup({ quick }) },
  { name: 'local-reads', title: 'Local reads: desktop SQLite vs REST on PostgreSQL', run: runLocalReads },
  { name: 'api', title: 'API: REST /api/v1 at the seed\'s load', run: runApi },
  { name: 'search', title: 'Search: MiniSearch worker vs SQLite FTS5 vs PostgreSQL full text', run: runSearch },
];

/** Every area stops by itself; this bounds the whole run in case one does not. */
const WATCHDOG_MS = quick ? 5 * 60_000 : 40 * 60_000;

async function main(): Promise<void> {
  const started = performance.now();
  const date = new Date().toISOString();
  const sections: string[] = [];
  for (const area of AREAS) {
    if (interrupt.signal.aborted) break;
    console.log(`\n== ${area.title}${quick ? ' (quick)' : ''}`);
    const areaStarted = performance.now();
    let section: Section;
    try {
      section = await area.run();
      if (section.metrics) writeResults(area.name, section.metrics, { print: false });
    } catch (error) {
      const reason = error instanceof NotRun ? `not run: ${error.message}` : `failed: ${error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error)}`;
      if (!(error instanceof NotRun)) console.error(error);
      section = { title: area.title, rows: [], notes: [reason] };
    }
    console.log(`${area.title}: ${Math.round((performance.now() - areaStarted) / 1000)} s`);
    sections.push(formatSection(section));
  }
  const header = [
    '# Benchmark results',
    '',
    `- machine: ${machine()}`,
    `- date: ${date}`,
    `- commit: ${commit()}`,
    `- run: \`npm run bench${quick ? ' -- --quick' : ''}\`, ${Math.round((performance.now() - started) / 1000)} s (areas one after another; each compares ours with its peer on this machine in the same run)`,
    '',
    'Ratios are ours ÷ peer on the medians: below 1 is ours lower (better for times, CPU and memory; worse for throughput). Spread is min–max over rounds. Two cores serve the clients, the servers, PostgreSQL and Redis at once, so compare runs on the same machine only.',
    '',
  ].join('\n');
  const markdown = `${header}\n${sections.join('\n')}`;
  writeFileSync(join(here, 'RESULTS.md'), markdown);
  console.log(`\n${markdown}\nwritten to bench/RESULTS.md`);
}

const watchdog = setTimeout(() => {
  console.error(`npm run bench did not finish within ${WATCHDOG_MS / 60_000} minutes: stopping`);
  interrupt.abort();
  setTimeout(() => process.exit(1), 15_000).unref();
}, WATCHDOG_MS);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`${signal}: stopping`);
    interrupt.abort();
    setTimeout(() => process.exit(130), 15_000).unref();
  });
}
let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  clearTimeout(watchdog);
}
process.exit(failed ? 1 : 0);
