// The sync-peers figures of every round as one Section: each metric's median over rounds, ours ÷
// each peer, the spread, and the notes a reader needs to weigh them (persistence, load, machine).
import { compareRow, median, round, summarize, type Metric, type Section, type SectionRow } from '../report.js';
import { PEER_LABEL, type PeerKind } from './clients.js';
import type { DurabilityResult } from './durability.js';
import type { ConvergeResult, SaturateResult } from './load-protocol.js';
import type { PeersConfig } from './sync-peers.js';

interface WindowCpu {
  server: number;
  postgres: number;
  redis: number;
  seconds: number;
}

export interface RoundFigures {
  rss?: { perDocKb: number; baseMb: number };
  convergence?: ConvergeResult & { cpu: WindowCpu; connectMs: number; rssMb: number };
  saturation?: SaturateResult & { perSecond: number; cpu: WindowCpu; cpuMsPer1k: number };
  durability?: DurabilityResult;
}

const PEERS: Array<Exclude<PeerKind, 'ours'>> = ['y-websocket-server', 'hocuspocus'];
const KEY: Record<PeerKind, string> = { ours: 'ours', 'y-websocket-server': 'y_websocket_server', hocuspocus: 'hocuspocus' };

interface Measure {
  metric: string;
  key: string;
  unit: string;
  /** Unit in the results file's metric key (snake case, last). */
  keyUnit: string;
  of(figures: RoundFigures): number | undefined;
  goal?: string;
}

function measures(config: PeersConfig): Measure[] {
  const clients = config.rooms * config.clientsPerRoom;
  const load = `${clients} clients in ${config.rooms} rooms, ${Math.round((1000 / config.editPeriodMs) * config.rooms)} edits/s`;
  const latency = (p: 'p50' | 'p95' | 'p99'): Measure => ({
    metric: `convergence ${p}, ${load} (lower is better)`,
    key: `convergence_${p}`,
    unit: 'ms',
    keyUnit: 'ms',
    of: (f) => (f.convergence ? summarize(f.convergence.samples)[p] : undefined),
    ...(p === 'p95' ? { goal: '< 20 ms at 1,000 clients (ours); < 50 ms (seed)' } : {}),
  });
  return [
    latency('p50'),
    latency('p95'),
    latency('p99'),
    {
      metric: `updates/s at saturation, applied by all ${config.clientsPerRoom - 1} other clients of the room (higher is better)`,
      key: 'updates_saturation',
      unit: '/s',
      keyUnit: 'per_s',
      of: (f) => f.saturation?.perSecond,
    },
    {
      metric: `server process CPU at the convergence load, % of one core (lower is better)`,
      key: 'server_cpu_convergence',
      unit: '%',
      keyUnit: 'pct',
      of: (f) => f.convergence?.cpu.server,
    },
    {
      metric: `server CPU incl. its storage (ours: + PostgreSQL + Redis), convergence load, % of one core`,
      key: 'server_storage_cpu_convergence',
      unit: '%',
      keyUnit: 'pct',
      of: (f) => (f.convergence ? f.convergence.cpu.server + f.convergence.cpu.postgres + f.convergence.cpu.redis : undefined),
    },
    {
      metric: 'server process CPU per 1,000 updates at saturation (lower is better)',
      key: 'server_cpu_per_1k_updates',
      unit: 'ms',
      keyUnit: 'ms',
      of: (f) => f.saturation?.cpuMsPer1k,
    },
    {
      metric: `server RSS per open doc (~1.6 KB meeting doc, one client each; lower is better)`,
      key: 'rss_per_doc',
      unit: 'KB',
      keyUnit: 'kb',
      of: (f) => f.rss?.perDocKb,
    },
  ];
}

const values = (rounds: RoundFigures[], m: Measure): number[] => rounds.map((f) => m.of(f)).filter((v): v is number => v !== undefined);

function durabilityText(rounds: RoundFigures[]): { text: string; lost: number; sent: number; lostAcked: number; acked: number } | null {
  const runs = rounds.map((f) => f.durability).filter((d): d is DurabilityResult => !!d);
  if (runs.length === 0) return null;
  const sum = (pick: (d: DurabilityResult) => number) => runs.reduce((n, d) => n + pick(d), 0);
  const sent = sum((d) => d.sent);
  const lost = sum((d) => d.lost);
  const acked = runs.every((d) => d.acked >= 0) ? sum((d) => d.acked) : -1;
  const lostAcked = sum((d) => d.lostAcked);
  const text = `${lost} of ${sent} sent lost` + (acked >= 0 ? `; ${lostAcked} of ${acked} acked lost` : '');
  return { text, lost, sent, lostAcked, acked };
}

export function buildSection(figures: Record<PeerKind, RoundFigures[]>, config: PeersConfig, meta: { machine: string; seconds: number }): Section {
  const rows: SectionRow[] = [];
  const metrics: Record<string, Metric> = {};
  for (const m of measures(config)) {
    const ours = values(figures.ours, m);
    if (ours.length === 0) continue;
    for (const peer of PEERS) rows.push(compareRow(m.metric, m.unit, ours, PEER_LABEL[peer], values(figures[peer], m), m.goal));
    for (const side of ['ours', ...PEERS] as PeerKind[]) {
      const v = median(values(figures[side], m));
      if (Number.isFinite(v)) metrics[`${m.key}_${KEY[side]}_${m.keyUnit}`] = { value: round(v, 2), unit: m.unit, ...(side === 'ours' && m.goal ? { goal: m.goal } : {}) };
    }
  }
  const ourDurability = durabilityText(figures.ours);
  if (ourDurability) {
    for (const peer of PEERS) {
      const theirs = durabilityText(figures[peer]);
      rows.push({
        metric: `edits lost after kill -9 mid-stream (${Math.round(1000 / config.durabilityEditEveryMs)} edits/s), seen by a fresh client after restart`,
        ours: ourDurability.text,
        peer: `${PEER_LABEL[peer]} (in memory, its default)`,
        peerValue: theirs?.text ?? 'not run',
      });
    }
    for (const side of ['ours', ...PEERS] as PeerKind[]) {
      const d = durabilityText(figures[side]);
      if (d) metrics[`kill9_lost_edits_${KEY[side]}_count`] = { value: d.lost, unit: `of ${d.sent} sent` };
    }
    metrics.kill9_lost_acked_edits_ours_count = { value: ourDurability.lostAcked, unit: `of ${ourDurability.acked} acked`, goal: '0' };
  }
  const undelivered = (['ours', ...PEERS] as PeerKind[])
    .map((side) => {
      const c = figures[side].map((f) => f.convergence).filter((x) => !!x);
      const missing = c.reduce((n, x) => n + x.expected - x.samples.length, 0);
      return missing > 0 ? `${PEER_LABEL[side]}: ${missing} of ${c.reduce((n, x) => n + x.expected, 0)} deliveries not applied ${config.drainMs} ms after the last edit` : null;
    })
    .filter((line): line is string => !!line);
  const loadCpu = median(Object.values(figures).flat().map((f) => f.convergence?.loadCpu ?? NaN));
  const ourStorage = figures.ours.map((f) => f.convergence?.cpu).filter((x): x is WindowCpu => !!x);
  const rssBase = (side: PeerKind) => median(figures[side].map((f) => f.rss?.baseMb ?? NaN));
  const notes = [
    `${config.rounds} rounds alternating the sides (ours, @y/websocket-server, Hocuspocus, then again); each cell is the median over rounds, the ratio is ours ÷ peer on the medians, the spread is min–max over rounds. RSS per doc was measured in round${config.rssRounds.length > 1 ? 's' : ''} ${config.rssRounds.join(', ')}, kill -9 in round${config.durabilityRounds.length > 1 ? 's' : ''} ${config.durabilityRounds.join(', ')}.`,
    `Each side is its own server process on 127.0.0.1 (${config.serverPerRound ? 'a new one each round' : 'one per side, kept across rounds'}), driven by its own stock client from one load process: y-websocket's WebsocketProvider for ours (with acks requested) and for @y/websocket-server, HocuspocusProvider (one socket per client) for Hocuspocus. Same ${config.rooms} rooms x ${config.clientsPerRoom} clients; an edit per room every ~${config.editPeriodMs} ms (uniform ${config.editPeriodMs / 2}-${(config.editPeriodMs * 3) / 2} ms) from a random client of the room, a Y.Map set carrying the sender's clock; latency runs until each other client of the room applied it; ${config.warmupMs / 1000} s warm-up, ${config.measureMs / 1000} s measured.`,
    `Saturation: per room, one client keeps ${config.inFlight} edits outstanding; an edit completes when all ${config.clientsPerRoom - 1} other clients of the room applied it, and its completion sends the next (no side's acks are used, so all three meet the same end-to-end measure).`,
    `Persistence, each at its documented default: ours commits every update to PostgreSQL before it broadcasts or acks it; @y/websocket-server keeps documents in memory unless YPERSISTENCE names a LevelDB directory (not set here); @hocuspocus/server keeps them in memory unless a persistence extension (e.g. @hocuspocus/extension-database) is configured (none here). So a kill -9 loses every edit on the peers, by design, and their latency and CPU carry no storage cost.`,
    `Ours also used PostgreSQL ${median(ourStorage.map((c) => c.postgres))} % and Redis ${median(ourStorage.map((c) => c.redis))} % of a core at the convergence load (every postgres process on the machine is counted, so others' work on it shows here too). Idle server RSS before the docs opened: ours ${rssBase('ours').toFixed(0)} MiB, @y/websocket-server ${rssBase('y-websocket-server').toFixed(0)} MiB, Hocuspocus ${rssBase('hocuspocus').toFixed(0)} MiB (the peers run under tsx like ours).`,
    `${meta.machine}: the load process (${Number.isFinite(loadCpu) ? `${loadCpu} %` : 'n/a'} of a core at the convergence load), the server, PostgreSQL and Redis share these cores; compare runs on the same machine only. This area took ${Math.round(meta.seconds)} s.`,
    `At saturation (median % of one core): ${(['ours', ...PEERS] as PeerKind[])
      .map((side) => `${PEER_LABEL[side]} server ${median(figures[side].map((f) => f.saturation?.cpu.server ?? NaN))}, load process ${median(figures[side].map((f) => f.saturation?.loadCpu ?? NaN))}`)
      .join('; ')}. The load process applies every update once per receiving client (9x the server's work) on one core: a side whose server stays well under 100 % was held back by the clients, and its figure is a floor, not its ceiling.`,
    ...undelivered,
  ];
  return { title: 'Sync: ours vs @y/websocket-server and @hocuspocus/server', rows, notes, metrics };
}
