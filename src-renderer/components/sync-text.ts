// What the header's sync indicator says. Pure, so every state's wording is unit-tested.
import type { SyncStatusView } from '../../src-shared/views';

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const changes = (n: number): string => count(n, 'change', 'changes');

export function syncStatusText(status: SyncStatusView | null): string {
  if (!status) return '';
  switch (status.state) {
    case 'local-only':
      return 'Personal workspace (not synced)';
    case 'offline':
      return status.pending === 0 ? 'Offline — no changes waiting' : `Offline — ${changes(status.pending)} waiting`;
    case 'syncing': {
      // The sweep starts before its first doc connects: no "Syncing 0 docs".
      const docs = status.syncingDocs > 0 ? `Syncing ${count(status.syncingDocs, 'doc', 'docs')}…` : 'Syncing…';
      return status.pending > 0 ? `${docs} (${changes(status.pending)} not yet on the server)` : docs;
    }
    case 'saved':
      return status.pending === 0 ? 'All changes saved to the server' : `${changes(status.pending)} not yet on the server`;
  }
}

/** The progress bar's label while the first sync after signing in runs. */
export function firstSyncText(firstSync: NonNullable<SyncStatusView['firstSync']>): string {
  return `First sync: ${firstSync.done} of ${count(firstSync.total, 'doc', 'docs')}`;
}
