// The local SQLite schema. drizzle-kit generates `drizzle/local` from this file
// (`npm run db:generate`); migrations apply at start.
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const bytes = (name: string) => blob(name, { mode: 'buffer' });

// --- Doc storage: the source of truth. Everything below "Projections" is rebuilt from it. ---

export const yUpdates = sqliteTable(
  'y_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    docId: text('doc_id').notNull(),
    data: bytes('data').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('y_updates_doc_idx').on(t.docId, t.id)],
);

export const ySnapshots = sqliteTable('y_snapshots', {
  docId: text('doc_id').primaryKey(),
  data: bytes('data').notNull(),
  stateVector: bytes('state_vector').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const syncState = sqliteTable('sync_state', {
  docId: text('doc_id').primaryKey(),
  serverStateVector: bytes('server_state_vector'),
  /** Local changes committed since the server last acknowledged holding all of this doc. */
  pendingChanges: integer('pending_changes').notNull().default(0),
  pushedAt: integer('pushed_at'),
  pulledAt: integer('pulled_at'),
});

export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    payload: text('payload').notNull(),
    createdAt: integer('created_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    status: text('status').notNull().default('pending'),
  },
  (t) => [index('outbox_status_idx').on(t.status, t.createdAt)],
);

/** Command ids an authority has applied, so a replay is a no-op. */
export const commands = sqliteTable('commands', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  appliedAt: integer('applied_at').notNull(),
});

export const blobs = sqliteTable('blobs', {
  hash: text('hash').primaryKey(),
  size: integer('size').notNull(),
  mime: text('mime').notNull(),
  createdAt: integer('created_at').notNull(),
  pinned: integer('pinned', { mode: 'boolean' }).notNull().default(false),
  /** The sync server holds this blob (set after an upload, or for one downloaded from it). */
  onServer: integer('on_server', { mode: 'boolean' }).notNull().default(false),
});

export const blobChunks = sqliteTable(
  'blob_chunks',
  {
    hash: text('hash').notNull(),
    n: integer('n').notNull(),
    data: bytes('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.hash, t.n] })],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

// --- Projections (see src-shared/docs). Indexes follow the seed, partial where it has a WHERE. ---

export const boardrooms = sqliteTable('boardrooms', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull(),
  createdAt: integer('created_at').notNull(),
});

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    deletedAt: integer('deleted_at'),
  },
  (t) => [index('users_email_active_idx').on(t.email, t.id).where(sql`active = 1 AND deleted_at IS NULL`)],
);

export const boardroomMembers = sqliteTable(
  'boardroom_members',
  {
    boardroomId: text('boardroom_id').notNull(),
    userId: text('user_id').notNull(),
    role: text('role').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull(),
    addedAt: integer('added_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.boardroomId, t.userId] }),
    index('boardroom_members_active_idx')
      .on(t.boardroomId, t.userId)
      .where(sql`active = 1 AND role != 'observer'`),
    index('boardroom_members_user_idx').on(t.userId),
  ],
);

export const meetings = sqliteTable(
  'meetings',
  {
    id: text('id').primaryKey(),
    boardroomId: text('boardroom_id').notNull(),
    title: text('title').notNull(),
    scheduledAt: integer('scheduled_at').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    status: text('status').notNull(),
    location: text('location').notNull(),
    videoUrl: text('video_url').notNull(),
  },
  (t) => [
    index('meetings_upcoming_idx').on(t.boardroomId, sql`${t.scheduledAt} DESC`).where(sql`status = 'scheduled'`),
    // Pages of one room in date order, any status (the seed's index covers only scheduled meetings);
    // id makes it the full sort key, so pages seek and scan it without sorting.
    index('meetings_room_date_idx').on(t.boardroomId, t.scheduledAt, t.id),
  ],
);

export const agendaItems = sqliteTable(
  'agenda_items',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    presenter: text('presenter').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    notes: text('notes').notNull(),
    documentIds: text('document_ids').notNull(),
  },
  (t) => [index('agenda_items_meeting_idx').on(t.meetingId, t.position)],
);

export const minutes = sqliteTable('minutes', {
  meetingId: text('meeting_id').primaryKey(),
  text: text('text').notNull(),
});

export const actionItems = sqliteTable(
  'action_items',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id').notNull(),
    title: text('title').notNull(),
    assignee: text('assignee').notNull(),
    due: integer('due'),
    done: integer('done', { mode: 'boolean' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('action_items_meeting_idx').on(t.meetingId, t.createdAt)],
);

export const meetingParticipants = sqliteTable(
  'meeting_participants',
  {
    meetingId: text('meeting_id').notNull(),
    userId: text('user_id').notNull(),
    boardroomId: text('boardroom_id').notNull(),
    response: text('response').notNull(),
    respondedAt: integer('responded_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.userId] }),
    index('meeting_participants_user_idx').on(t.userId, t.meetingId),
    index('meeting_participants_room_idx').on(t.boardroomId),
  ],
);

export const decisions = sqliteTable(
  'decisions',
  {
    id: text('id').primaryKey(),
    boardroomId: text('boardroom_id').notNull(),
    meetingId: text('meeting_id'),
    motion: text('motion').notNull(),
    options: text('options').notNull(),
    deadline: integer('deadline').notNull(),
    status: text('status').notNull(),
    openedBy: text('opened_by').notNull(),
    openedAt: integer('opened_at').notNull(),
    closedAt: integer('closed_at'),
  },
  (t) => [
    index('decisions_open_idx').on(t.boardroomId, sql`${t.deadline} DESC`).where(sql`status = 'open'`),
    index('decisions_room_idx').on(t.boardroomId, t.openedAt),
  ],
);

export const votes = sqliteTable(
  'votes',
  {
    decisionId: text('decision_id').notNull(),
    userId: text('user_id').notNull(),
    boardroomId: text('boardroom_id').notNull(),
    option: text('option').notNull(),
    castAt: real('cast_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.decisionId, t.userId] }),
    index('votes_user_idx').on(t.userId, t.decisionId),
    index('votes_room_idx').on(t.boardroomId),
  ],
);

export const documents = sqliteTable(
  'documents',
  {
    id: text('id').primaryKey(),
    boardroomId: text('boardroom_id').notNull(),
    meetingId: text('meeting_id'),
    title: text('title').notNull(),
    description: text('description').notNull(),
    blobHash: text('blob_hash').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    createdAt: integer('created_at').notNull(),
    deletedAt: integer('deleted_at'),
  },
  (t) => [
    index('documents_room_live_idx').on(t.boardroomId, sql`${t.createdAt} DESC`).where(sql`deleted_at IS NULL`),
    index('documents_meeting_idx').on(t.meetingId),
  ],
);
