import { beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatusView } from '../../src-shared/views';
import { isSignedIn, receiveStatusAnswer, receiveStatusEvent, statusEventsSoFar, useSyncStatus } from './sync-status';

const status = (state: SyncStatusView['state'], pending = 0): SyncStatusView => ({
  signedIn: state !== 'local-only',
  state,
  pending,
  syncingDocs: 0,
  firstSync: null,
  message: null,
  serverUrl: state === 'local-only' ? null : 'https://sync.example.com',
  user: state === 'local-only' ? null : { id: 'u1', name: 'Ada', email: 'ada@example.com' },
});

describe('sync status store', () => {
  beforeEach(() => useSyncStatus.setState({ status: null, events: 0 }));

  it('takes the answer of a call when no event overtook it', () => {
    const before = statusEventsSoFar();
    receiveStatusAnswer(status('local-only'), before);
    expect(useSyncStatus.getState().status?.state).toBe('local-only');
  });

  it('drops an answer that an event overtook: the event is newer', () => {
    const before = statusEventsSoFar();
    receiveStatusEvent(status('syncing', 3));
    receiveStatusAnswer(status('offline', 5), before);
    expect(useSyncStatus.getState().status).toMatchObject({ state: 'syncing', pending: 3 });
    // A call begun after that event is current again.
    receiveStatusAnswer(status('saved'), statusEventsSoFar());
    expect(useSyncStatus.getState().status?.state).toBe('saved');
  });

  it('keeps the same object for an unchanged status, so the header does not rerender on every edit', () => {
    receiveStatusEvent(status('local-only'));
    const first = useSyncStatus.getState().status;
    receiveStatusEvent(status('local-only'));
    expect(useSyncStatus.getState().status).toBe(first);
    receiveStatusEvent(status('local-only', 1));
    expect(useSyncStatus.getState().status).not.toBe(first);
  });

  it('counts as signed in while the engine runs, not merely because a server is remembered', () => {
    expect(isSignedIn(null)).toBe(false);
    expect(isSignedIn({ ...status('local-only'), serverUrl: 'https://sync.example.com' })).toBe(false);
    expect(isSignedIn(status('offline'))).toBe(true);
  });
});
