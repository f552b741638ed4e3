// The load process of bench/peers/sync-peers.ts: the clients of every side run here, away from the
// orchestrator, so its timers (windows, CPU samples, kill -9) stay on time. It takes commands over
// IPC (load-protocol.ts) and ends when its parent goes away or after LOAD_MAX_MS.
import { setTimeout as sleep } from 'node:timers/promises';
import * as Y from 'yjs';
import { pool, stamp } from '../sync-client.js';
import { openClient, type PeerClient } from './clients.js';
import type { ConvergeResult, LoadCommand, LoadReply, OpenResult, SaturateResult } from './load-protocol.js';
import { fillMeeting } from './meeting-content.js';

/** Groups of clients by name; each group is a list of rooms, each room a list of clients. */
const groups = new Map<string, PeerClient[][]>();
let runs = 0;

const send = (message: LoadReply) => process.send?.(message);

function cpuPercent(since: NodeJS.CpuUsage, ms: number): number {
  const used = process.cpuUsage(since);
  return Math.round(((used.user + used.system) / 1000 / ms) * 100);
}

async function open(command: Extract<LoadCommand, { type: 'open' }>): Promise<OpenResult> {
  const started = performance.now();
  const slots = command.docs.flatMap((doc) => Array.from({ length: command.perDoc }, () => doc));
  const rooms: PeerClient[][] = command.docs.map(() => []);
  groups.set(command.group, rooms);
  await pool(slots, command.concurrency, async (target, i) => {
    const doc = new Y.Doc();
    if (target.fill !== undefined) fillMeeting(doc, target.fill);
    const client = openClient(command.kind, command.url, target.docId, target.token, doc);
    rooms[Math.floor(i / command.perDoc)]!.push(client);
    await client.synced;
  });
  return { clients: slots.length, ms: Math.round(performance.now() - started) };
}

function roomsOf(group: string): PeerClient[][] {
  const rooms = groups.get(group);
  if (!rooms) throw new Error(`no open group ${group}`);
  return rooms;
}

/** An edit per room every ~periodMs (uniform 0.5-1.5x) from a random client of the room. */
async function converge(command: Extract<LoadCommand, { type: 'converge' }>): Promise<ConvergeResult> {
  const rooms = roomsOf(command.group);
  const tag = `c${++runs}:`;
  const result: ConvergeResult = { samples: [], expected: 0, edits: 0, loadCpu: 0 };
  let windowStart = Infinity;
  let windowEnd = Infinity;
  const unobserve: Array<() => void> = [];
  for (const client of rooms.flat()) {
    const map = client.doc.getMap<number>('bench');
    const observer = (event: Y.YMapEvent<number>, tr: Y.Transaction) => {
      if (tr.local) return;
      const now = stamp();
      for (const key of event.keysChanged) {
        const t = map.get(key);
        if (t === undefined || !key.startsWith(tag) || t < windowStart || t >= windowEnd) continue;
        result.samples.push(now - t);
      }
    };
    map.observe(observer);
    unobserve.push(() => map.unobserve(observer));
  }
  let running = true;
  const timers = new Set<NodeJS.Timeout>();
  rooms.forEach((clients, r) => {
    let seq = 0;
    const schedule = (delay: number) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!running) return;
        const sender = clients[Math.floor(Math.random() * clients.length)]!;
        const t = stamp();
        sender.doc.getMap<number>('bench').set(`${tag}${r}:${seq++}`, t);
        if (t >= windowStart && t < windowEnd) {
          result.edits += 1;
          result.expected += clients.length - 1;
        }
        schedule(command.periodMs * (0.5 + Math.random()));
      }, delay);
      timers.add(timer);
    };
    schedule(Math.random() * command.periodMs);
  });
  await sleep(command.warmupMs);
  send({ type: 'window', id: command.id, edge: 'start' });
  const cpu = process.cpuUsage();
  windowStart = stamp();
  windowEnd = windowStart + command.measureMs;
  await sleep(command.measureMs);
  send({ type: 'window', id: command.id, edge: 'end' });
  result.loadCpu = cpuPercent(cpu, command.measureMs);
  running = false;
  for (const timer of timers) clearTimeout(timer);
  await sleep(command.drainMs);
  for (const stop of unobserve) stop();
  return result;
}

/**
 * Per room, its first client keeps `inFlight` edits outstanding; an edit completes when every other
 * client of the room applied it, and its completion sends the next. No side acks (the peers have no
 * acks), so all three are held to the same end-to-end measure.
 */
async function saturate(command: Extract<LoadCommand, { type: 'saturate' }>): Promise<SaturateResult> {
  const rooms = roomsOf(command.group);
  const tag = `s${++runs}:`;
  let running = true;
  let counting = false;
  let completed = 0;
  let deliveries = 0;
  const unobserve: Array<() => void> = [];
  rooms.forEach((clients, r) => {
    const [sender, ...receivers] = clients;
    if (!sender || receivers.length === 0) return;
    const waiting = new Map<string, number>();
    let seq = 0;
    const next = () => {
      if (!running) return;
      const key = `${tag}${r}:${seq++}`;
      waiting.set(key, receivers.length);
      sender.doc.getMap<number>('bench').set(key, seq);
    };
    for (const receiver of receivers) {
      const map = receiver.doc.getMap<number>('bench');
      const observer = (event: Y.YMapEvent<number>, tr: Y.Transaction) => {
        if (tr.local) return;
        for (const key of event.keysChanged) {
          const left = waiting.get(key);
          if (left === undefined) continue;
          if (counting) deliveries += 1;
          if (left > 1) waiting.set(key, left - 1);
          else {
            waiting.delete(key);
            if (counting) completed += 1;
            next();
          }
        }
      };
      map.observe(observer);
      unobserve.push(() => map.unobserve(observer));
    }
    for (let i = 0; i < command.inFlight; i++) next();
  });
  await sleep(command.warmupMs);
  send({ type: 'window', id: command.id, edge: 'start' });
  const cpu = process.cpuUsage();
  const started = performance.now();
  counting = true;
  await sleep(command.measureMs);
  counting = false;
  const seconds = (performance.now() - started) / 1000;
  send({ type: 'window', id: command.id, edge: 'end' });
  running = false;
  const loadCpu = cpuPercent(cpu, seconds * 1000);
  await sleep(300);
  for (const stop of unobserve) stop();
  return { completed, deliveries, seconds, loadCpu };
}

async function close(group: string): Promise<void> {
  for (const client of groups.get(group)?.flat() ?? []) client.destroy();
  groups.delete(group);
  await sleep(200);
}

async function handle(command: LoadCommand): Promise<unknown> {
  switch (command.type) {
    case 'open':
      return open(command);
    case 'converge':
      return converge(command);
    case 'saturate':
      return saturate(command);
    case 'close':
      return close(command.group);
  }
}

process.on('message', (command: LoadCommand) => {
  handle(command).then(
    (result) => send({ id: command.id, ok: true, result: result ?? null }),
    (error: unknown) => send({ id: command.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
// Ends with its parent.
process.on('disconnect', () => process.exit(0));
setTimeout(() => {
  console.error(`bench/peers/load.ts: still running after ${process.env.LOAD_MAX_MS} ms: exiting`);
  process.exit(1);
}, Number(process.env.LOAD_MAX_MS ?? 600_000)).unref();
