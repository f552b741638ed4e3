// `npm run bench:startup [-- --quick]`: start-up and bundle against the seed's web budgets and ours.
// On a large workspace (100,000 meetings; 20,000 with --quick): host start to the boardroom list
// painted in Chromium (spawn of out/host/main.mjs to the page's `first-list-painted` mark), the web
// vitals FCP, LCP and CLS as web-vitals reports them in that page, and the gzip size of the scripts
// index.html loads up front. Needs `npm run build`. Figures, never assertions. Imported by
// bench/run.ts (runStartup) and bench/local.ts (the shared measures below).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { openApp } from '../src-main/app.js';
import { addLargeBoardroom } from './large-workspace.js';
import { formatRatio, formatSection, formatValue, median, round, soloRow, type Metric, type Section } from './report.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const migrationsDir = join(root, 'drizzle/local');

/** The seed's budgets for the web version, and ours (DESIGN.md, Budgets). */
export const BUDGETS = {
  fcpMs: { seed: 1_500 },
  lcpMs: { seed: 2_500 },
  cls: { seed: 0.1 },
  firstListMs: { ours: 500, seed: 3_500 },
  initialJsKb: { ours: 150, seed: 500 },
} as const;

/** A workspace with one boardroom of `meetings` meetings in a new temporary folder. */
export function seedLargeWorkspace(meetings: number): { dataDir: string; roomId: string; seedMs: number; remove(): void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'boardroom-bench-'));
  const started = performance.now();
  const core = openApp({ dataDir, migrationsDir, log: () => {} });
  try {
    const roomId = addLargeBoardroom(core, meetings);
    return { dataDir, roomId, seedMs: performance.now() - started, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
  } finally {
    core.close();
  }
}

/** Gzipped size (KB) of the scripts index.html loads before anything is lazy-loaded. */
export function initialJsGzipKb(): number {
  const dir = join(root, 'out/renderer');
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  const bytes = files.reduce((n, f) => n + gzipSync(readFileSync(join(dir, f)), { level: 9 }).byteLength, 0);
  return round(bytes / 1024, 1);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface StartupRun {
  /** Spawn of the host to the boardroom list painted. */
  firstListMs: number;
  /** As web-vitals reports them, from the page's navigation start (LCP and CLS at list paint + 1 s). */
  fcpMs: number;
  lcpMs: number;
  cls: number;
}

// The package exports no path to its IIFE build: it sits beside the CommonJS build it does export.
const webVitalsScript = join(dirname(createRequire(import.meta.url).resolve('web-vitals')), 'web-vitals.iife.js');

/** Runs in the page: keeps the latest FCP, LCP and CLS web-vitals reports in `window.__vitals`. */
function registerVitals(vitals: Record<string, (cb: (m: { value: number }) => void, o?: object) => void>): void {
  const w = window as unknown as { __vitals: Record<string, number> };
  w.__vitals = {};
  for (const name of ['FCP', 'LCP', 'CLS']) vitals[`on${name}`]!((m) => (w.__vitals[name] = m.value), { reportAllChanges: true });
}

/** One cold start: spawn the host on `dataDir`, load its page, wait for the list, read the vitals. */
export async function measureStartup(browser: Browser, dataDir: string): Promise<StartupRun> {
  if (!existsSync(join(root, 'out/host/main.mjs')) || !existsSync(join(root, 'out/renderer/index.html'))) {
    throw new Error('no build in out/: run npm run build first');
  }
  const context = await browser.newContext();
  // One script: Playwright runs each init script in its own scope, so the IIFE's `var webVitals`
  // is visible only to code in the same script.
  await context.addInitScript({ content: `${readFileSync(webVitalsScript, 'utf8')}\n;(${registerVitals.toString()})(webVitals);` });
  const page = await context.newPage();
  const started = performance.now();
  const host = spawn(process.execPath, [join(root, 'out/host/main.mjs'), '--data-dir', dataDir, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  host.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-2000)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      host.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(output);
        if (m) resolve(m[1]!);
      });
      host.once('exit', (code) => reject(new Error(`host exited with ${code}: ${output}`)));
    });
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('first-list-painted').length > 0, null, { timeout: 30_000 });
    const firstListMs = performance.now() - started;
    // LCP and CLS keep changing while the page settles; a second after the list is what a user sees.
    await page.waitForTimeout(1_000);
    const vitals = await page.evaluate(() => (window as unknown as { __vitals: Record<string, number> }).__vitals);
    return { firstListMs, fcpMs: vitals.FCP ?? NaN, lcpMs: vitals.LCP ?? NaN, cls: vitals.CLS ?? 0 };
  } finally {
    await context.close();
    if (host.exitCode === null) {
      const exited = new Promise((r) => host.once('exit', r));
      host.kill('SIGTERM');
      const timer = setTimeout(() => host.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  }
}

/** Median of `runs` cold starts, after one unmeasured start that warms the OS file cache. */
export async function firstListPaint(dataDir: string, runs = 5): Promise<StartupRun[]> {
  const browser = await launchChromium();
  try {
    await measureStartup(browser, dataDir);
    const results: StartupRun[] = [];
    for (let run = 0; run < runs; run++) results.push(await measureStartup(browser, dataDir));
    return results;
  } finally {
    await browser.close();
  }
}

function budgetRow(metric: string, unit: string, values: number[], seed: number, ours?: number) {
  const row = soloRow(metric, unit, values, ours !== undefined ? `< ${formatValue(ours, unit)} (ours); < ${formatValue(seed, unit)} (seed)` : `< ${formatValue(seed, unit)} (seed)`);
  return { ...row, peer: 'seed budget (web)', peerValue: formatValue(seed, unit), ratio: formatRatio(median(values), seed) };
}

export async function runStartup(opts: { quick: boolean; log?: (line: string) => void }): Promise<Section> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const meetings = opts.quick ? 20_000 : 100_000;
  const runs = opts.quick ? 3 : 7;
  const started = performance.now();
  const workspace = seedLargeWorkspace(meetings);
  log(`start-up: ${meetings.toLocaleString('en-GB')} meetings seeded in ${(workspace.seedMs / 1000).toFixed(1)} s`);
  try {
    const samples = await firstListPaint(workspace.dataDir, runs);
    const pick = (k: keyof StartupRun) => samples.map((s) => s[k]);
    log(`start-up runs, first list (ms): ${pick('firstListMs').map((v) => v.toFixed(0)).join(', ')}`);
    const js = initialJsGzipKb();
    const metrics: Record<string, Metric> = {
      first_list_paint_ms: { value: round(median(pick('firstListMs')), 0), unit: 'ms', goal: `< ${BUDGETS.firstListMs.ours}` },
      fcp_ms: { value: round(median(pick('fcpMs')), 0), unit: 'ms', goal: `< ${BUDGETS.fcpMs.seed}` },
      lcp_ms: { value: round(median(pick('lcpMs')), 0), unit: 'ms', goal: `< ${BUDGETS.lcpMs.seed}` },
      cls_ratio: { value: round(median(pick('cls')), 3), unit: '', goal: `< ${BUDGETS.cls.seed}` },
      initial_js_gzip_kb: { value: js, unit: 'KB', goal: `< ${BUDGETS.initialJsKb.ours}` },
    };
    const where = `${meetings.toLocaleString('en-GB')}-meeting workspace`;
    return {
      title: 'Start-up and bundle',
      rows: [
        budgetRow(`host start to first boardroom list painted (${where})`, 'ms', pick('firstListMs'), BUDGETS.firstListMs.seed, BUDGETS.firstListMs.ours),
        budgetRow('First Contentful Paint', 'ms', pick('fcpMs'), BUDGETS.fcpMs.seed),
        budgetRow('Largest Contentful Paint', 'ms', pick('lcpMs'), BUDGETS.lcpMs.seed),
        budgetRow('Cumulative Layout Shift', '', pick('cls'), BUDGETS.cls.seed),
        budgetRow('initial renderer JS, gzip', 'KB', [js], BUDGETS.initialJsKb.seed, BUDGETS.initialJsKb.ours),
      ],
      notes: [
        `${runs} cold starts of the headless host (out/host/main.mjs) on the same data after one unmeasured start; medians, spread is min–max. Chromium at /usr/bin/chromium, headless, on the same cores as the host.`,
        'First list: from spawning the host to the page\'s `first-list-painted` mark (the frame after the list rendered). FCP, LCP, CLS: web-vitals 5 (reportAllChanges) in the page, from navigation start, read 1 s after the list painted.',
        `The seed's web budgets compare against: FCP 1.5 s, LCP 2.5 s, TTI 3.5 s (here: the list painted), CLS 0.1, bundles main 200 KB + vendor 300 KB; the ratio is ours ÷ that budget. Ours are tighter: list painted < 500 ms from host start, initial renderer JS < 150 KB gzip.`,
        `This area took ${Math.round((performance.now() - started) / 1000)} s.`,
      ],
      metrics,
    };
  } finally {
    workspace.remove();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { writeResults } = await import('./report.js');
  const section = await runStartup({ quick: process.argv.includes('--quick') });
  console.log(`\n${formatSection(section)}`);
  writeResults('startup', section.metrics ?? {});
}
