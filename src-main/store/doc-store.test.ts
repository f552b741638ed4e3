import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { meetingDoc } from '../../src-shared/docs/meeting.js';
import { writeFields } from '../../src-shared/docs/read.js';
import { roomDoc } from '../../src-shared/docs/room.js';
import { ledgerDoc } from '../../src-shared/docs/ledger.js';
import { ledgerDocId, meetingDocId, roomDocId } from '../../src-shared/ids.js';
import { openTestApp, projectionDump, type TestApp } from '../testing.js';
import { COMPACT_AFTER_UPDATES } from './doc-store.js';

let app: TestApp;
afterEach(() => app?.dispose());

const count = (a: TestApp, sql: string, ...params: unknown[]) =>
  (a.core.internals.db.sqlite.prepare(sql).get(...params) as { n: number }).n;

describe('DocStore', () => {
  it('appends every edit to y_updates and reloads the same content after reopening', async () => {
    app = openTestApp({ seedDemo: false });
    const { id: roomId } = await app.call('boardrooms.create', { name: 'Finance Committee' });
    const { id: meetingId } = await app.call('meetings.schedule', { boardroomId: roomId, title: 'Q3 review', scheduledAt: Date.UTC(2027, 1, 1) });
    for (let i = 0; i < 5; i++) await app.call('agenda.add', { meetingId, title: `Item ${i}` });
    const before = Y.encodeStateAsUpdate(app.core.internals.store.get(meetingDocId(meetingId)));
    expect(count(app, 'SELECT count(*) AS n FROM y_updates WHERE doc_id = ?', meetingDocId(meetingId))).toBe(6);

    app = app.reopen();
    const reloaded = app.core.internals.store.get(meetingDocId(meetingId));
    const expected = new Y.Doc();
    Y.applyUpdate(expected, before);
    expect(reloaded.getMap('agenda').toJSON()).toEqual(expected.getMap('agenda').toJSON());
    const detail = await app.call('meetings.get', { id: meetingId });
    expect(detail.agenda.map((a) => a.title)).toEqual(['Item 0', 'Item 1', 'Item 2', 'Item 3', 'Item 4']);
  });

  it('compaction merges the log into a snapshot and keeps the content identical', async () => {
    app = openTestApp({ seedDemo: false });
    const { id: roomId } = await app.call('boardrooms.create', { name: 'Board' });
    const { id: meetingId } = await app.call('meetings.schedule', { boardroomId: roomId, title: 'AGM', scheduledAt: Date.UTC(2027, 5, 1) });
    for (let i = 0; i < 40; i++) await app.call('agenda.add', { meetingId, title: `Item ${i}`, notes: 'x'.repeat(i) });
    await app.call('minutes.save', { meetingId, delta: [{ insert: 'Resolved', attributes: { bold: true } }, { insert: ': approved\n' }] });
    const store = app.core.internals.store;
    const docId = meetingDocId(meetingId);
    const json = (doc: Y.Doc) => ({ agenda: doc.getMap('agenda').toJSON(), minutes: meetingDoc(doc).minutes.toDelta() });
    const before = json(store.get(docId));
    const rowsBefore = projectionDump(app.core);

    store.compact(docId);
    expect(count(app, 'SELECT count(*) AS n FROM y_updates WHERE doc_id = ?', docId)).toBe(0);
    expect(count(app, 'SELECT count(*) AS n FROM y_snapshots WHERE doc_id = ?', docId)).toBe(1);

    app = app.reopen();
    expect(json(app.core.internals.store.get(docId))).toEqual(before);
    expect(projectionDump(app.core)).toEqual(rowsBefore);
  });

  it(`compacts by itself after ${COMPACT_AFTER_UPDATES} updates, not on every write`, async () => {
    app = openTestApp({ seedDemo: false });
    const { id: roomId } = await app.call('boardrooms.create', { name: 'Board' });
    const docId = roomDocId(roomId);
    const store = app.core.internals.store;
    // boardrooms.create wrote the first update.
    for (let i = 2; i < COMPACT_AFTER_UPDATES; i++) store.change(docId, (doc) => roomDoc(doc).meta.set('description', `v${i}`));
    expect(count(app, 'SELECT count(*) AS n FROM y_updates WHERE doc_id = ?', docId)).toBe(COMPACT_AFTER_UPDATES - 1);
    expect(count(app, 'SELECT count(*) AS n FROM y_snapshots WHERE doc_id = ?', docId)).toBe(0);
    store.change(docId, (doc) => roomDoc(doc).meta.set('description', 'last'));
    expect(count(app, 'SELECT count(*) AS n FROM y_updates WHERE doc_id = ?', docId)).toBe(0);
    app = app.reopen();
    expect(roomDoc(app.core.internals.store.get(docId)).meta.get('description')).toBe('last');
  });

  it('a change whose commit fails is not left in memory', async () => {
    app = openTestApp({ seedDemo: false });
    const { id: roomId } = await app.call('boardrooms.create', { name: 'Before' });
    const sqlite = app.core.internals.db.sqlite;
    sqlite.exec(`CREATE TRIGGER refuse BEFORE INSERT ON y_updates BEGIN SELECT RAISE(ABORT, 'disk refused'); END`);
    const failed = await app.refusal('boardrooms.update', { id: roomId, name: 'After' });
    expect(failed.code).toBe('internal');
    sqlite.exec('DROP TRIGGER refuse');
    expect(roomDoc(app.core.internals.store.get(roomDocId(roomId))).meta.get('name')).toBe('Before');
    expect((await app.call('boardrooms.get', { id: roomId })).name).toBe('Before');
  });

  it('projects the first update a new replica receives (regression: root types defined late)', async () => {
    app = openTestApp({ seedDemo: false });
    const { id: roomId } = await app.call('boardrooms.create', { name: 'Board' });
    const elsewhere = new Y.Doc();
    ledgerDoc(elsewhere).members.set('server-user', { name: 'Ada', email: 'ada@example.com', role: 'owner', active: true, addedAt: 1 });
    app.core.internals.store.forget(ledgerDocId(roomId));
    expect(count(app, 'SELECT count(*) AS n FROM boardroom_members WHERE boardroom_id = ?', roomId)).toBe(0);
    app.core.internals.store.applyUpdate(ledgerDocId(roomId), Y.encodeStateAsUpdate(elsewhere));
    const rows = app.core.internals.db.sqlite.prepare('SELECT user_id AS userId, role FROM boardroom_members WHERE boardroom_id = ?').all(roomId);
    expect(rows).toEqual([{ userId: 'server-user', role: 'owner' }]);
  });

  it('skips updates that bring nothing new', async () => {
    app = openTestApp({ seedDemo: false });
    const { id: roomId } = await app.call('boardrooms.create', { name: 'Board' });
    const docId = roomDocId(roomId);
    const store = app.core.internals.store;
    const n = count(app, 'SELECT count(*) AS n FROM y_updates');
    expect(store.applyUpdate(docId, Y.encodeStateAsUpdate(store.get(docId)))).toBeNull();
    expect(store.change(docId, (doc) => writeFields(roomDoc(doc).meta, { name: 'Board' }))).toBeNull();
    expect(count(app, 'SELECT count(*) AS n FROM y_updates')).toBe(n);
  });
});
