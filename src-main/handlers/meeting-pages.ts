// Pages of a boardroom's meetings at any offset in well under 2 ms, even at 100,000 meetings.
// OFFSET alone walks every skipped row (18 ms at offset 49,000 here). Instead each list keeps sparse
// anchors, the sort key of every 512th row, built by one index-only scan; a page seeks to the anchor at
// or before its offset and walks fewer than 512 rows. Every row past an anchor (in list order) belongs
// to the list, so the seek needs no clock condition, and the index range starts at the anchor. Anchors and totals are dropped when the room's
// meetings change, and at most a minute after they were built, since "upcoming" moves with the clock.
import type { MeetingRow } from '../../src-shared/domain.js';
import type { Sqlite } from '../store/db.js';
import { statement } from '../store/db.js';
import { MEETING_COLUMNS, asMeeting } from './rows.js';

export type MeetingList = 'upcoming' | 'past' | 'all';

const ANCHOR_EVERY = 512;
const MAX_AGE_MS = 60_000;

interface ListIndex {
  builtAt: number;
  /** The clock value that splits upcoming from past for this index's lifetime, so pages agree. */
  now: number;
  total: number;
  anchors: Array<[number, string]>;
}

const LISTS = {
  upcoming: { where: 'boardroom_id = @roomId AND scheduled_at >= @now', order: 'scheduled_at ASC, id ASC', seek: '>=' },
  past: { where: 'boardroom_id = @roomId AND scheduled_at < @now', order: 'scheduled_at DESC, id DESC', seek: '<=' },
  all: { where: 'boardroom_id = @roomId', order: 'scheduled_at DESC, id DESC', seek: '<=' },
} as const;

export class MeetingPager {
  private readonly indexes = new Map<string, ListIndex>();

  constructor(
    private readonly sqlite: Sqlite,
    private readonly clock: () => number,
  ) {}

  /** Forget what is known of a room's lists (its meetings changed). */
  invalidate(roomId: string): void {
    for (const list of Object.keys(LISTS)) this.indexes.delete(`${roomId}|${list}`);
  }

  page(roomId: string, list: MeetingList, offset: number, limit: number): { items: MeetingRow[]; total: number } {
    const index = this.index(roomId, list);
    if (offset >= index.total) return { items: [], total: index.total };
    const q = LISTS[list];
    const anchorAt = Math.floor(offset / ANCHOR_EVERY);
    const anchor = index.anchors[anchorAt]!;
    const rows = statement(
      this.sqlite,
      `SELECT ${MEETING_COLUMNS} FROM meetings
       WHERE boardroom_id = @roomId AND (scheduled_at, id) ${q.seek} (@at, @id)
       ORDER BY ${q.order} LIMIT @limit OFFSET @skip`,
    ).all({ roomId, at: anchor[0], id: anchor[1], limit, skip: offset - anchorAt * ANCHOR_EVERY });
    return { items: rows.map(asMeeting), total: index.total };
  }

  private index(roomId: string, list: MeetingList): ListIndex {
    const key = `${roomId}|${list}`;
    const now = this.clock();
    const cached = this.indexes.get(key);
    if (cached && now - cached.builtAt < MAX_AGE_MS) return cached;
    const q = LISTS[list];
    const anchors: Array<[number, string]> = [];
    let total = 0;
    const scan = statement(this.sqlite, `SELECT scheduled_at, id FROM meetings WHERE ${q.where} ORDER BY ${q.order}`);
    for (const row of scan.raw(true).iterate({ roomId, now }) as IterableIterator<[number, string]>) {
      if (total % ANCHOR_EVERY === 0) anchors.push(row);
      total++;
    }
    scan.raw(false);
    const index = { builtAt: now, now, total, anchors };
    this.indexes.set(key, index);
    return index;
  }
}
