// The sync engine's status as the host reports it: asked once at start (and after a reconnect),
// then pushed by `sync-status` events. Events can overtake the answer of a call made before them
// (Electron sends events and answers on separate channels), so an answer is applied only when no
// event arrived while it was in flight: the event is the newer truth.
import { create } from 'zustand';
import type { SyncStatusView } from '../../src-shared/views';
import { getApi, onReconnect } from '../api/api';
import { messageOf } from '../api/api-error';
import { pushAlert } from './alerts';
import { sameJson } from './same';

interface SyncStatusStore {
  status: SyncStatusView | null;
  /** How many `sync-status` events have arrived; a call remembers it to know whether it was overtaken. */
  events: number;
}

export const useSyncStatus = create<SyncStatusStore>()(() => ({ status: null, events: 0 }));

export const statusEventsSoFar = (): number => useSyncStatus.getState().events;

/** A `sync-status` event: always the latest word. Every local edit sends one, so unchanged ones are dropped. */
export function receiveStatusEvent(status: SyncStatusView): void {
  useSyncStatus.setState((s) => ({ status: sameJson(s.status, status) ? s.status : status, events: s.events + 1 }));
}

/** The answer of a call (`sync.status`, `sync.signIn`, `sync.signOut`) begun after `eventsBefore` events. */
export function receiveStatusAnswer(status: SyncStatusView, eventsBefore: number): void {
  if (useSyncStatus.getState().events !== eventsBefore) return;
  useSyncStatus.setState((s) => ({ status: sameJson(s.status, status) ? s.status : status }));
}

function loadSyncStatus(): void {
  const before = statusEventsSoFar();
  getApi()
    .call('sync.status', {})
    .then((status) => receiveStatusAnswer(status, before))
    .catch((error: unknown) => pushAlert(messageOf(error)));
}

/** Follows the host's sync status; returns the unsubscribe. */
export function watchSyncStatus(): () => void {
  const offEvent = getApi().on('sync-status', receiveStatusEvent);
  // Events sent while the WebSocket was down are lost: ask again.
  const offReconnect = onReconnect(loadSyncStatus);
  loadSyncStatus();
  return () => {
    offEvent();
    offReconnect();
  };
}

/** Signed in means the engine runs; after signing out the view still names the last server and user. */
export const isSignedIn = (status: SyncStatusView | null): boolean => status?.signedIn === true;
