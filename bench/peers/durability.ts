// Durability after kill -9: a client edits a doc every few milliseconds; mid-stream the server is
// killed with SIGKILL and the client is stopped in the same tick (so nothing it made after the kill
// counts as sent, and it cannot re-send on reconnect); a new server process starts on the same
// storage, and a fresh client counts which of the sent edits it still sees. Runs in the orchestrator,
// whose timers decide the moment of the kill.
import { setTimeout as sleep } from 'node:timers/promises';
import * as Y from 'yjs';
import { openClient } from './clients.js';
import type { PeerServer } from './peer-servers.js';

export interface DurabilityResult {
  sent: number;
  /** Edits the server acknowledged as committed before the kill (ours only; -1 for the peers). */
  acked: number;
  /** Of the sent edits, those a fresh client sees after the restart. */
  seen: number;
  lost: number;
  /** Acked edits the fresh client does not see (a broken promise, unlike a lost unacked edit). */
  lostAcked: number;
}

export interface DurabilityOptions {
  docId: string;
  token?: string;
  editEveryMs: number;
  killAfterMs: number;
  /** Starts the side again on the same storage (ours: the same database; the peers: nothing kept). */
  restart(): Promise<PeerServer>;
}

export async function killMidStream(server: PeerServer, options: DurabilityOptions): Promise<{ result: DurabilityResult; restarted: PeerServer }> {
  const sender = openClient(server.kind, server.url, options.docId, options.token);
  await sender.synced;
  const map = sender.doc.getMap<number>('bench');
  // The sender's clock after each edit: an ack covers every edit whose clock it reached.
  const clocks: number[] = [];
  const timer = setInterval(() => {
    map.set(`d:${clocks.length}`, clocks.length);
    clocks.push(Y.getState(sender.doc.store, sender.doc.clientID));
  }, options.editEveryMs);
  await sleep(options.killAfterMs);
  clearInterval(timer);
  const killed = server.kill9();
  const ackedClock = sender.ackedClock();
  sender.destroy();
  await killed;
  const sent = clocks.length;
  const acked = ackedClock < 0 ? -1 : clocks.filter((c) => c <= ackedClock).length;

  const restarted = await options.restart();
  const reader = openClient(restarted.kind, restarted.url, options.docId, options.token);
  try {
    await reader.synced;
    const seenKeys = reader.doc.getMap<number>('bench');
    let seen = 0;
    let lostAcked = 0;
    for (let i = 0; i < sent; i++) {
      if (seenKeys.has(`d:${i}`)) seen += 1;
      else if (acked >= 0 && i < acked) lostAcked += 1;
    }
    return { result: { sent, acked, seen, lost: sent - seen, lostAcked }, restarted };
  } finally {
    reader.destroy();
  }
}
