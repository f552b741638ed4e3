// Tells the sync engine which docs are on screen, so it keeps them connected and edits from others
// arrive at once. The doc id format is imported from src-shared/ids (plain string functions, no
// dependencies), so it stays defined in one place.
import { useEffect } from 'react';
import { isEntityId, ledgerDocId, meetingDocId, roomDocId } from '../../src-shared/ids';
import { getApi, onReconnect } from '../api/api';
import type { Route } from '../router';
import { useMeetingDetails } from './meeting-detail';

/** Route changes settle within this long (a click through tabs sends one focus, not five). */
export const FOCUS_DEBOUNCE_MS = 200;

/** The docs a route shows. A meeting's room is known once its detail has loaded. */
export function focusDocIds(route: Route, meetingRoomId: string | undefined): string[] {
  // Ids come from the address bar; the host would refuse a malformed one, so never send it.
  const room = (id: string) => (isEntityId(id) ? [roomDocId(id), ledgerDocId(id)] : []);
  switch (route.name) {
    case 'room':
      return room(route.id);
    case 'meeting':
      return [...(meetingRoomId ? room(meetingRoomId) : []), ...(isEntityId(route.id) ? [meetingDocId(route.id)] : [])];
    default:
      return [];
  }
}

export interface FocusSender {
  /** The docs now on screen: sent after the debounce, unless the same set was sent last. */
  set(docIds: string[]): void;
  /** Sends the current set again (the host restarted and forgot it). */
  resend(): void;
  dispose(): void;
}

export function focusSender(send: (docIds: string[]) => void, delayMs = FOCUS_DEBOUNCE_MS): FocusSender {
  let current: string[] = [];
  let lastSent: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const key = current.join(' ');
    if (key === lastSent) return;
    lastSent = key;
    send(current);
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  };
  return {
    set(docIds) {
      current = docIds;
      schedule();
    },
    resend() {
      lastSent = null;
      schedule();
    },
    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

// Focus is a hint: signed out it is a no-op that succeeds, and a failure is nothing a person can act
// on (the background sweep syncs every doc anyway), so it is never shown.
const sender = focusSender((docIds) => void getApi().call('sync.focus', { docIds }).catch(() => undefined));

export function useSyncFocus(route: Route): void {
  const meetingRoomId = useMeetingDetails((s) => (route.name === 'meeting' ? s.byId.get(route.id)?.boardroom.id : undefined));
  const key = focusDocIds(route, meetingRoomId).join(' ');
  useEffect(() => {
    sender.set(key ? key.split(' ') : []);
  }, [key]);
  useEffect(() => onReconnect(() => sender.resend()), []);
}
