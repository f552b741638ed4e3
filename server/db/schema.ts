// The server's PostgreSQL schema (DESIGN.md, Server store). drizzle-kit generates the migrations in
// drizzle/server from this file; queries on hot paths are hand-written SQL over these tables.
// The seed's indexes (partial, INCLUDE and GIN) are written verbatim in the custom migration
// drizzle/server/0002_seed_indexes.sql, which drizzle-kit neither writes nor diffs.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
/** Domain times mirrored from the ledger are epoch milliseconds, as everywhere else in the app. */
const epochMs = (name: string) => bigint(name, { mode: 'number' });

/** The ordered log of every accepted Yjs update. `seq` orders one doc's updates (see doc-log.ts). */
export const docUpdates = pgTable(
  'doc_updates',
  {
    docId: text('doc_id').notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    data: bytea('data').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.docId, t.seq] })],
);

export const docSnapshots = pgTable('doc_snapshots', {
  docId: text('doc_id').primaryKey(),
  data: bytea('data').notNull(),
  stateVector: bytea('state_vector').notNull(),
  /** Every update with seq <= upto_seq is merged into `data`. */
  uptoSeq: bigint('upto_seq', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** null for people added to a boardroom who have no account yet (they cannot sign in). */
    passwordHash: text('password_hash'),
    active: boolean('active').notNull().default(true),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    // idx_users_active: the seed's partial index, verbatim in the custom migration 0002.
  ],
);

export const devices = pgTable(
  'devices',
  {
    userId: text('user_id').notNull().references(() => users.id),
    deviceId: text('device_id').notNull(),
    name: text('name').notNull(),
    /** sha256 of the current refresh token; null once signed out. */
    refreshHash: text('refresh_hash'),
    /** sha256 of the token it replaced: presenting that one again means it was stolen. */
    previousHash: text('previous_hash'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.deviceId] }), uniqueIndex('devices_refresh_hash_unique').on(t.refreshHash)],
);

export const boardrooms = pgTable('boardrooms', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Projected from the room doc's meta (name too, once the doc has synced). */
  description: text('description').notNull().default(''),
  active: boolean('active').notNull().default(true),
  createdBy: text('created_by').notNull(),
  createdAt: createdAt(),
});

export const boardroomMembers = pgTable(
  'boardroom_members',
  {
    boardroomId: text('boardroom_id').notNull().references(() => boardrooms.id),
    userId: text('user_id').notNull().references(() => users.id),
    role: text('role').notNull(),
    active: boolean('active').notNull().default(true),
    addedAt: epochMs('added_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.boardroomId, t.userId] }),
    index('boardroom_members_user_idx').on(t.userId, t.boardroomId).where(sql`${t.active}`),
    // idx_boardrooms_active_member (the seed's voters index): custom migration 0002.
  ],
);

export const decisions = pgTable(
  'decisions',
  {
    id: text('id').primaryKey(),
    boardroomId: text('boardroom_id').notNull().references(() => boardrooms.id),
    meetingId: text('meeting_id'),
    motion: text('motion').notNull(),
    options: jsonb('options').$type<string[]>().notNull(),
    deadline: epochMs('deadline').notNull(),
    status: text('status').notNull(),
    openedBy: text('opened_by').notNull(),
    openedAt: epochMs('opened_at').notNull(),
    closedAt: epochMs('closed_at'),
  },
  (t) => [
    // idx_decisions_boardroom_deadline (open decisions by deadline): custom migration 0002.
    index('decisions_meeting_idx').on(t.meetingId),
  ],
);

export const votes = pgTable(
  'votes',
  {
    decisionId: text('decision_id').notNull().references(() => decisions.id),
    userId: text('user_id').notNull().references(() => users.id),
    boardroomId: text('boardroom_id').notNull(),
    option: text('option').notNull(),
    castAt: epochMs('cast_at').notNull(),
  },
  // One vote per member and decision: the authority checks it, this constraint guarantees it.
  // idx_votes_user_decision (user_id, decision_id) INCLUDE (option, cast_at) is in the custom
  // migration 0002: drizzle cannot express INCLUDE.
  (t) => [uniqueIndex('votes_one_per_member').on(t.decisionId, t.userId)],
);

export const meetingParticipants = pgTable(
  'meeting_participants',
  {
    meetingId: text('meeting_id').notNull(),
    userId: text('user_id').notNull().references(() => users.id),
    boardroomId: text('boardroom_id').notNull(),
    response: text('response').notNull(),
    respondedAt: epochMs('responded_at').notNull(),
  },
  // idx_meetings_participant_lookup (user_id, meeting_id) INCLUDE (response, responded_at): custom migration 0002.
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] })],
);

/**
 * Projection of room docs: which room a meeting doc belongs to (its access follows the room's), and
 * the fields `/api/v1` lists. A meeting the room doc dropped keeps its row, marked `removed`.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: text('id').primaryKey(),
    boardroomId: text('boardroom_id').notNull().references(() => boardrooms.id),
    title: text('title').notNull().default(''),
    scheduledAt: epochMs('scheduled_at').notNull().default(0),
    status: text('status').notNull().default('scheduled'),
    durationMinutes: integer('duration_minutes').notNull().default(60),
    location: text('location').notNull().default(''),
    videoUrl: text('video_url').notNull().default(''),
    removed: boolean('removed').notNull().default(false),
  },
  (t) => [
    // idx_meetings_boardroom_scheduled (upcoming meetings): custom migration 0002. This one serves
    // lists of every status and the boardroom list's recent-meetings count.
    index('meetings_boardroom_time_idx').on(t.boardroomId, t.scheduledAt),
  ],
);

/** Projection of meeting docs: the agenda in order (`position`), replaced whole per meeting. */
export const agendaItems = pgTable(
  'agenda_items',
  {
    meetingId: text('meeting_id').notNull(),
    id: text('id').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    presenter: text('presenter').notNull().default(''),
    durationMinutes: integer('duration_minutes').notNull().default(10),
    notes: text('notes').notNull().default(''),
    documentIds: jsonb('document_ids').$type<string[]>().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.id] })],
);

export const actionItems = pgTable(
  'action_items',
  {
    meetingId: text('meeting_id').notNull(),
    id: text('id').notNull(),
    title: text('title').notNull(),
    assignee: text('assignee').notNull().default(''),
    due: epochMs('due'),
    done: boolean('done').notNull().default(false),
    createdAt: epochMs('created_at').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.id] })],
);

/**
 * Projection of room docs' documents map (file metadata; the bytes are blobs). The GIN full-text
 * index (idx_documents_search, the seed's expression verbatim) is in the custom migration 0002;
 * search queries repeat its expression exactly, or Postgres cannot use it.
 */
export const documents = pgTable(
  'documents',
  {
    id: text('id').primaryKey(),
    boardroomId: text('boardroom_id').notNull().references(() => boardrooms.id),
    meetingId: text('meeting_id'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    blobHash: text('blob_hash').notNull().default(''),
    mime: text('mime').notNull().default('application/octet-stream'),
    size: bigint('size', { mode: 'number' }).notNull().default(0),
    createdAt: epochMs('created_at').notNull().default(0),
    deletedAt: epochMs('deleted_at'),
  },
  // idx_documents_boardroom_created (live documents, newest first): custom migration 0002.
  (t) => [index('documents_meeting_idx').on(t.meetingId)],
);

/** Processed ledger commands, so a replay returns the first result. */
export const commands = pgTable('commands', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  boardroomId: text('boardroom_id').notNull(),
  kind: text('kind').notNull(),
  /** `{applied: true}` or `{applied: false, error, message}`. */
  outcome: jsonb('outcome').notNull(),
  createdAt: createdAt(),
});

/** Append-only: nothing updates or deletes these rows. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: createdAt(),
    actorId: text('actor_id'),
    boardroomId: text('boardroom_id'),
    action: text('action').notNull(),
    commandId: text('command_id'),
    detail: jsonb('detail').notNull(),
  },
  (t) => [index('audit_log_room_idx').on(t.boardroomId, t.id)],
);

export const blobs = pgTable('blobs', {
  hash: text('hash').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  mime: text('mime').notNull(),
  createdAt: createdAt(),
});

export const blobChunks = pgTable(
  'blob_chunks',
  {
    hash: text('hash').notNull().references(() => blobs.hash),
    n: integer('n').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.hash, t.n] })],
);

/** Which rooms reference a blob: its readers are the members of any of them. */
export const blobRooms = pgTable(
  'blob_rooms',
  {
    hash: text('hash').notNull().references(() => blobs.hash),
    boardroomId: text('boardroom_id').notNull().references(() => boardrooms.id),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.hash, t.boardroomId] }), index('blob_rooms_room_idx').on(t.boardroomId)],
);

/** Server-wide secrets shared by every process (the access-token signing key when none is configured). */
export const serverSecrets = pgTable('server_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdAt(),
});
