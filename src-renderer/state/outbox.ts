// Commands waiting for the sync server (votes, decisions, members, RSVPs) and those it refused. The
// list is refetched when the status's counts move, when a command is queued, and when the server
// refuses one; a refusal is also shown as an alert at once.
import { create } from 'zustand';
import type { OutboxEntryView } from '../../src-shared/views';
import { getApi, onReconnect } from '../api/api';
import { messageOf } from '../api/api-error';
import { pushAlert } from './alerts';
import { frameScheduler } from './frame';
import { serialRefresher } from './live-queries';
import { sameJson } from './same';
import { useSyncStatus } from './sync-status';

interface OutboxStore {
  entries: OutboxEntryView[] | null;
}

export const useOutbox = create<OutboxStore>()(() => ({ entries: null }));

export const refusedCount = (entries: OutboxEntryView[] | null): number => entries?.filter((e) => e.status === 'refused').length ?? 0;

// The host summarises some kinds only (votes, RSVPs, opened decisions, added members); the others
// arrive with the bare kind as their summary.
const KIND_LABELS: Record<string, string> = {
  castVote: 'Vote',
  changeVote: 'Vote change',
  openDecision: 'Open a decision',
  closeDecision: 'Close voting on a decision',
  rsvp: 'RSVP',
  addMember: 'Add a member',
  setRole: 'Change a member’s role',
  removeMember: 'Remove a member',
};

/** What the command was, as a person would say it. */
export function commandSummary(entry: OutboxEntryView): string {
  return entry.summary && entry.summary !== entry.kind ? entry.summary : (KIND_LABELS[entry.kind] ?? entry.kind);
}

/** The alert for a refused command, e.g. `Your vote "For" was refused by the server: the deadline … passed`. */
export function refusalMessage(entry: OutboxEntryView): string {
  const summary = commandSummary(entry);
  const what = /^(Vote|RSVP)\b/.test(summary) ? `Your ${summary.replace(/^Vote\b/, 'vote')}` : summary;
  return `${what} was refused by the server: ${entry.lastError ?? 'it gave no reason'}`;
}

const refetch = serialRefresher(async () => {
  try {
    const entries = await getApi().call('outbox.list', {});
    if (!sameJson(useOutbox.getState().entries, entries)) useOutbox.setState({ entries });
  } catch (error) {
    pushAlert(messageOf(error));
  }
});

/** Refetches the list once on the next frame, however many reasons arrive meanwhile. */
export const refreshOutbox = frameScheduler(refetch);

export function receiveRefusal(entry: OutboxEntryView): void {
  pushAlert(refusalMessage(entry));
  refreshOutbox();
}

/** Keeps the list current; returns the unsubscribe. */
export function watchOutbox(): () => void {
  const offRefused = getApi().on('command-refused', receiveRefusal);
  const offReconnect = onReconnect(refreshOutbox);
  // The pending count includes the outbox: when it or the state moves, entries may have been sent.
  const offStatus = useSyncStatus.subscribe((next, prev) => {
    if (next.status?.pending !== prev.status?.pending || next.status?.state !== prev.status?.state) refreshOutbox();
  });
  refreshOutbox();
  return () => {
    offRefused();
    offReconnect();
    offStatus();
  };
}
