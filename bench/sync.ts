// `npm run bench:sync [-- --quick]`: the sync server under load, on 127.0.0.1 against a fresh
// PostgreSQL database and Redis. Prints a table and writes bench/results/sync.json. Figures, never
// assertions.
//
// - Convergence: 10 raw y-websocket clients per room (10 rooms = 100 clients, 100 rooms = 1,000),
//   each room gets an edit every ~200 ms from a random one of its clients (a Y.Map set carrying the
//   sender's clock); latency is until each other client of the room applied it. On one server
//   process, and on two (each room's clients alternate between them).
// - Saturation: the 1,000 clients each keep one update in flight (next one on its ack); committed
//   updates per second are the acks received.
// - RSS per open doc: a fresh server loads N meeting docs (~1.6 KB of content each) from Postgres;
//   the growth of its RSS over a warmed-up baseline, divided by N.
import { cpus } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import * as Y from 'yjs';
import { meetingDoc } from '../src-shared/docs/meeting.js';
import { meetingDocId, newId, roomDocId } from '../src-shared/ids.js';
import type { TokenPair } from '../src-shared/sync/api.js';
import { appendUpdates } from '../server/sync/doc-log.js';
import { claimMeetings } from '../server/sync/room-projection.js';
import { createRoom, signUp } from '../server/testing.js';
import { round, summarize, writeResults, type Metric } from './report.js';
import { BenchClient, pool, stamp } from './sync-client.js';
import {
  cpuBetween,
  createBenchDatabase,
  machineLoad,
  sampleCpu,
  serverComplaints,
  serverEnv,
  serverMetrics,
  startBenchServer,
  type BenchDatabase,
  type BenchServer,
} from './sync-env.js';

const quick = process.argv.includes('--quick');
const CLIENTS_PER_ROOM = 10;
const ROOMS = 100;
const USERS = 10;
const EDIT_PERIOD_MS = 200;
const WARMUP_MS = quick ? 1_500 : 3_000;
const MEASURE_MS = quick ? 4_000 : 12_000;
const DRAIN_MS = 1_500;
const SATURATION_WARMUP_MS = quick ? 1_500 : 2_000;
const SATURATION_MS = quick ? 4_000 : 10_000;
const RSS_WARM_DOCS = 50;
const RSS_DOCS = quick ? 500 : 2_000;
const CONNECT_CONCURRENCY = 50;
const WATCHDOG_MS = quick ? 3 * 60_000 : 8 * 60_000;

interface Room {
  id: string;
  owner: TokenPair;
}

const metrics: Record<string, Metric> = {};
const clients = new Set<BenchClient>();
const servers = new Set<BenchServer>();
let database: BenchDatabase | null = null;

const ms = (n: number) => `${n.toFixed(1)} ms`;
const log = (line: string) => console.log(line);

async function closeClients(list: Iterable<BenchClient>): Promise<void> {
  const all = [...list];
  await pool(all, 200, async (c) => {
    await c.close();
    clients.delete(c);
  });
}

async function stopServers(list: Iterable<BenchServer>): Promise<void> {
  const all = [...list];
  await Promise.all(
    all.map(async (s) => {
      for (const line of serverComplaints(s).slice(0, 10)) log(`  server said: ${line.slice(0, 300)}`);
      await s.stop();
      servers.delete(s);
    }),
  );
}

let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  return (cleaning ??= (async () => {
    await closeClients(clients).catch((e) => console.error('closing clients:', e));
    await stopServers(servers).catch((e) => console.error('stopping servers:', e));
    await database?.drop().catch((e) => console.error(`dropping database ${database?.name}:`, e));
  })());
}

async function startServers(count: number, extra: Record<string, string> = {}): Promise<BenchServer[]> {
  const started = await Promise.all(
    Array.from({ length: count }, async () => {
      const s = await startBenchServer({ ...env(), ...extra });
      servers.add(s);
      return s;
    }),
  );
  return started;
}

let sharedEnv: Record<string, string> | null = null;
const env = () => (sharedEnv ??= serverEnv(database!));

function checkServers(list: BenchServer[]): void {
  for (const s of list) if (s.died) throw new Error(s.died);
}

/** Opens `perRoom` clients on each room, alternating between `nodes`; resolves once all synced. */
async function connect(rooms: Room[], perRoom: number, nodes: BenchServer[], apply = true): Promise<BenchClient[][]> {
  const slots = rooms.flatMap((room) => Array.from({ length: perRoom }, (_, j) => ({ room, j })));
  const opened = await pool(slots, CONNECT_CONCURRENCY, async ({ room, j }) => {
    const node = j % nodes.length;
    const client = new BenchClient(nodes[node]!.url, roomDocId(room.id), room.owner.accessToken, { node, apply });
    clients.add(client);
    await client.synced;
    return client;
  });
  return rooms.map((_, r) => opened.slice(r * perRoom, (r + 1) * perRoom));
}

interface ConvergenceResult {
  samples: number[];
  /** Sender's edit until the server's ack for it (committed to Postgres). */
  acks: number[];
  same: number[];
  cross: number[];
  expected: number;
}

async function convergence(allRooms: Room[], clientCount: number, nodeCount: number): Promise<void> {
  const label = `${clientCount.toLocaleString('en-GB')} clients, ${nodeCount} node${nodeCount > 1 ? 's' : ''}`;
  const key = `${clientCount}_clients_${nodeCount === 1 ? '1_node' : `${nodeCount}_nodes`}`;
  const rooms = allRooms.slice(0, clientCount / CLIENTS_PER_ROOM);
  log(`\nconvergence, ${label}: ${rooms.length} rooms x ${CLIENTS_PER_ROOM} clients, an edit per room every ~${EDIT_PERIOD_MS} ms`);
  const nodes = await startServers(nodeCount);
  const before = await Promise.all(nodes.map(serverMetrics));
  let started = performance.now();
  const byRoom = await connect(rooms, CLIENTS_PER_ROOM, nodes);
  log(`  ${clientCount} clients connected and synced in ${ms(performance.now() - started)}`);
  const afterConnect = await Promise.all(nodes.map(serverMetrics));
  if (clientCount === 1000 && nodeCount === 1) {
    const perConnection = (afterConnect[0]!.rssBytes - before[0]!.rssBytes) / clientCount / 1024;
    metrics.rss_per_connection_kb = { value: round(perConnection, 1), unit: 'KB' };
    log(`  server RSS ${(before[0]!.rssBytes / 2 ** 20).toFixed(0)} -> ${(afterConnect[0]!.rssBytes / 2 ** 20).toFixed(0)} MiB with the sockets open (${perConnection.toFixed(1)} KB per connection, its share of ${rooms.length} docs included)`);
  }

  const result: ConvergenceResult = { samples: [], acks: [], same: [], cross: [], expected: 0 };
  let windowStart = Infinity;
  let windowEnd = Infinity;
  const tag = `${key}:`;
  for (const client of byRoom.flat()) {
    const map = client.doc.getMap<[number, number]>('bench');
    map.observe((event, tr) => {
      if (tr.origin !== client) return;
      const now = stamp();
      for (const k of event.keysChanged) {
        const value = map.get(k);
        if (!value || !k.startsWith(tag) || value[0] < windowStart || value[0] >= windowEnd) continue;
        const latency = now - value[0];
        result.samples.push(latency);
        (value[1] === client.node ? result.same : result.cross).push(latency);
      }
    });
  }

  // Sender side: edits waiting for their ack, by the clock they reached (acks carry the server's
  // state vector, so an ack covers every edit up to our clock in it).
  const unacked = new Map<BenchClient, Array<[clock: number, t: number]>>();
  for (const client of byRoom.flat()) {
    const queue: Array<[number, number]> = [];
    unacked.set(client, queue);
    client.onAck = (stateVector) => {
      if (queue.length === 0) return;
      const clock = Y.decodeStateVector(stateVector).get(client.doc.clientID) ?? 0;
      const now = stamp();
      while (queue.length > 0 && queue[0]![0] <= clock) {
        const [, t] = queue.shift()!;
        if (t >= windowStart && t < windowEnd) result.acks.push(now - t);
      }
    };
  }

  // Each room: an edit every ~200 ms (uniform 100-300 ms) from a random one of its clients.
  let running = true;
  const timers = new Set<NodeJS.Timeout>();
  byRoom.forEach((roomClients, r) => {
    let seq = 0;
    const edit = () => {
      if (!running) return;
      const sender = roomClients[Math.floor(Math.random() * roomClients.length)]!;
      const t = stamp();
      sender.doc.getMap('bench').set(`${tag}${r}:${seq++}`, [t, sender.node]);
      unacked.get(sender)!.push([Y.getState(sender.doc.store, sender.doc.clientID), t]);
      if (t >= windowStart && t < windowEnd) result.expected += roomClients.filter((c) => c !== sender && c.isOpen).length;
      schedule(EDIT_PERIOD_MS * (0.5 + Math.random()));
    };
    const schedule = (delay: number) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        edit();
      }, delay);
      timers.add(timer);
    };
    schedule(Math.random() * EDIT_PERIOD_MS);
  });

  await sleep(WARMUP_MS);
  checkServers(nodes);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const cpuStart = sampleCpu(nodes);
  const statsStart = await Promise.all(nodes.map(serverMetrics));
  windowStart = stamp();
  windowEnd = windowStart + MEASURE_MS;
  await sleep(MEASURE_MS);
  const cpu = cpuBetween(cpuStart, sampleCpu(nodes));
  loop.disable();
  const statsEnd = await Promise.all(nodes.map(serverMetrics));
  running = false;
  for (const timer of timers) clearTimeout(timer);
  await sleep(DRAIN_MS);
  checkServers(nodes);

  const all = summarize(result.samples);
  const dropped = [...byRoom.flat()].filter((c) => !c.isOpen);
  metrics[`convergence_p50_ms_${key}`] = { value: round(all.p50), unit: 'ms' };
  metrics[`convergence_p95_ms_${key}`] = { value: round(all.p95), unit: 'ms', ...(key === '1000_clients_1_node' ? { goal: '< 20' } : {}) };
  metrics[`convergence_p99_ms_${key}`] = { value: round(all.p99), unit: 'ms' };
  const persisted = statsEnd.reduce((n, s, i) => n + s.updatesPersisted - statsStart[i]!.updatesPersisted, 0);
  const transactions = statsEnd.reduce((n, s, i) => n + s.writeTransactions - statsStart[i]!.writeTransactions, 0);
  log(`  ${result.samples.length} deliveries measured over ${MEASURE_MS / 1000} s (${result.expected - result.samples.length} of ${result.expected} not applied ${DRAIN_MS} ms after the last edit)`);
  log(`  p50 ${ms(all.p50)}, p95 ${ms(all.p95)}, p99 ${ms(all.p99)}, max ${ms(all.max)}`);
  const acked = summarize(result.acks);
  log(`  the sender's ack (committed to Postgres): p50 ${ms(acked.p50)}, p95 ${ms(acked.p95)}, p99 ${ms(acked.p99)} (${result.acks.length})`);
  if (nodeCount > 1) {
    const same = summarize(result.same);
    const cross = summarize(result.cross);
    log(`  sender and receiver on the same process: p50 ${ms(same.p50)}, p95 ${ms(same.p95)} (${result.same.length}); across processes (Redis doorbell, Postgres read): p50 ${ms(cross.p50)}, p95 ${ms(cross.p95)} (${result.cross.length})`);
  }
  log(`  server: ${persisted} updates in ${transactions} write transactions (${(persisted / (MEASURE_MS / 1000)).toFixed(0)}/s); bench event loop delay p99 ${ms(loop.percentile(99) / 1e6)}`);
  log(`  CPU during the window (% of one core, ${cpus().length * 100} % available): ${Object.entries(cpu).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (dropped.length) log(`  ${dropped.length} clients were closed during the run: ${JSON.stringify(dropped[0]!.closed)}`);
  const denied = byRoom.flat().find((c) => c.denials.length);
  if (denied) log(`  a write was refused: ${denied.denials[0]}`);

  started = performance.now();
  await closeClients(byRoom.flat());
  await stopServers(nodes);
  log(`  closed in ${ms(performance.now() - started)}`);
}

async function saturation(allRooms: Room[]): Promise<void> {
  const rooms = allRooms.slice(0, ROOMS);
  const total = rooms.length * CLIENTS_PER_ROOM;
  log(`\nsaturation, 1 node: ${total} clients on ${rooms.length} rooms, each keeping one update in flight (next on its ack)`);
  const [node] = await startServers(1);
  const byRoom = await connect(rooms, CLIENTS_PER_ROOM, [node!], false);
  const all = byRoom.flat();
  let running = true;
  all.forEach((client, i) => {
    let n = 0;
    const map = client.doc.getMap('bench');
    const send = () => map.set(`saturation:${i}`, n++);
    client.onAck = () => {
      if (running) send();
    };
    send();
  });
  await sleep(SATURATION_WARMUP_MS);
  checkServers([node!]);
  const acks = () => all.reduce((n, c) => n + c.acks, 0);
  const cpuStart = sampleCpu([node!]);
  const statsStart = await serverMetrics(node!);
  const acksStart = acks();
  const started = performance.now();
  await sleep(SATURATION_MS);
  const acked = acks() - acksStart;
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuBetween(cpuStart, sampleCpu([node!]));
  const statsEnd = await serverMetrics(node!);
  running = false;
  await sleep(500);
  checkServers([node!]);
  const rate = acked / seconds;
  metrics.updates_per_s_saturation = { value: round(rate, 0), unit: 'updates/s' };
  const transactions = statsEnd.writeTransactions - statsStart.writeTransactions;
  const persisted = statsEnd.updatesPersisted - statsStart.updatesPersisted;
  log(`  ${acked} updates acked in ${seconds.toFixed(1)} s: ${rate.toFixed(0)}/s; ${persisted} persisted in ${transactions} transactions (${(persisted / Math.max(1, transactions)).toFixed(1)} per commit), ${statsEnd.compactions - statsStart.compactions} compactions`);
  log(`  CPU during the window (% of one core, ${cpus().length * 100} % available): ${Object.entries(cpu).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const dropped = all.filter((c) => !c.isOpen);
  if (dropped.length) log(`  ${dropped.length} clients were closed during the run: ${JSON.stringify(dropped[0]!.closed)}`);
  await closeClients(all);
  await stopServers([node!]);
}

/** One meeting doc's content: meta, six agenda items, a page of minutes, three actions. */
function meetingContent(index: number): Uint8Array {
  const doc = new Y.Doc();
  const meeting = meetingDoc(doc);
  doc.transact(() => {
    meeting.meta.set('title', `Board meeting ${index}`);
    meeting.meta.set('scheduledAt', Date.UTC(2027, 0, 1) + index * 86_400_000);
    for (let i = 0; i < 6; i++) {
      const item = new Y.Map<unknown>();
      meeting.agenda.set(`item-${i}`, item);
      item.set('title', `Agenda item ${i + 1}: review of the quarter's figures`);
      item.set('rank', i + 1);
      item.set('durationMinutes', 15);
    }
    meeting.minutes.insert(0, 'The chair opened the meeting and confirmed a quorum. '.repeat(12));
    for (let i = 0; i < 3; i++) {
      const action = new Y.Map<unknown>();
      meeting.actions.set(`action-${i}`, action);
      action.set('title', `Follow up on item ${i + 1}`);
      action.set('done', false);
    }
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

async function rssPerDoc(allRooms: Room[]): Promise<void> {
  const count = RSS_WARM_DOCS + RSS_DOCS;
  log(`\nRSS per open doc: seeding ${count} meeting docs in Postgres, then loading ${RSS_DOCS} on a fresh server`);
  const docs = Array.from({ length: count }, (_, i) => ({ room: allRooms[i % allRooms.length]!, meetingId: newId(), index: i }));
  let bytes = 0;
  for (let start = 0; start < docs.length; start += 250) {
    const batch = docs.slice(start, start + 250);
    await database!.db.transaction(async (tx) => {
      for (const d of batch) {
        const update = meetingContent(d.index);
        bytes += update.byteLength;
        await claimMeetings(tx, d.room.id, [d.meetingId]);
        await appendUpdates(tx, meetingDocId(d.meetingId), [update]);
      }
    });
  }
  const [node] = await startServers(1, { DOC_IDLE_UNLOAD_MS: String(3_600_000) });
  // Each doc: connect, sync, close; the doc stays loaded (idle unload is an hour away).
  const load = (list: typeof docs) =>
    pool(list, 25, async (d) => {
      const client = new BenchClient(node!.url, meetingDocId(d.meetingId), d.room.owner.accessToken);
      clients.add(client);
      await client.synced;
      await client.close();
      clients.delete(client);
    });
  await load(docs.slice(0, RSS_WARM_DOCS));
  await sleep(1_000);
  const base = await serverMetrics(node!);
  await load(docs.slice(RSS_WARM_DOCS));
  await sleep(2_000);
  const after = await serverMetrics(node!);
  checkServers([node!]);
  const loaded = after.loadedDocs - base.loadedDocs;
  const perDoc = (after.rssBytes - base.rssBytes) / Math.max(1, loaded) / 1024;
  metrics.rss_per_doc_kb = { value: round(perDoc, 1), unit: 'KB' };
  log(`  docs of ${(bytes / count / 1024).toFixed(1)} KB stored each; RSS ${(base.rssBytes / 2 ** 20).toFixed(1)} MiB with ${base.loadedDocs} docs -> ${(after.rssBytes / 2 ** 20).toFixed(1)} MiB with ${after.loadedDocs}: ${perDoc.toFixed(1)} KB per doc`);
  await stopServers([node!]);
}

async function main(): Promise<void> {
  log(`bench:sync${quick ? ' --quick' : ''}: everything on this machine (${cpus().length} cores): the bench's clients, the server process(es), PostgreSQL and Redis compete for the same CPUs, so latencies include queueing behind the clients' own work.`);
  const idle = await machineLoad();
  log(`before starting, the machine was ${idle} % busy (of ${cpus().length * 100} %)${idle > 20 ? ': something else is running, and these figures will show it' : ''}`);
  database = await createBenchDatabase();
  log(`database ${database.name}, Redis prefix ${env().REDIS_PREFIX}`);
  const [setup] = await startServers(1);
  const handle = { url: setup!.url, db: database.db };
  const owners = await pool(Array.from({ length: USERS }, (_, i) => i), 5, (i) => signUp(handle, `Bench Director ${i + 1}`));
  const rooms = await pool(Array.from({ length: ROOMS }, (_, i) => i), 10, async (i) => {
    const owner = owners[i % USERS]!;
    return { id: await createRoom(handle, owner, `Bench boardroom ${i + 1}`), owner };
  });
  await stopServers([setup!]);
  log(`${USERS} users own ${ROOMS} rooms (${ROOMS / USERS} each); every client of a room uses its owner's access token`);

  await convergence(rooms, 100, 1);
  await convergence(rooms, 1000, 1);
  await convergence(rooms, 100, 2);
  await convergence(rooms, 1000, 2);
  await saturation(rooms);
  await rssPerDoc(rooms);
  writeResults('sync', metrics);
  log(`${cpus().length} cores shared by the clients, the servers, PostgreSQL and Redis: compare runs on the same machine only.`);
}

const watchdog = setTimeout(() => {
  console.error(`bench:sync did not finish within ${WATCHDOG_MS / 60_000} minutes: stopping`);
  void cleanup().finally(() => process.exit(1));
}, WATCHDOG_MS);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`${signal}: closing clients, stopping servers, dropping the database`);
    void cleanup().finally(() => process.exit(130));
  });
}

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await cleanup();
  clearTimeout(watchdog);
}
process.exit(failed ? 1 : 0);
