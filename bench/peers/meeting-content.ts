// What an open doc holds in the RSS-per-doc measure: a meeting of ~1.6 KB (meta, six agenda items,
// a page of minutes, three action items), in our meeting doc layout so our server accepts it and the
// peers hold exactly the same bytes.
import * as Y from 'yjs';
import { meetingDoc } from '../../src-shared/docs/meeting.js';

export function fillMeeting(doc: Y.Doc, index: number): void {
  const meeting = meetingDoc(doc);
  doc.transact(() => {
    meeting.meta.set('title', `Board meeting ${index}`);
    meeting.meta.set('scheduledAt', Date.UTC(2027, 0, 1) + index * 86_400_000);
    for (let i = 0; i < 6; i++) {
      const item = new Y.Map<unknown>();
      meeting.agenda.set(`item-${i}`, item);
      item.set('title', `Agenda item ${i + 1}: review of the quarter's figures`);
      item.set('rank', i + 1);
      item.set('durationMinutes', 15);
    }
    meeting.minutes.insert(0, 'The chair opened the meeting and confirmed a quorum. '.repeat(12));
    for (let i = 0; i < 3; i++) {
      const action = new Y.Map<unknown>();
      meeting.actions.set(`action-${i}`, action);
      action.set('title', `Follow up on item ${i + 1}`);
      action.set('done', false);
    }
  });
}

export function meetingUpdate(index: number): Uint8Array {
  const doc = new Y.Doc();
  fillMeeting(doc, index);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
