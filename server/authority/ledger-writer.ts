// The only writer of `ledger:` docs: inside the caller's transaction, under the doc's lock, it
// rebuilds the ledger from the log, applies the change and appends the resulting update. The caller
// commits, then rings `DocHub.committedElsewhere` so live copies read it back from the log.
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { ledgerDocId } from '../../src-shared/ids.js';
import type { Queryable } from '../db/database.js';
import { appendUpdates, loadDoc, lockDoc } from '../sync/doc-log.js';

/**
 * One Yjs client id per room's authority, on every server process. Safe because writes to a ledger
 * are serialised by its lock and each starts from the whole log, so clocks never collide; and a
 * fixed id keeps the ledger's state vector from growing by one entry per command.
 */
export function authorityClientId(roomId: string): number {
  return createHash('sha256').update(`authority:${roomId}`).digest().readUInt32BE(0);
}

export interface LedgerWrite {
  docId: string;
  /** null when the change turned out to change nothing. */
  seq: number | null;
}

export async function writeLedger(tx: Queryable, roomId: string, change: (doc: Y.Doc) => void): Promise<LedgerWrite> {
  const docId = ledgerDocId(roomId);
  await lockDoc(tx, docId);
  const { doc } = await loadDoc(tx, docId);
  try {
    doc.clientID = authorityClientId(roomId);
    let update: Uint8Array | null = null;
    doc.on('update', (u: Uint8Array) => {
      update = update ? Y.mergeUpdates([update, u]) : u;
    });
    doc.transact(() => change(doc), 'authority');
    if (!update) return { docId, seq: null };
    const [seq] = await appendUpdates(tx, docId, [update]);
    return { docId, seq: seq! };
  } finally {
    doc.destroy();
  }
}
