// Small helpers for what crosses a sync socket.
import * as Y from 'yjs';

/** Close reasons are capped at 123 bytes by the WebSocket protocol: cut on a character boundary. */
export function closeReason(reason: string): string {
  const bytes = new TextEncoder().encode(reason);
  if (bytes.byteLength <= 123) return reason;
  let cut = reason.slice(0, 120);
  while (new TextEncoder().encode(cut + '...').byteLength > 123) cut = cut.slice(0, -1);
  return cut + '...';
}

/**
 * Whether an update (already diffed against the doc's state vector) adds nothing: no new structs,
 * and every deletion it carries is already a deletion in the doc. Looks up only the structs the
 * deletions name (a binary search per range), so a delete keystroke costs nothing like a doc scan.
 */
export function isEmptyUpdate(update: Uint8Array, doc: Y.Doc): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  if (structs.length > 0) return false;
  for (const [client, ranges] of ds.clients) {
    const known = doc.store.clients.get(client);
    if (!known) return false;
    for (const range of ranges) {
      const end = range.clock + range.len;
      if (end > Y.getState(doc.store, client)) return false;
      for (let i = Y.findIndexSS(known, range.clock); i < known.length && known[i]!.id.clock < end; i++) {
        if (!known[i]!.deleted) return false;
      }
    }
  }
  return true;
}
