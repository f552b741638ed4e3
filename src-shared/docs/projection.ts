// The shape of a projection: rows derived from one doc, either for its changed entries or in full.

export const PROJECTION_TABLES = [
  'boardrooms',
  'users',
  'boardroom_members',
  'meetings',
  'agenda_items',
  'action_items',
  'minutes',
  'documents',
  'decisions',
  'votes',
  'meeting_participants',
] as const;
export type ProjectionTable = (typeof PROJECTION_TABLES)[number];

export interface RowsChange<Row = object> {
  table: ProjectionTable;
  /** The entity the doc belongs to: a room id for `room:` and `ledger:`, a meeting id for `meeting:`. */
  scope: string;
  /** true: every row of this scope is replaced by `upserts`. */
  full: boolean;
  upserts: Row[];
  /** Entry keys (map keys in the doc) whose rows are removed. */
  deletes: string[];
}

/** Builds one table's change from a keyed map: full when `changed` is undefined. */
export function keyedChange<Row>(
  table: ProjectionTable,
  scope: string,
  keys: Iterable<string>,
  full: boolean,
  rowOf: (key: string) => Row | null,
): RowsChange<Row> {
  const upserts: Row[] = [];
  const deletes: string[] = [];
  for (const key of keys) {
    const row = rowOf(key);
    if (row) upserts.push(row);
    else deletes.push(key);
  }
  return { table, scope, full, upserts, deletes };
}
