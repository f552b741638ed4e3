// What `bench/sync.ts` runs against: a fresh PostgreSQL database (created with a random name and
// dropped at the end), a random Redis prefix, sync server child processes, and the CPU each of them
// (and PostgreSQL, Redis, this process) used during a measured window.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { openPostgres, type Database } from '../server/db/database.js';
import { migrate } from '../server/db/migrate.js';
import { spawnServer, type ServerProcess } from '../server/server-process.js';

export const POSTGRES_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = 'redis://127.0.0.1:6379';

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  url: string;
  name: string;
  /** The bench's own connection (migrations, accounts, seeding meeting docs). */
  db: Database;
  drop(): Promise<void>;
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `boardroom_bench_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN);
  url.pathname = `/${name}`;
  const db = openPostgres({ url: url.toString(), poolSize: 4 });
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await db.close().catch(() => undefined);
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  try {
    await migrate(db);
  } catch (error) {
    await drop();
    throw error;
  }
  return { url: url.toString(), name, db, drop };
}

/** Environment shared by every server process of a run: same database, Redis, prefix and key. */
export function serverEnv(database: BenchDatabase): Record<string, string> {
  return {
    DATABASE_URL: database.url,
    REDIS_URL,
    REDIS_PREFIX: `boardroom-bench:${randomBytes(6).toString('hex')}:`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    // Every client connects from 127.0.0.1: the per-address and per-socket limits would refuse the
    // load long before the server is busy.
    CONNECTS_PER_MINUTE_PER_IP: '1000000',
    SIGN_INS_PER_MINUTE_PER_IP: '1000000',
    MESSAGES_PER_SECOND: '100000',
    MESSAGE_BURST: '1000000',
    LOG_LEVEL: 'warn',
  };
}

export interface BenchServer {
  url: string;
  pid: number;
  process: ServerProcess;
  /** Set when the process exited while we still needed it. */
  died: string | null;
  stop(): Promise<void>;
}

export async function startBenchServer(env: Record<string, string>): Promise<BenchServer> {
  const proc = await spawnServer(env);
  let stopping = false;
  const server: BenchServer = {
    url: proc.url,
    pid: proc.child.pid!,
    process: proc,
    died: null,
    stop: async () => {
      if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
      stopping = true;
      proc.child.kill('SIGTERM');
      const timer = setTimeout(() => proc.child.kill('SIGKILL'), 10_000);
      await proc.exited;
      clearTimeout(timer);
    },
  };
  void proc.exited.then((code) => {
    if (!stopping) server.died = `server ${server.url} exited (${code}):\n${proc.output().slice(-2000)}`;
  });
  return server;
}

export interface ServerMetrics {
  connections: number;
  loadedDocs: number;
  rssBytes: number;
  updatesPersisted: number;
  writeTransactions: number;
  rowsCaughtUp: number;
  compactions: number;
}

export async function serverMetrics(server: { url: string }): Promise<ServerMetrics> {
  const response = await fetch(new URL('/metrics.json', server.url));
  return (await response.json()) as ServerMetrics;
}

/** Lines the server printed beyond its start line (warnings, errors), for the report. */
export function serverComplaints(server: BenchServer): string[] {
  return server.process
    .output()
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('Boardroom sync server listening') && !/^SIG(TERM|INT):/.test(line));
}

// CPU accounting from /proc: clock ticks (utime + stime) of a pid, or of every process of a name.
const TICKS_PER_SECOND = 100;

function ticksOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function ticksOfName(names: string[]): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (names.some((n) => comm.startsWith(n))) total += ticksOf(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

/** Busy and total ticks of the whole machine (every process, the kernel included). */
function machineTicks(): { busy: number; total: number } {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const fields = cpu!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** How busy the machine is (% of one core, all processes) over `ms`, before anything of ours runs. */
export async function machineLoad(ms = 1_000): Promise<number> {
  const a = machineTicks();
  await new Promise((r) => setTimeout(r, ms));
  const b = machineTicks();
  const cores = (b.total - a.total) / TICKS_PER_SECOND / (ms / 1000);
  return Math.round(((b.busy - a.busy) / Math.max(1, b.total - a.total)) * cores * 100);
}

export interface CpuSample {
  at: number;
  machine: { busy: number; total: number };
  servers: number[];
  postgres: number;
  redis: number;
  bench: number;
}

export function sampleCpu(servers: BenchServer[]): CpuSample {
  const usage = process.cpuUsage();
  return {
    at: performance.now(),
    machine: machineTicks(),
    servers: servers.map((s) => ticksOf(s.pid)),
    postgres: ticksOfName(['postgres']),
    redis: ticksOfName(['redis-server']),
    bench: ((usage.user + usage.system) / 1e6) * TICKS_PER_SECOND,
  };
}

/** CPU use between two samples, in percent of one core (the machine has cores x 100 %). */
export function cpuBetween(a: CpuSample, b: CpuSample): Record<string, number> {
  const seconds = (b.at - a.at) / 1000;
  const pct = (ticks: number) => Math.round((ticks / TICKS_PER_SECOND / seconds) * 100);
  const out: Record<string, number> = {};
  a.servers.forEach((t, i) => (out[`server ${i + 1}`] = pct(b.servers[i]! - t)));
  out.postgres = pct(b.postgres - a.postgres);
  out.redis = pct(b.redis - a.redis);
  out['bench (clients)'] = pct(b.bench - a.bench);
  const ours = Object.values(out).reduce((x, y) => x + y, 0);
  // /proc/stat counts every core: its busy share times the core count is "% of one core" again.
  const cores = (b.machine.total - a.machine.total) / TICKS_PER_SECOND / seconds;
  const machine = Math.round(((b.machine.busy - a.machine.busy) / Math.max(1, b.machine.total - a.machine.total)) * cores * 100);
  out['everything else'] = Math.max(0, machine - ours);
  out.machine = machine;
  return out;
}
