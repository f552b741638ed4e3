// The header's sync line: where this workspace's changes are, and the first sync's progress.
import { useSyncStatus } from '../state/sync-status';
import { firstSyncText, syncStatusText } from './sync-text';

export function SyncIndicator() {
  const status = useSyncStatus((s) => s.status);
  const firstSync = status?.firstSync ?? null;
  // Not a live region: during a sync it changes with every doc, which a screen reader would recite.
  return (
    <span className="sync-status">
      <span
        className={`sync-indicator sync-${status?.state ?? 'unknown'}`}
        data-testid="sync-indicator"
        data-state={status?.state ?? 'unknown'}
        title={status?.message ?? undefined}
      >
        {syncStatusText(status)}
      </span>
      {firstSync && (
        <progress
          data-testid="first-sync-progress"
          value={firstSync.done}
          max={Math.max(1, firstSync.total)}
          aria-label={firstSyncText(firstSync)}
          title={firstSyncText(firstSync)}
        />
      )}
    </span>
  );
}
