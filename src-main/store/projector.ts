// Writes projection rows (computed in src-shared/docs) into the projection tables. Called inside the
// same SQLite transaction as the y_updates insert, so rows never disagree with the stored doc.
import type { ProjectionTable, RowsChange } from '../../src-shared/docs/projection.js';
import type { Sqlite } from './db.js';

interface TableSpec {
  /** [column, row property] in insert order; the first `keyColumns` form the primary key. */
  columns: Array<[string, string]>;
  /** Rows of one doc: the column that holds the doc's scope id. */
  scopeColumn: string;
  /** How an entry key of the doc maps to key columns (default: the key is the id). */
  keyColumns?: string[];
  /** Entry keys like `decisionId/userId` split into several columns. */
  splitKey?: boolean;
  /** Rows shared between docs (users): never deleted by one doc's rebuild. */
  shared?: boolean;
}

const SPECS: Record<ProjectionTable, TableSpec> = {
  boardrooms: {
    columns: [['id', 'id'], ['name', 'name'], ['description', 'description'], ['active', 'active'], ['created_at', 'createdAt']],
    scopeColumn: 'id',
  },
  users: {
    columns: [['id', 'id'], ['name', 'name'], ['email', 'email'], ['active', 'active']],
    scopeColumn: 'id',
    shared: true,
  },
  boardroom_members: {
    columns: [['boardroom_id', 'boardroomId'], ['user_id', 'userId'], ['role', 'role'], ['active', 'active'], ['added_at', 'addedAt']],
    scopeColumn: 'boardroom_id',
    keyColumns: ['user_id'],
  },
  meetings: {
    columns: [
      ['id', 'id'], ['boardroom_id', 'boardroomId'], ['title', 'title'], ['scheduled_at', 'scheduledAt'],
      ['duration_minutes', 'durationMinutes'], ['status', 'status'], ['location', 'location'], ['video_url', 'videoUrl'],
    ],
    scopeColumn: 'boardroom_id',
  },
  agenda_items: {
    columns: [
      ['id', 'id'], ['meeting_id', 'meetingId'], ['position', 'position'], ['title', 'title'], ['presenter', 'presenter'],
      ['duration_minutes', 'durationMinutes'], ['notes', 'notes'], ['document_ids', 'documentIds'],
    ],
    scopeColumn: 'meeting_id',
  },
  action_items: {
    columns: [
      ['id', 'id'], ['meeting_id', 'meetingId'], ['title', 'title'], ['assignee', 'assignee'], ['due', 'due'],
      ['done', 'done'], ['created_at', 'createdAt'],
    ],
    scopeColumn: 'meeting_id',
  },
  minutes: { columns: [['meeting_id', 'meetingId'], ['text', 'text']], scopeColumn: 'meeting_id', keyColumns: ['meeting_id'] },
  documents: {
    columns: [
      ['id', 'id'], ['boardroom_id', 'boardroomId'], ['meeting_id', 'meetingId'], ['title', 'title'],
      ['description', 'description'], ['blob_hash', 'blobHash'], ['mime', 'mime'], ['size', 'size'],
      ['created_at', 'createdAt'], ['deleted_at', 'deletedAt'],
    ],
    scopeColumn: 'boardroom_id',
  },
  decisions: {
    columns: [
      ['id', 'id'], ['boardroom_id', 'boardroomId'], ['meeting_id', 'meetingId'], ['motion', 'motion'],
      ['options', 'options'], ['deadline', 'deadline'], ['status', 'status'], ['opened_by', 'openedBy'],
      ['opened_at', 'openedAt'], ['closed_at', 'closedAt'],
    ],
    scopeColumn: 'boardroom_id',
  },
  votes: {
    columns: [['decision_id', 'decisionId'], ['user_id', 'userId'], ['boardroom_id', 'boardroomId'], ['option', 'option'], ['cast_at', 'castAt']],
    scopeColumn: 'boardroom_id',
    keyColumns: ['decision_id', 'user_id'],
    splitKey: true,
  },
  meeting_participants: {
    columns: [
      ['meeting_id', 'meetingId'], ['user_id', 'userId'], ['boardroom_id', 'boardroomId'], ['response', 'response'],
      ['responded_at', 'respondedAt'],
    ],
    scopeColumn: 'boardroom_id',
    keyColumns: ['meeting_id', 'user_id'],
    splitKey: true,
  },
};

type Statement = import("better-sqlite3").Statement<unknown[]>;

interface TableWriter {
  spec: TableSpec;
  upsert: Statement;
  deleteKey: Statement;
  deleteScope: Statement;
}

/** SQLite binds no booleans or arrays: store them as 0/1 and JSON text. */
function bindValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (Array.isArray(value)) return JSON.stringify(value);
  return value ?? null;
}

export class Projector {
  private readonly writers = new Map<ProjectionTable, TableWriter>();

  constructor(private readonly sqlite: Sqlite) {
    for (const [table, spec] of Object.entries(SPECS) as Array<[ProjectionTable, TableSpec]>) {
      const cols = spec.columns.map(([c]) => c);
      const keyCols = spec.keyColumns ?? ['id'];
      this.writers.set(table, {
        spec,
        upsert: sqlite.prepare(`INSERT OR REPLACE INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`),
        deleteKey: sqlite.prepare(
          `DELETE FROM ${table} WHERE ${[...keyCols, spec.scopeColumn].map((c) => `${c} = ?`).join(' AND ')}`,
        ),
        deleteScope: sqlite.prepare(`DELETE FROM ${table} WHERE ${spec.scopeColumn} = ?`),
      });
    }
  }

  /** Applies changes; the caller holds the transaction. */
  apply(changes: RowsChange[]): void {
    for (const change of changes) {
      const writer = this.writers.get(change.table)!;
      if (change.full && !writer.spec.shared) writer.deleteScope.run(change.scope);
      for (const key of change.deletes) {
        const keyParts = writer.spec.splitKey ? splitEntryKey(key) : [key];
        if (keyParts) writer.deleteKey.run(...keyParts, change.scope);
      }
      for (const row of change.upserts) {
        const record = row as Record<string, unknown>;
        writer.upsert.run(...writer.spec.columns.map(([, prop]) => bindValue(record[prop])));
      }
    }
  }

  /** Removes every projection row of a scope (used by a full rebuild). */
  clearAll(): void {
    for (const table of this.writers.keys()) this.sqlite.prepare(`DELETE FROM ${table}`).run();
  }
}

function splitEntryKey(key: string): [string, string] | null {
  const slash = key.indexOf('/');
  return slash > 0 ? [key.slice(0, slash), key.slice(slash + 1)] : null;
}
