// What handlers return: projection rows joined into what a screen shows.
import type {
  ActionItemRow,
  AgendaItemRow,
  BoardroomRow,
  DecisionRow,
  DocumentRow,
  MeetingRow,
  MemberRow,
  ParticipantRow,
  Role,
} from './domain.js';
import type { RichDelta } from './richtext.js';

export interface AppInfo {
  userId: string;
  userName: string;
  email: string;
  workspace: 'personal';
  version: string;
}

export interface BoardroomSummary extends BoardroomRow {
  myRole: Role | null;
  memberCount: number;
  /** Scheduled meetings from now on, counted up to 1,000 (more shows as 1,000). */
  upcomingCount: number;
  nextMeetingAt: number | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

export interface MemberView extends MemberRow {
  name: string;
  email: string;
}

export interface ParticipantView extends ParticipantRow {
  name: string;
}

export interface MeetingDetail {
  meeting: MeetingRow;
  boardroom: { id: string; name: string; active: boolean };
  myRole: Role | null;
  agenda: AgendaItemRow[];
  actions: ActionItemRow[];
  documents: DocumentRow[];
  decisions: DecisionView[];
  minutes: RichDelta;
  participants: ParticipantView[];
  myRsvp: ParticipantRow['response'] | null;
  myNote: string;
}

export interface DecisionView extends DecisionRow {
  tally: Record<string, number>;
  votesCast: number;
  eligibleVoters: number;
  myVote: string | null;
}

export interface DocumentContent {
  id: string;
  title: string;
  mime: string;
  size: number;
  blobHash: string;
  dataBase64: string;
}

export interface CommandResult {
  commandId: string;
  /** true when this command id had already been applied: the replay changed nothing. */
  replayed: boolean;
  /** true when the command waits in the outbox for the sync server's authority. */
  queued?: boolean;
}

export interface Created {
  id: string;
}

export interface SyncStatusView {
  signedIn: boolean;
  state: 'local-only' | 'offline' | 'syncing' | 'saved';
  pending: number;
  syncingDocs: number;
  firstSync: { done: number; total: number } | null;
  message: string | null;
  serverUrl: string | null;
  user: { id: string; name: string; email: string } | null;
}

export interface OutboxEntryView {
  id: string;
  kind: string;
  summary: string;
  createdAt: number;
  status: 'pending' | 'refused';
  lastError: string | null;
}
