import type { Handlers } from '../../src-shared/contract.js';
import type { ParticipantRow } from '../../src-shared/domain.js';
import { meetingDoc } from '../../src-shared/docs/meeting.js';
import { readNote } from '../../src-shared/docs/notes.js';
import { newNestedMap, writeFields, asNestedMap } from '../../src-shared/docs/read.js';
import { roomDoc } from '../../src-shared/docs/room.js';
import { notFound } from '../../src-shared/errors.js';
import { meetingDocId, newId, notesDocId, roomDocId } from '../../src-shared/ids.js';
import { readRichText } from '../../src-shared/richtext.js';
import type { ParticipantView } from '../../src-shared/views.js';
import { statement } from '../store/db.js';
import { requireEditor, requireMeeting, requireRoom } from './access.js';
import type { HandlerContext } from './context.js';
import { decisionViews } from './ledger.js';
import {
  AGENDA_COLUMNS,
  DOCUMENT_COLUMNS,
  MEETING_COLUMNS,
  asAgendaItem,
  asBool,
  asDocument,
  asMeeting,
} from './rows.js';

export function meetingHandlers(ctx: HandlerContext): Pick<
  Handlers,
  'meetings.page' | 'meetings.get' | 'meetings.schedule' | 'meetings.update' | 'meetings.cancel'
> {
  /** Changes one meeting's entry in its room doc. */
  const updateMeeting = (meetingId: string, fields: Record<string, unknown>) => {
    const meeting = requireMeeting(ctx, meetingId);
    requireEditor(ctx, meeting.boardroomId);
    ctx.store.change(roomDocId(meeting.boardroomId), (doc) => {
      const entry = asNestedMap(roomDoc(doc).meetings.get(meetingId));
      if (!entry) throw notFound(`no meeting with id ${meetingId}`);
      writeFields(entry, fields);
    });
  };

  return {
    'meetings.page': ({ boardroomId, when, offset, limit }) => {
      requireRoom(ctx, boardroomId);
      return { ...ctx.pager.page(boardroomId, when, offset, limit), offset, limit };
    },

    'meetings.get': ({ id }) => {
      const ref = requireMeeting(ctx, id);
      const room = requireRoom(ctx, ref.boardroomId);
      const meeting = asMeeting(statement(ctx.sqlite, `SELECT ${MEETING_COLUMNS} FROM meetings WHERE id = ?`).get(id));
      const agenda = statement(ctx.sqlite, `SELECT ${AGENDA_COLUMNS} FROM agenda_items WHERE meeting_id = ? ORDER BY position`)
        .all(id)
        .map(asAgendaItem);
      const actions = (
        statement(
          ctx.sqlite,
          `SELECT id, meeting_id AS meetingId, title, assignee, due, done, created_at AS createdAt
           FROM action_items WHERE meeting_id = ? ORDER BY created_at, id`,
        ).all(id) as Array<{ done: number }>
      ).map((r) => asBool(r, 'done')) as never;
      const documents = statement(
        ctx.sqlite,
        `SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE meeting_id = ? AND deleted_at IS NULL ORDER BY created_at DESC`,
      )
        .all(id)
        .map(asDocument);
      const participants = statement(
        ctx.sqlite,
        `SELECT p.meeting_id AS meetingId, p.user_id AS userId, p.response, p.responded_at AS respondedAt,
                coalesce(u.name, 'Unknown member') AS name
         FROM meeting_participants p LEFT JOIN users u ON u.id = p.user_id
         WHERE p.meeting_id = ? ORDER BY name`,
      ).all(id) as ParticipantView[];
      const mine = participants.find((p) => p.userId === ctx.me.userId);
      return {
        meeting,
        boardroom: { id: room.id, name: room.name, active: room.active },
        myRole: room.role,
        agenda,
        actions,
        documents,
        decisions: decisionViews(ctx, room.id, 'AND d.meeting_id = @meetingId', { meetingId: id }),
        minutes: readRichText(meetingDoc(ctx.store.get(meetingDocId(id))).minutes),
        participants,
        myRsvp: (mine?.response ?? null) as ParticipantRow['response'] | null,
        myNote: readNote(ctx.store.get(notesDocId(ctx.me.userId)), id)?.text ?? '',
      };
    },

    'meetings.schedule': ({ boardroomId, title, scheduledAt, durationMinutes, location, videoUrl }) => {
      requireEditor(ctx, boardroomId);
      const id = newId();
      ctx.store.batch(() => {
        ctx.store.change(roomDocId(boardroomId), (doc) => {
          roomDoc(doc).meetings.set(
            id,
            newNestedMap({
              title,
              scheduledAt,
              durationMinutes: durationMinutes ?? 60,
              status: 'scheduled',
              location: location ?? '',
              videoUrl: videoUrl ?? '',
            }),
          );
        });
        ctx.store.change(meetingDocId(id), (doc) => writeFields(meetingDoc(doc).meta, { roomId: boardroomId }));
      });
      return { id };
    },

    'meetings.update': ({ id, ...fields }) => updateMeeting(id, fields),

    'meetings.cancel': ({ id }) => updateMeeting(id, { status: 'cancelled' }),
  };
}
