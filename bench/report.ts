// Benchmark figures: percentiles, a printed table, and bench/results/<name>.json in the shape
// DESIGN.md gives, so runs can be compared across commits.
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Metric {
  value: number;
  unit: string;
  goal?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summarize(samples: number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

export function machine(): string {
  return `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${cpus()[0]?.model.trim() ?? 'unknown cpu'}, Node ${process.version}`;
}

export function commit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** Writes bench/results/<name>.json and, unless `print` is false, prints the figures as a table. */
export function writeResults(name: string, metrics: Record<string, Metric>, { print = true } = {}): string {
  const file = join(dirname(fileURLToPath(import.meta.url)), 'results', `${name}.json`);
  mkdirSync(dirname(file), { recursive: true });
  const body = { name, date: new Date().toISOString(), commit: commit(), machine: machine(), metrics };
  writeFileSync(file, JSON.stringify(body, null, 2) + '\n');
  if (!print) return file;
  console.log(`\n${name} (${body.machine}, commit ${body.commit})`);
  console.table(
    Object.fromEntries(
      Object.entries(metrics).map(([key, m]) => [key, { value: m.value, unit: m.unit, goal: m.goal ?? '' }]),
    ),
  );
  console.log(`written to ${file}`);
  return file;
}

/**
 * One area of `npm run bench` (bench/run.ts), printed as one table of bench/RESULTS.md. Each row
 * compares ours against one peer (or against nothing, for figures with only a goal). Values are
 * preformatted strings, or numbers printed as they are; `ratio` is ours ÷ peer on the medians, so
 * the metric's name says whether lower or higher is better.
 */
export interface SectionRow {
  metric: string;
  /** Median over rounds (or the single figure), with its unit: "4.2 ms". */
  ours: string | number;
  /** Who the row compares against: "@y/websocket-server 0.1.1", "REST on PostgreSQL". */
  peer?: string;
  peerValue?: string | number;
  /** ours ÷ peer on the medians, e.g. "0.42x". */
  ratio?: string;
  /** min–max across rounds, ours then peer: "3.9–4.8 / 1.1–1.3 ms". */
  spread?: string;
  /** The budget it is held to: "< 20 ms (ours), < 50 ms (seed)". */
  goal?: string;
}

export interface Section {
  title: string;
  rows: SectionRow[];
  /** Sentences printed under the table: method, conditions, what the figures do not show. */
  notes?: string[];
  /** The same figures in DESIGN.md's results shape, for bench/results/<name>.json. */
  metrics?: Record<string, Metric>;
}

export function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A figure with its unit, to a sensible number of significant digits. */
export function formatValue(value: number, unit = ''): string {
  if (!Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const text = value.toLocaleString('en-GB', { maximumFractionDigits: digits });
  return unit ? `${text} ${unit}` : text;
}

/** min–max of `values` (one figure when they are all the same), for a spread column or note. */
export function range(values: number[]): string {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return 'n/a';
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return lo === hi ? formatValue(lo) : `${formatValue(lo)}–${formatValue(hi)}`;
}

export function formatRatio(ours: number, peer: number): string {
  if (!Number.isFinite(ours) || !Number.isFinite(peer) || peer === 0) return 'n/a';
  const r = ours / peer;
  return `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toFixed(2)}x`;
}

/** A row from per-round figures of both sides: medians, ours ÷ peer, and min–max of each side. */
export function compareRow(metric: string, unit: string, ours: number[], peer: string, peerValues: number[], goal?: string): SectionRow {
  const a = median(ours);
  const b = median(peerValues);
  return {
    metric,
    ours: formatValue(a, unit),
    peer,
    peerValue: formatValue(b, unit),
    ratio: formatRatio(a, b),
    spread: `${range(ours)} / ${range(peerValues)}${unit ? ` ${unit}` : ''}`,
    ...(goal ? { goal } : {}),
  };
}

/** A row with ours alone (no peer measures it), its median and min–max over rounds. */
export function soloRow(metric: string, unit: string, ours: number[], goal?: string): SectionRow {
  return {
    metric,
    ours: formatValue(median(ours), unit),
    ...(ours.length > 1 ? { spread: `${range(ours)}${unit ? ` ${unit}` : ''}` } : {}),
    ...(goal ? { goal } : {}),
  };
}

const cell = (value: string | number | undefined): string => String(value ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The section as Markdown: a heading, the table (metric, ours, peer, ratio, spread, goal), notes. */
export function formatSection(section: Section): string {
  const lines = [`## ${section.title}`, ''];
  if (section.rows.length > 0) {
    lines.push('| metric | ours | peer | ratio (ours ÷ peer) | spread (min–max: ours / peer) | goal |', '|---|---|---|---|---|---|');
    for (const row of section.rows) {
      const peer = row.peer ? `${row.peer}: ${cell(row.peerValue)}` : '';
      lines.push(`| ${cell(row.metric)} | ${cell(row.ours)} | ${cell(peer)} | ${cell(row.ratio)} | ${cell(row.spread)} | ${cell(row.goal)} |`);
    }
    lines.push('');
  }
  for (const note of section.notes ?? []) lines.push(`- ${note}`);
  if (section.notes?.length) lines.push('');
  return lines.join('\n');
}
