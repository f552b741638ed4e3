// What the server is known to hold of each doc (sync_state), so the UI can say "3 changes not yet on
// the server" and the sweep can start with the docs that have most to send.
import * as Y from 'yjs';
import type { Sqlite } from '../store/db.js';
import { statement } from '../store/db.js';

/** true when `server` holds every change `local` has (each client's clock at least as far). */
export function covers(server: Uint8Array, local: Uint8Array): boolean {
  const serverClocks = Y.decodeStateVector(server);
  for (const [client, clock] of Y.decodeStateVector(local)) {
    if ((serverClocks.get(client) ?? 0) < clock) return false;
  }
  return true;
}

export class SyncState {
  constructor(private readonly sqlite: Sqlite) {}

  /** A local change was committed to `docId`. */
  changedLocally(docId: string): void {
    statement(
      this.sqlite,
      `INSERT INTO sync_state (doc_id, pending_changes) VALUES (?, 1)
       ON CONFLICT(doc_id) DO UPDATE SET pending_changes = pending_changes + 1`,
    ).run(docId);
  }

  /** The server acknowledged `serverVector`; clears the pending count when that covers the local doc. */
  acknowledged(docId: string, serverVector: Uint8Array, localVector: Uint8Array, now: number): void {
    const clear = covers(serverVector, localVector);
    statement(
      this.sqlite,
      `INSERT INTO sync_state (doc_id, server_state_vector, pending_changes, pushed_at) VALUES (@docId, @sv, 0, @now)
       ON CONFLICT(doc_id) DO UPDATE SET server_state_vector = @sv, pushed_at = @now,
         pending_changes = CASE WHEN @clear THEN 0 ELSE pending_changes END`,
    ).run({ docId, sv: Buffer.from(serverVector), now, clear: clear ? 1 : 0 });
  }

  pulled(docId: string, now: number): void {
    statement(
      this.sqlite,
      `INSERT INTO sync_state (doc_id, pulled_at) VALUES (?, ?) ON CONFLICT(doc_id) DO UPDATE SET pulled_at = excluded.pulled_at`,
    ).run(docId, now);
  }

  pending(docId: string): number {
    const row = statement(this.sqlite, 'SELECT pending_changes AS n FROM sync_state WHERE doc_id = ?').get(docId) as { n: number } | undefined;
    return row?.n ?? 0;
  }

  totalPending(): number {
    return (statement(this.sqlite, 'SELECT coalesce(sum(pending_changes), 0) AS n FROM sync_state').get() as { n: number }).n;
  }

  /** Docs pulled at least once and with no local change the server has not acknowledged. */
  inStep(): Set<string> {
    const rows = statement(this.sqlite, 'SELECT doc_id AS docId FROM sync_state WHERE pulled_at IS NOT NULL AND pending_changes = 0').all() as Array<{ docId: string }>;
    return new Set(rows.map((r) => r.docId));
  }

  neverSynced(): boolean {
    return statement(this.sqlite, 'SELECT 1 FROM sync_state WHERE pulled_at IS NOT NULL LIMIT 1').get() === undefined;
  }

  /**
   * Docs by how much they have to send, most first; room docs lead, since the server learns which
   * room a meeting belongs to from its room doc.
   */
  busiestFirst(docIds: string[]): string[] {
    const pending = new Map(
      (statement(this.sqlite, 'SELECT doc_id AS docId, pending_changes AS n FROM sync_state WHERE pending_changes > 0').all() as Array<{ docId: string; n: number }>).map(
        (r) => [r.docId, r.n],
      ),
    );
    const roomFirst = (id: string) => (id.startsWith('room:') ? 0 : 1);
    return [...docIds].sort((a, b) => roomFirst(a) - roomFirst(b) || (pending.get(b) ?? 0) - (pending.get(a) ?? 0) || (a < b ? -1 : 1));
  }
}
