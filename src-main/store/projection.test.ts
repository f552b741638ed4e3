// The projection kept current edit by edit must equal a rebuild from the stored docs.
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { meetingDoc } from '../../src-shared/docs/meeting.js';
import { newNestedMap } from '../../src-shared/docs/read.js';
import { roomDoc } from '../../src-shared/docs/room.js';
import { meetingDocId, newId, roomDocId } from '../../src-shared/ids.js';
import { random } from '../demo/seed.js';
import { openTestApp, projectionDump, type TestApp } from '../testing.js';

let app: TestApp;
afterEach(() => app?.dispose());

describe('projection', () => {
  for (const seed of [1, 2, 3]) {
    it(`equals a rebuild from the docs after a random edit sequence (seed ${seed})`, async () => {
      app = openTestApp({ seedDemo: true });
      const rand = random(seed);
      const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
      const rooms = (await app.call('boardrooms.list', {})).filter((r) => r.myRole !== 'observer').map((r) => r.id);
      const meetings: Array<{ id: string; roomId: string }> = [];
      for (const roomId of rooms) {
        for (const m of (await app.call('meetings.page', { boardroomId: roomId, when: 'all', limit: 500 })).items) meetings.push({ id: m.id, roomId });
      }
      const store = app.core.internals.store;

      for (let step = 0; step < 300; step++) {
        const m = pick(meetings);
        const detail = await app.call('meetings.get', { id: m.id });
        const item = detail.agenda.length ? pick(detail.agenda) : null;
        const action = detail.actions.length ? pick(detail.actions) : null;
        switch (Math.floor(rand() * 12)) {
          case 0: await app.call('agenda.add', { meetingId: m.id, title: `Added ${step}` }); break;
          case 1: if (item) await app.call('agenda.update', { meetingId: m.id, itemId: item.id, title: `Edited ${step}`, durationMinutes: 1 + step % 60 }); break;
          case 2: if (item) await app.call('agenda.move', { meetingId: m.id, itemId: item.id, toIndex: Math.floor(rand() * 12) }); break;
          case 3: if (item) await app.call('agenda.remove', { meetingId: m.id, itemId: item.id }); break;
          case 4: await app.call('meetings.update', { id: m.id, title: `Retitled ${step}`, scheduledAt: Date.UTC(2026, 0, 1) + step * 3_600_000 }); break;
          case 5: await app.call('meetings.cancel', { id: m.id }); break;
          case 6: await app.call('actions.add', { meetingId: m.id, title: `Action ${step}`, assignee: 'Sophie Laurent' }); break;
          case 7: if (action) await app.call('actions.update', { meetingId: m.id, actionId: action.id, done: !action.done }); break;
          case 8: await app.call('minutes.save', { meetingId: m.id, delta: [{ insert: `Minutes ${step}`, attributes: { italic: true } }, { insert: '\n' }] }); break;
          case 9: {
            // A remote-style update: made on another replica, merged in as bytes.
            const other = new Y.Doc();
            Y.applyUpdate(other, Y.encodeStateAsUpdate(store.get(roomDocId(m.roomId))));
            const sv = Y.encodeStateVector(other);
            const room = roomDoc(other);
            room.meetings.set(newId(), newNestedMap({ title: `Remote ${step}`, scheduledAt: step, status: 'scheduled' }));
            const doomed = pick([...room.meetings.keys()]);
            if (!meetings.some((x) => x.id === doomed)) room.meetings.delete(doomed);
            store.applyUpdate(roomDocId(m.roomId), Y.encodeStateAsUpdate(other, sv));
            break;
          }
          case 10: {
            const other = new Y.Doc();
            Y.applyUpdate(other, Y.encodeStateAsUpdate(store.get(meetingDocId(m.id))));
            const sv = Y.encodeStateVector(other);
            meetingDoc(other).actions.set(newId(), 'not a map: a peer wrote junk');
            meetingDoc(other).agenda.set(newId(), newNestedMap({ title: 42, rank: 'high' }));
            store.applyUpdate(meetingDocId(m.id), Y.encodeStateAsUpdate(other, sv));
            break;
          }
          case 11: await app.call('votes.cast', { commandId: crypto.randomUUID(), boardroomId: m.roomId, decisionId: pick((await app.call('decisions.list', { boardroomId: m.roomId })).map((d) => d.id)), option: 'For' }).catch(() => {}); break;
        }
      }
      const incremental = projectionDump(app.core);
      store.rebuildProjections();
      expect(projectionDump(app.core)).toEqual(incremental);
      expect(incremental.meetings!.length).toBeGreaterThan(60);
    });
  }
});
