import { useSaveState } from '../state/saves';

const TEXT = { idle: '', saving: 'Saving…', saved: 'Saved', queued: 'Queued — will be sent when online', failed: 'Not saved' } as const;

/**
 * "Saved" only once the host answered (it commits to SQLite before answering); "Queued" when it
 * answered that the command waits for the sync server.
 */
export function SaveIndicator({ scope }: { scope: string }) {
  const state = useSaveState(scope);
  return (
    <span className={`save-status save-${state}`} data-testid="save-status" data-state={state} role="status" aria-live="polite">
      {TEXT[state]}
    </span>
  );
}
