// `npm run bench:peers [-- --quick]`: our sync server beside @y/websocket-server and @hocuspocus/server
// on this machine, in rounds that alternate the sides (ours, y-websocket, Hocuspocus, ours, ...).
// Each side runs in its own child process on 127.0.0.1 and is driven by its own stock client from a
// separate load process (load.ts) with the same rooms, clients and edit rate. Per round and side:
// RSS per open doc, convergence latency, updates/s at saturation, server CPU, and what a kill -9
// mid-stream loses. Figures, never assertions. Imported by bench/run.ts (runSyncPeers); prints a table
// and writes bench/results/sync-peers.json when run directly.
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { meetingDocId, newId, roomDocId } from '../../src-shared/ids.js';
import type { TokenPair } from '../../src-shared/sync/api.js';
import { appendUpdates } from '../../server/sync/doc-log.js';
import { claimMeetings } from '../../server/sync/room-projection.js';
import { createRoom, signUp } from '../../server/testing.js';
import { formatSection, machine, summarize, type Section } from '../report.js';
import { pool, stamp } from '../sync-client.js';
import { createBenchDatabase, REDIS_URL, serverEnv, type BenchDatabase } from '../sync-env.js';
import type { PeerKind } from './clients.js';
import { killMidStream } from './durability.js';
import { LoadProcess } from './load-process.js';
import type { ConvergeResult, DocToOpen, OpenResult, SaturateResult } from './load-protocol.js';
import { meetingUpdate } from './meeting-content.js';
import { cpuSince, markCpu, rssBytes, startSide, type CpuMark, type PeerServer } from './peer-servers.js';
import { buildSection, type RoundFigures } from './peers-section.js';

export const SIDES: PeerKind[] = ['ours', 'y-websocket-server', 'hocuspocus'];

export interface PeersConfig {
  rounds: number;
  /**
   * A new server process for each round (full run), or one per side kept across rounds (quick: it
   * saves the start-ups; RSS per doc is then measured in round 1 only, on the fresh process).
   */
  serverPerRound: boolean;
  rooms: number;
  clientsPerRoom: number;
  editPeriodMs: number;
  warmupMs: number;
  measureMs: number;
  drainMs: number;
  saturationWarmupMs: number;
  saturationMs: number;
  /** Edits each room's sender keeps outstanding in the saturation run. */
  inFlight: number;
  rssWarmDocs: number;
  rssDocs: number;
  /** Rounds (1-based) that measure RSS per doc and durability: both are slow and not noise-bound. */
  rssRounds: number[];
  durabilityRounds: number[];
  durabilityEditEveryMs: number;
  durabilityKillAfterMs: number;
  watchdogMs: number;
}

export function peersConfig(quick: boolean): PeersConfig {
  return quick
    ? { rounds: 2, serverPerRound: false, rooms: 10, clientsPerRoom: 10, editPeriodMs: 200, warmupMs: 500, measureMs: 1_500, drainMs: 500, saturationWarmupMs: 300, saturationMs: 1_200, inFlight: 4, rssWarmDocs: 20, rssDocs: 150, rssRounds: [1], durabilityRounds: [2], durabilityEditEveryMs: 5, durabilityKillAfterMs: 600, watchdogMs: 120_000 }
    : { rounds: 3, serverPerRound: true, rooms: 10, clientsPerRoom: 10, editPeriodMs: 200, warmupMs: 2_000, measureMs: 10_000, drainMs: 1_500, saturationWarmupMs: 1_000, saturationMs: 6_000, inFlight: 4, rssWarmDocs: 50, rssDocs: 1_000, rssRounds: [1, 2, 3], durabilityRounds: [1, 2, 3], durabilityEditEveryMs: 5, durabilityKillAfterMs: 2_000, watchdogMs: 12 * 60_000 };
}

const USERS = 10;

interface Fixture {
  database: BenchDatabase;
  env: Record<string, string>;
  /** Per round: its rooms (ours needs them to exist; the peers use the same doc ids). */
  rooms: Array<Array<{ docId: string; token: string }>>;
  durabilityDocs: Array<{ docId: string; token: string }>;
  /** Meeting docs seeded in ours; the peers' clients bring the same content. */
  meetingDocs: Array<{ docId: string; token: string; index: number }>;
}

async function prepare(database: BenchDatabase, config: PeersConfig, log: (line: string) => void, track: (s: PeerServer) => void): Promise<Fixture> {
  const env = serverEnv(database);
  log(`database ${database.name}, Redis prefix ${env.REDIS_PREFIX}`);
  const setup = await startSide('ours', env);
  track(setup);
  try {
    const handle = { url: setup.url, db: database.db };
    const owners: TokenPair[] = await pool(Array.from({ length: USERS }, (_, i) => i), 5, (i) => signUp(handle, `Peer Bench Director ${i + 1}`));
    const roomCount = config.rooms * config.rounds + config.rounds;
    const roomIds = await pool(Array.from({ length: roomCount }, (_, i) => i), 10, async (i) => {
      const owner = owners[i % USERS]!;
      return { id: await createRoom(handle, owner, `Peer bench boardroom ${i + 1}`), owner };
    });
    const asDoc = (r: (typeof roomIds)[number]) => ({ docId: roomDocId(r.id), token: r.owner.accessToken });
    const rooms = Array.from({ length: config.rounds }, (_, round) => roomIds.slice(round * config.rooms, (round + 1) * config.rooms).map(asDoc));
    const durabilityDocs = roomIds.slice(config.rooms * config.rounds).map(asDoc);
    const meetingCount = config.rssWarmDocs + config.rssDocs;
    const meetingDocs = Array.from({ length: meetingCount }, (_, index) => {
      const room = roomIds[index % roomIds.length]!;
      return { roomId: room.id, meetingId: newId(), token: room.owner.accessToken, index };
    });
    for (let start = 0; start < meetingDocs.length; start += 250) {
      await database.db.transaction(async (tx) => {
        for (const m of meetingDocs.slice(start, start + 250)) {
          await claimMeetings(tx, m.roomId, [m.meetingId]);
          await appendUpdates(tx, meetingDocId(m.meetingId), [meetingUpdate(m.index)]);
        }
      });
    }
    log(`${USERS} users, ${roomCount} rooms, ${meetingCount} meeting docs seeded for ours`);
    return { database, env, rooms, durabilityDocs, meetingDocs: meetingDocs.map((m) => ({ docId: meetingDocId(m.meetingId), token: m.token, index: m.index })) };
  } finally {
    await setup.stop();
  }
}

function check(server: PeerServer): void {
  const died = server.died();
  if (died) throw new Error(died);
}

/** RSS per open doc: a warm-up set of docs, then N more, each held open by one client. */
async function rssPerDoc(kind: PeerKind, server: PeerServer, load: LoadProcess, fixture: Fixture, config: PeersConfig): Promise<RoundFigures['rss']> {
  const docs = (list: Fixture['meetingDocs']): DocToOpen[] =>
    list.map((m) => (kind === 'ours' ? { docId: m.docId, token: m.token } : { docId: m.docId, fill: m.index }));
  await load.request<OpenResult>({ type: 'open', group: 'rss-warm', kind, url: server.url, docs: docs(fixture.meetingDocs.slice(0, config.rssWarmDocs)), perDoc: 1, concurrency: 25 }, 60_000);
  await sleep(500);
  const base = rssBytes(server.pid);
  await load.request<OpenResult>({ type: 'open', group: 'rss', kind, url: server.url, docs: docs(fixture.meetingDocs.slice(config.rssWarmDocs)), perDoc: 1, concurrency: 25 }, 120_000);
  await sleep(1_000);
  const after = rssBytes(server.pid);
  check(server);
  await load.request({ type: 'close', group: 'rss' }, 30_000);
  await load.request({ type: 'close', group: 'rss-warm' }, 30_000);
  return { perDocKb: (after - base) / config.rssDocs / 1024, baseMb: base / 2 ** 20 };
}

async function convergeAndSaturate(kind: PeerKind, server: PeerServer, load: LoadProcess, rooms: Fixture['rooms'][number], config: PeersConfig): Promise<Pick<RoundFigures, 'convergence' | 'saturation'>> {
  const opened = await load.request<OpenResult>(
    { type: 'open', group: 'rooms', kind, url: server.url, docs: rooms.map((r) => (kind === 'ours' ? r : { docId: r.docId })), perDoc: config.clientsPerRoom, concurrency: 50 },
    60_000,
  );
  let start: CpuMark | null = null;
  let window: ReturnType<typeof cpuSince> | null = null;
  const onWindow = (edge: 'start' | 'end') => {
    if (edge === 'start') start = markCpu(server.pid);
    else if (start) window = cpuSince(start, markCpu(server.pid));
  };
  const converged = await load.request<ConvergeResult>(
    { type: 'converge', group: 'rooms', periodMs: config.editPeriodMs, warmupMs: config.warmupMs, measureMs: config.measureMs, drainMs: config.drainMs },
    config.warmupMs + config.measureMs + config.drainMs + 30_000,
    onWindow,
  );
  const convergeCpu = window!;
  const rssUnderLoad = rssBytes(server.pid);
  start = null;
  window = null;
  const saturated = await load.request<SaturateResult>(
    { type: 'saturate', group: 'rooms', inFlight: config.inFlight, warmupMs: config.saturationWarmupMs, measureMs: config.saturationMs },
    config.saturationWarmupMs + config.saturationMs + 30_000,
    onWindow,
  );
  const saturateCpu = window!;
  check(server);
  await load.request({ type: 'close', group: 'rooms' }, 30_000);
  const rate = saturated.completed / saturated.seconds;
  return {
    convergence: { ...converged, cpu: convergeCpu, connectMs: opened.ms, rssMb: rssUnderLoad / 2 ** 20 },
    saturation: { ...saturated, perSecond: rate, cpu: saturateCpu, cpuMsPer1k: rate > 0 ? ((saturateCpu.server / 100) * 1000 * 1000) / rate : NaN },
  };
}

/** Deletes the run's Redis keys (cache, rate limits) under its random prefix. */
async function dropRedisKeys(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/**
 * Runs every round and returns the Sync section. Stops by itself (watchdog) or when `signal` aborts;
 * either way its load process, servers, database and Redis keys are gone when it settles.
 */
export async function runSyncPeers(opts: { quick: boolean; log?: (line: string) => void; signal?: AbortSignal }): Promise<Section> {
  const config = peersConfig(opts.quick);
  const began = performance.now();
  const log = opts.log ?? ((line: string) => console.log(`[${((performance.now() - began) / 1000).toFixed(1)} s] ${line}`));
  const servers = new Set<PeerServer>();
  const track = (s: PeerServer) => servers.add(s);
  const load = new LoadProcess(config.watchdogMs + 30_000);
  let database: BenchDatabase | null = null;
  let redisPrefix: string | null = null;
  let watchdog: NodeJS.Timeout | undefined;
  const started = stamp();

  const run = async (): Promise<Section> => {
    database = await createBenchDatabase();
    const fixture = await prepare(database, config, log, track);
    redisPrefix = fixture.env.REDIS_PREFIX!;
    const figures: Record<PeerKind, RoundFigures[]> = { ours: [], 'y-websocket-server': [], hocuspocus: [] };
    const running = new Map<PeerKind, PeerServer>();
    for (let round = 1; round <= config.rounds; round++) {
      for (const kind of SIDES) {
        const figuresOfRound: RoundFigures = {};
        let server = running.get(kind) ?? (await startSide(kind, fixture.env));
        track(server);
        running.set(kind, server);
        let keep = !config.serverPerRound;
        try {
          if (config.rssRounds.includes(round)) figuresOfRound.rss = await rssPerDoc(kind, server, load, fixture, config);
          Object.assign(figuresOfRound, await convergeAndSaturate(kind, server, load, fixture.rooms[round - 1]!, config));
          if (config.durabilityRounds.includes(round)) {
            const target = fixture.durabilityDocs[round - 1]!;
            const env = fixture.env;
            const { result, restarted } = await killMidStream(server, {
              docId: target.docId,
              token: kind === 'ours' ? target.token : undefined,
              editEveryMs: config.durabilityEditEveryMs,
              killAfterMs: config.durabilityKillAfterMs,
              restart: async () => {
                const next = await startSide(kind, env);
                track(next);
                return next;
              },
            });
            servers.delete(server);
            server = restarted;
            figuresOfRound.durability = result;
            keep = false;
          }
        } finally {
          if (!keep) {
            running.delete(kind);
            await server.stop();
            servers.delete(server);
          }
        }
        figures[kind].push(figuresOfRound);
        const c = figuresOfRound.convergence;
        const s = figuresOfRound.saturation;
        log(
          `round ${round} ${kind}: convergence p95 ${c ? summarize(c.samples).p95.toFixed(1) : '-'} ms (${c?.samples.length}/${c?.expected} delivered), server CPU ${c?.cpu.server} %; saturation ${s?.perSecond.toFixed(0)}/s at ${s?.cpu.server} % server CPU` +
            (figuresOfRound.rss ? `; RSS ${figuresOfRound.rss.perDocKb.toFixed(1)} KB/doc` : '') +
            (figuresOfRound.durability ? `; kill -9: ${figuresOfRound.durability.lost} of ${figuresOfRound.durability.sent} sent edits lost` : ''),
        );
      }
    }
    return buildSection(figures, config, { machine: machine(), seconds: (stamp() - started) / 1000 });
  };

  const timeout = new Promise<never>((_, reject) => {
    watchdog = setTimeout(() => reject(new Error(`bench:peers did not finish within ${config.watchdogMs / 1000} s: stopped`)), config.watchdogMs);
    opts.signal?.addEventListener('abort', () => reject(new Error('bench:peers interrupted: stopped')), { once: true });
  });
  try {
    return await Promise.race([run(), timeout]);
  } finally {
    clearTimeout(watchdog);
    await load.stop().catch((e) => log(`stopping the load process: ${e}`));
    await Promise.all([...servers].map((s) => s.stop().catch((e) => log(`stopping ${s.kind}: ${e}`))));
    const db = database as BenchDatabase | null;
    const prefix = redisPrefix as string | null;
    if (db) await db.drop().catch((e) => log(`dropping database ${db.name}: ${e}`));
    if (prefix) await dropRedisKeys(prefix).catch((e) => log(`deleting Redis keys ${prefix}*: ${e}`));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { writeResults } = await import('../report.js');
  const quick = process.argv.includes('--quick');
  const interrupt = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => interrupt.abort());
  let failed = false;
  try {
    const section = await runSyncPeers({ quick, signal: interrupt.signal });
    console.log(`\n${formatSection(section)}`);
    writeResults('sync-peers', section.metrics ?? {});
  } catch (error) {
    failed = true;
    console.error(error);
  }
  process.exit(failed ? 1 : 0);
}
