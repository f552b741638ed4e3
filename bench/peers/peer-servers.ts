// The three servers as child processes on 127.0.0.1, each on a free port: ours through
// bench/sync-env.ts (PostgreSQL, Redis), the peers from their scripts beside this file. One shape for
// all, with what the bench reads of a process from /proc: CPU ticks and resident memory.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startBenchServer } from '../sync-env.js';
import type { PeerKind } from './clients.js';

export interface PeerServer {
  kind: PeerKind;
  /** Base URL the side's clients connect to (see clients.ts openClient). */
  url: string;
  pid: number;
  /** Set when the process ended while we still needed it. */
  died(): string | null;
  /** Graceful stop (SIGTERM, SIGKILL after 10 s). */
  stop(): Promise<void>;
  /** kill -9, resolved once the process is gone. */
  kill9(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT: Record<Exclude<PeerKind, 'ours'>, string> = {
  'y-websocket-server': 'bench/peers/y-websocket-server.ts',
  hocuspocus: 'bench/peers/hocuspocus-server.ts',
};

async function startPeer(kind: Exclude<PeerKind, 'ours'>): Promise<PeerServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT[kind]], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let expected = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /peer listening on (ws:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => reject(new Error(`${kind} exited before listening:\n${output.slice(-2000)}`)));
  });
  const end = async (signal: NodeJS.Signals) => {
    expected = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return {
    kind,
    url,
    pid: child.pid!,
    died: () => (!expected && (child.exitCode !== null || child.signalCode !== null) ? `${kind} exited:\n${output.slice(-2000)}` : null),
    stop: () => end('SIGTERM'),
    kill9: () => end('SIGKILL'),
  };
}

/** Starts a server of `kind`; ours needs the environment of bench/sync-env.ts serverEnv(). */
export async function startSide(kind: PeerKind, ourEnv: Record<string, string>): Promise<PeerServer> {
  if (kind !== 'ours') return startPeer(kind);
  const server = await startBenchServer(ourEnv);
  const child = server.process.child;
  return {
    kind,
    url: server.url,
    pid: server.pid,
    died: () => server.died,
    stop: () => server.stop(),
    kill9: async () => {
      child.kill('SIGKILL');
      // Only marks the exit as expected: the SIGTERM it sends finds the process already killed.
      await server.stop();
    },
  };
}

// /proc readers. Clock ticks are 1/100 s on Linux.
export const TICKS_PER_SECOND = 100;

export function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Resident memory of `pid` in bytes (VmRSS). */
export function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU ticks of every process whose name starts with one of `names` (PostgreSQL's backends, Redis). */
export function cpuTicksOfName(names: string[]): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (names.some((n) => comm.startsWith(n))) total += cpuTicks(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

export interface CpuMark {
  at: number;
  server: number;
  postgres: number;
  redis: number;
}

export const markCpu = (pid: number): CpuMark => ({
  at: performance.now(),
  server: cpuTicks(pid),
  postgres: cpuTicksOfName(['postgres']),
  redis: cpuTicksOfName(['redis-server']),
});

/** % of one core each used between two marks. */
export function cpuSince(a: CpuMark, b: CpuMark): { server: number; postgres: number; redis: number; seconds: number } {
  const seconds = (b.at - a.at) / 1000;
  const pct = (ticks: number) => Math.round((ticks / TICKS_PER_SECOND / seconds) * 100);
  return { server: pct(b.server - a.server), postgres: pct(b.postgres - a.postgres), redis: pct(b.redis - a.redis), seconds };
}
