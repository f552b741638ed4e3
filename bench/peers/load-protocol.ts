// Messages between bench/peers/sync-peers.ts and its load process (bench/peers/load.ts), over the
// child's IPC channel. Every command gets one reply with the same id; `window` events mark the
// measured window so the orchestrator samples server CPU at its edges.
import type { PeerKind } from './clients.js';

export interface DocToOpen {
  docId: string;
  token?: string;
  /** Fill the doc with meeting content #n before connecting (the peers learn it from the client). */
  fill?: number;
}

export type LoadCommand =
  | { id: number; type: 'open'; group: string; kind: PeerKind; url: string; docs: DocToOpen[]; perDoc: number; concurrency: number }
  | { id: number; type: 'converge'; group: string; periodMs: number; warmupMs: number; measureMs: number; drainMs: number }
  | { id: number; type: 'saturate'; group: string; inFlight: number; warmupMs: number; measureMs: number }
  | { id: number; type: 'close'; group: string };

export interface OpenResult {
  clients: number;
  ms: number;
}

export interface ConvergeResult {
  /** Edit to applied, one sample per receiving client, for edits made inside the window. */
  samples: number[];
  /** Deliveries the window's edits called for (receivers per edit, summed). */
  expected: number;
  edits: number;
  /** CPU the load process used in the window, % of one core. */
  loadCpu: number;
}

export interface SaturateResult {
  /** Edits applied by every other client of their room inside the window. */
  completed: number;
  deliveries: number;
  seconds: number;
  loadCpu: number;
}

export type LoadReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string }
  | { type: 'window'; id: number; edge: 'start' | 'end' };
