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

function commit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export function writeResults(name: string, metrics: Record<string, Metric>): string {
  const file = join(dirname(fileURLToPath(import.meta.url)), 'results', `${name}.json`);
  mkdirSync(dirname(file), { recursive: true });
  const body = { name, date: new Date().toISOString(), commit: commit(), machine: machine(), metrics };
  writeFileSync(file, JSON.stringify(body, null, 2) + '\n');
  console.log(`\n${name} (${body.machine}, commit ${body.commit})`);
  console.table(
    Object.fromEntries(
      Object.entries(metrics).map(([key, m]) => [key, { value: m.value, unit: m.unit, goal: m.goal ?? '' }]),
    ),
  );
  console.log(`written to ${file}`);
  return file;
}
