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
 * and every deletion it carries is already a deletion in the doc.
 */
export function isEmptyUpdate(update: Uint8Array, doc: Y.Doc): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  if (structs.length > 0) return false;
  if (ds.clients.size === 0) return true;
  const known = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, ranges] of ds.clients) {
    const have = known.clients.get(client) ?? [];
    for (const range of ranges) {
      const covered = have.some((h) => h.clock <= range.clock && h.clock + h.len >= range.clock + range.len);
      if (!covered) return false;
    }
  }
  return true;
}
