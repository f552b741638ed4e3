import type { Handlers } from '../../src-shared/contract.js';
import { meetingDoc, rankBetween, rankForIndex, orderedAgenda, type MeetingDoc } from '../../src-shared/docs/meeting.js';
import { asNestedMap, newNestedMap, writeFields } from '../../src-shared/docs/read.js';
import { notFound } from '../../src-shared/errors.js';
import { meetingDocId, newId } from '../../src-shared/ids.js';
import { applyRichText } from '../../src-shared/richtext.js';
import { requireEditor, requireMeeting } from './access.js';
import type { HandlerContext } from './context.js';

export function agendaHandlers(ctx: HandlerContext): Pick<
  Handlers,
  'agenda.add' | 'agenda.update' | 'agenda.move' | 'agenda.remove' | 'minutes.save' | 'actions.add' | 'actions.update'
> {
  /** Runs `edit` on the meeting doc once the local user is allowed to edit its room. */
  const editMeeting = (meetingId: string, edit: (meeting: MeetingDoc) => void) => {
    const ref = requireMeeting(ctx, meetingId);
    requireEditor(ctx, ref.boardroomId);
    ctx.store.change(meetingDocId(meetingId), (doc) => edit(meetingDoc(doc)));
  };
  const entry = (map: MeetingDoc['agenda'], id: string, what: string) => {
    const found = asNestedMap(map.get(id));
    if (!found) throw notFound(`no ${what} with id ${id} in this meeting`);
    return found;
  };

  return {
    'agenda.add': ({ meetingId, title, presenter, durationMinutes, notes }) => {
      const id = newId();
      editMeeting(meetingId, (meeting) => {
        const last = orderedAgenda(meeting).at(-1);
        meeting.agenda.set(
          id,
          newNestedMap({
            title,
            presenter: presenter ?? '',
            durationMinutes: durationMinutes ?? 10,
            notes: notes ?? '',
            documentIds: [],
            rank: rankBetween(last?.rank, undefined),
          }),
        );
      });
      return { id };
    },

    'agenda.update': ({ meetingId, itemId, ...fields }) =>
      editMeeting(meetingId, (meeting) => writeFields(entry(meeting.agenda, itemId, 'agenda item'), fields)),

    'agenda.move': ({ meetingId, itemId, toIndex }) =>
      editMeeting(meetingId, (meeting) => {
        const item = entry(meeting.agenda, itemId, 'agenda item');
        item.set('rank', rankForIndex(meeting, itemId, toIndex));
      }),

    'agenda.remove': ({ meetingId, itemId }) =>
      editMeeting(meetingId, (meeting) => {
        entry(meeting.agenda, itemId, 'agenda item');
        meeting.agenda.delete(itemId);
      }),

    'minutes.save': ({ meetingId, delta }) => editMeeting(meetingId, (meeting) => applyRichText(meeting.minutes, delta)),

    'actions.add': ({ meetingId, title, assignee, due }) => {
      const id = newId();
      editMeeting(meetingId, (meeting) => {
        meeting.actions.set(
          id,
          newNestedMap({ title, assignee: assignee ?? '', due: due ?? null, done: false, createdAt: ctx.now() }),
        );
      });
      return { id };
    },

    'actions.update': ({ meetingId, actionId, ...fields }) =>
      editMeeting(meetingId, (meeting) => writeFields(entry(meeting.actions, actionId, 'action item'), fields)),
  };
}
