import { describe, expect, it } from 'vitest';
import type { SyncStatusView } from '../../src-shared/views';
import { firstSyncText, syncStatusText } from './sync-text';

const status = (over: Partial<SyncStatusView>): SyncStatusView => ({
  signedIn: false,
  state: 'local-only',
  pending: 0,
  syncingDocs: 0,
  firstSync: null,
  message: null,
  serverUrl: null,
  user: null,
  ...over,
});

describe('sync indicator text', () => {
  it('says a personal workspace is not synced, whatever it has pending', () => {
    expect(syncStatusText(status({ state: 'local-only' }))).toBe('Personal workspace (not synced)');
    expect(syncStatusText(status({ state: 'local-only', pending: 12 }))).toBe('Personal workspace (not synced)');
  });

  it('counts what waits while offline', () => {
    expect(syncStatusText(status({ state: 'offline', pending: 3 }))).toBe('Offline — 3 changes waiting');
    expect(syncStatusText(status({ state: 'offline', pending: 1 }))).toBe('Offline — 1 change waiting');
    expect(syncStatusText(status({ state: 'offline', pending: 0 }))).toBe('Offline — no changes waiting');
  });

  it('counts the docs being synced and the changes not yet sent', () => {
    expect(syncStatusText(status({ state: 'syncing', syncingDocs: 4 }))).toBe('Syncing 4 docs…');
    expect(syncStatusText(status({ state: 'syncing', syncingDocs: 1, pending: 1 }))).toBe('Syncing 1 doc… (1 change not yet on the server)');
    expect(syncStatusText(status({ state: 'syncing', syncingDocs: 0, pending: 5 }))).toBe('Syncing… (5 changes not yet on the server)');
  });

  it('says everything is on the server only when nothing is pending', () => {
    expect(syncStatusText(status({ state: 'saved', pending: 0 }))).toBe('All changes saved to the server');
    expect(syncStatusText(status({ state: 'saved', pending: 2 }))).toBe('2 changes not yet on the server');
  });

  it('says nothing before the host answered', () => {
    expect(syncStatusText(null)).toBe('');
  });

  it('labels the first sync progress', () => {
    expect(firstSyncText({ done: 3, total: 40 })).toBe('First sync: 3 of 40 docs');
    expect(firstSyncText({ done: 0, total: 1 })).toBe('First sync: 0 of 1 doc');
  });
});
