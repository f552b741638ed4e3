import { newId, ledgerDocId, roomDocId } from '../../src-shared/ids.js';
import { roomDoc } from '../../src-shared/docs/room.js';
import { ledgerDoc, type MemberEntry } from '../../src-shared/docs/ledger.js';
import { writeFields } from '../../src-shared/docs/read.js';
import type { Handlers } from '../../src-shared/contract.js';
import type { BoardroomSummary } from '../../src-shared/views.js';
import { statement } from '../store/db.js';
import { requireManager, requireRoom } from './access.js';
import type { HandlerContext } from './context.js';
import { asBool } from './rows.js';

/**
 * The list counts upcoming meetings only up to this many: counting all 50,000 of a 100,000-meeting
 * room took 40-250 ms on a cold start, on the path to the first painted list.
 */
export const UPCOMING_COUNT_CAP = 1000;

const SUMMARY_SQL = `
SELECT b.id, b.name, b.description, b.active, b.created_at AS createdAt, me.role AS myRole,
  (SELECT count(*) FROM boardroom_members bm WHERE bm.boardroom_id = b.id AND bm.active = 1) AS memberCount,
  (SELECT count(*) FROM (SELECT 1 FROM meetings m WHERE m.boardroom_id = b.id AND m.status = 'scheduled' AND m.scheduled_at >= @now LIMIT ${UPCOMING_COUNT_CAP})) AS upcomingCount,
  (SELECT min(m.scheduled_at) FROM meetings m WHERE m.boardroom_id = b.id AND m.status = 'scheduled' AND m.scheduled_at >= @now) AS nextMeetingAt
FROM boardrooms b
JOIN boardroom_members me ON me.boardroom_id = b.id AND me.user_id = @me AND me.active = 1`;

export function boardroomSummaries(ctx: HandlerContext, where: string, params: Record<string, unknown>): BoardroomSummary[] {
  const rows = statement(ctx.sqlite, `${SUMMARY_SQL} ${where} ORDER BY b.active DESC, b.name COLLATE NOCASE`).all({
    now: ctx.now(),
    me: ctx.me.userId,
    ...params,
  }) as BoardroomSummary[];
  return rows.map((r) => asBool(r, 'active'));
}

export function boardroomHandlers(ctx: HandlerContext): Pick<
  Handlers,
  'boardrooms.list' | 'boardrooms.get' | 'boardrooms.create' | 'boardrooms.update' | 'boardrooms.archive'
> {
  return {
    'boardrooms.list': ({ includeArchived }) =>
      boardroomSummaries(ctx, includeArchived ? '' : 'WHERE b.active = 1', {}),

    'boardrooms.get': ({ id }) => {
      requireRoom(ctx, id);
      return boardroomSummaries(ctx, 'WHERE b.id = @id', { id })[0]!;
    },

    'boardrooms.create': ({ name, description }) => {
      const id = newId();
      const now = ctx.now();
      const owner: MemberEntry = { name: ctx.me.name, email: ctx.me.email, role: 'owner', active: true, addedAt: now };
      ctx.store.batch(() => {
        ctx.store.change(roomDocId(id), (doc) => {
          writeFields(roomDoc(doc).meta, { name, description: description ?? '', active: true, createdAt: now });
        });
        // The creator is the room's first owner; the local authority writes that into the new ledger.
        ctx.store.change(ledgerDocId(id), (doc) => ledgerDoc(doc).members.set(ctx.me.userId, owner), 'authority');
      });
      return { id };
    },

    'boardrooms.update': ({ id, name, description }) => {
      requireManager(ctx, id);
      ctx.store.change(roomDocId(id), (doc) => writeFields(roomDoc(doc).meta, { name, description }));
    },

    'boardrooms.archive': ({ id, archived }) => {
      requireManager(ctx, id);
      ctx.store.change(roomDocId(id), (doc) => writeFields(roomDoc(doc).meta, { active: !archived }));
    },
  };
}
