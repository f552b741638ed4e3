// `ledger:<roomId>`: membership, decisions, votes and RSVPs. Only an authority writes it; entries are
// plain JSON objects replaced whole, so a ledger entry is always one authority's complete statement.
import * as Y from 'yjs';
import {
  DECISION_STATUSES,
  ROLES,
  RSVP_RESPONSES,
  type DecisionRow,
  type MemberRow,
  type ParticipantRow,
  type RsvpResponse,
  type Role,
  type UserRow,
  type VoteRow,
} from '../domain.js';
import { changedEntryKeys } from './changes.js';
import { keyedChange, type RowsChange } from './projection.js';
import { asRecord } from './read.js';

export interface LedgerDoc {
  members: Y.Map<unknown>;
  decisions: Y.Map<unknown>;
  votes: Y.Map<unknown>;
  rsvps: Y.Map<unknown>;
}

export function ledgerDoc(doc: Y.Doc): LedgerDoc {
  return {
    members: doc.getMap('members'),
    decisions: doc.getMap('decisions'),
    votes: doc.getMap('votes'),
    rsvps: doc.getMap('rsvps'),
  };
}

export interface MemberEntry {
  name: string;
  email: string;
  role: Role;
  active: boolean;
  addedAt: number;
}

export interface DecisionEntry {
  motion: string;
  options: string[];
  deadline: number;
  status: 'open' | 'closed';
  openedBy: string;
  openedAt: number;
  closedAt: number | null;
  meetingId: string | null;
}

export interface VoteEntry {
  option: string;
  castAt: number;
}

export interface RsvpEntry {
  response: RsvpResponse;
  respondedAt: number;
}

export const voteKey = (decisionId: string, userId: string): string => `${decisionId}/${userId}`;
export const rsvpKey = (meetingId: string, userId: string): string => `${meetingId}/${userId}`;

function splitKey(key: string): [string, string] | null {
  const slash = key.indexOf('/');
  return slash > 0 ? [key.slice(0, slash), key.slice(slash + 1)] : null;
}

const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);
const num = (v: unknown, d = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
const oneOf = <T extends string>(v: unknown, allowed: readonly T[], d: T): T =>
  typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : d;

export function memberEntry(value: unknown): MemberEntry | null {
  const r = asRecord(value);
  if (!r) return null;
  return {
    name: str(r.name, 'Unknown member'),
    email: str(r.email),
    role: oneOf(r.role, ROLES, 'observer'),
    active: r.active !== false,
    addedAt: num(r.addedAt),
  };
}

export function decisionEntry(value: unknown): DecisionEntry | null {
  const r = asRecord(value);
  if (!r) return null;
  return {
    motion: str(r.motion),
    options: Array.isArray(r.options) ? r.options.filter((o): o is string => typeof o === 'string') : [],
    deadline: num(r.deadline),
    status: oneOf(r.status, DECISION_STATUSES, 'open'),
    openedBy: str(r.openedBy),
    openedAt: num(r.openedAt),
    closedAt: typeof r.closedAt === 'number' ? r.closedAt : null,
    meetingId: typeof r.meetingId === 'string' && r.meetingId ? r.meetingId : null,
  };
}

export function voteEntry(value: unknown): VoteEntry | null {
  const r = asRecord(value);
  return r && typeof r.option === 'string' ? { option: r.option, castAt: num(r.castAt) } : null;
}

export function rsvpEntry(value: unknown): RsvpEntry | null {
  const r = asRecord(value);
  return r ? { response: oneOf(r.response, RSVP_RESPONSES, 'maybe'), respondedAt: num(r.respondedAt) } : null;
}

export type VoteProjectionRow = VoteRow & { boardroomId: string };
export type ParticipantProjectionRow = ParticipantRow & { boardroomId: string };

export function projectLedger(roomId: string, doc: Y.Doc, tr?: Y.Transaction): RowsChange[] {
  const ledger = ledgerDoc(doc);
  const full = tr === undefined;
  const keysOf = (map: Y.Map<unknown>) => (full ? [...map.keys()] : [...changedEntryKeys(tr, map)]);

  const memberKeys = keysOf(ledger.members);
  const members = keyedChange<MemberRow>('boardroom_members', roomId, memberKeys, full, (userId) => {
    const m = memberEntry(ledger.members.get(userId));
    return m ? { boardroomId: roomId, userId, role: m.role, active: m.active, addedAt: m.addedAt } : null;
  });
  // Users are shared across rooms: upserted from any room's ledger, never removed by one.
  const users: RowsChange<UserRow> = { table: 'users', scope: roomId, full: false, upserts: [], deletes: [] };
  for (const userId of memberKeys) {
    const m = memberEntry(ledger.members.get(userId));
    if (m) users.upserts.push({ id: userId, name: m.name, email: m.email, active: true });
  }
  const decisions = keyedChange<DecisionRow>('decisions', roomId, keysOf(ledger.decisions), full, (id) => {
    const d = decisionEntry(ledger.decisions.get(id));
    return d ? { id, boardroomId: roomId, ...d } : null;
  });
  const votes = keyedChange<VoteProjectionRow>('votes', roomId, keysOf(ledger.votes), full, (key) => {
    const parts = splitKey(key);
    const v = voteEntry(ledger.votes.get(key));
    return parts && v ? { decisionId: parts[0], userId: parts[1], boardroomId: roomId, ...v } : null;
  });
  const participants = keyedChange<ParticipantProjectionRow>(
    'meeting_participants',
    roomId,
    keysOf(ledger.rsvps),
    full,
    (key) => {
      const parts = splitKey(key);
      const r = rsvpEntry(ledger.rsvps.get(key));
      return parts && r ? { meetingId: parts[0], userId: parts[1], boardroomId: roomId, ...r } : null;
    },
  );
  return [members, users, decisions, votes, participants].filter(
    (c) => c.full || c.upserts.length > 0 || c.deletes.length > 0,
  );
}
