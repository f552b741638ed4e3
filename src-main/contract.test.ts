// Every handler refuses malformed input with a readable error, and a refusal changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDLER_NAMES } from '../src-shared/contract.js';
import { openTestApp, projectionDump, type TestApp } from './testing.js';

let app: TestApp;
let roomId = '';
let meetingId = '';
let observerRoomId = '';

beforeAll(async () => {
  app = openTestApp();
  const rooms = await app.call('boardrooms.list', {});
  roomId = rooms.find((r) => r.myRole === 'owner')!.id;
  observerRoomId = rooms.find((r) => r.myRole === 'observer')!.id;
  meetingId = (await app.call('meetings.page', { boardroomId: roomId, when: 'upcoming', limit: 1 })).items[0]!.id;
});
afterAll(() => app.dispose());

function stateOf() {
  const sqlite = app.core.internals.db.sqlite;
  return {
    updates: sqlite.prepare('SELECT count(*) AS n, coalesce(max(id), 0) AS last FROM y_updates').get(),
    rows: projectionDump(app.core),
  };
}

const cases: Array<[string, string, unknown, RegExp]> = [
  ['missing field', 'meetings.schedule', { boardroomId: 'ROOM', scheduledAt: 1 }, /title: must be text/],
  ['wrong type', 'agenda.add', { meetingId: 'MEETING', title: 42 }, /title: must be text/],
  ['unknown field', 'boardrooms.update', { id: 'ROOM', name: 'x', isAdmin: true }, /Unrecognized key.*isAdmin/],
  ['oversize string', 'agenda.add', { meetingId: 'MEETING', title: 'x'.repeat(201) }, /title: must be at most 200 characters/],
  ['empty title', 'boardrooms.create', { name: '   ' }, /name: cannot be empty/],
  ['bad id', 'meetings.get', { id: '../../etc/passwd' }, /id: must be an id/],
  ['unknown id', 'meetings.get', { id: 'no-such-meeting' }, /no meeting with id no-such-meeting/],
  ['unknown room', 'meetings.schedule', { boardroomId: 'nope', title: 'x', scheduledAt: 1 }, /no boardroom with id nope/],
  ['limit too big', 'meetings.page', { boardroomId: 'ROOM', when: 'past', limit: 5000 }, /limit must be between 1 and 500/],
  ['negative offset', 'meetings.page', { boardroomId: 'ROOM', when: 'past', offset: -1 }, /offset must be 0 or more/],
  ['bad enum', 'meetings.page', { boardroomId: 'ROOM', when: 'sideways' }, /when/],
  ['not an object', 'boardrooms.create', 'Board', /expected object/i],
  ['unknown method', 'boardrooms.drop', {}, /unknown request "boardrooms.drop"/],
  ['not base64', 'documents.attach', { boardroomId: 'ROOM', title: 't', mime: 'text/plain', dataBase64: '%%%' }, /must be base64/],
  ['bad mime', 'documents.attach', { boardroomId: 'ROOM', title: 't', mime: 'pdf', dataBase64: '' }, /MIME type/],
  ['bad rich text', 'minutes.save', { meetingId: 'MEETING', delta: [{ insert: 'x', attributes: { script: 'alert(1)' } }] }, /Unrecognized key/],
  ['command without id', 'votes.cast', { boardroomId: 'ROOM', decisionId: 'd', option: 'For' }, /commandId/],
  ['observer edit', 'meetings.schedule', { boardroomId: 'OBSERVER_ROOM', title: 'x', scheduledAt: 1 }, /you are an observer in "Audit & Risk Committee"/],
  ['unknown agenda item', 'agenda.update', { meetingId: 'MEETING', itemId: 'nope', title: 'x' }, /no agenda item with id nope/],
];

describe('contract', () => {
  it.each(cases)('refuses %s and changes nothing', async (_what, method, rawInput, message) => {
    const input = JSON.parse(
      JSON.stringify(rawInput).replaceAll('OBSERVER_ROOM', observerRoomId).replaceAll('ROOM', roomId).replaceAll('MEETING', meetingId),
    );
    const before = stateOf();
    const error = await app.refusal(method, input);
    expect(error.message).toMatch(message);
    expect(['invalid_input', 'not_found', 'forbidden']).toContain(error.code);
    expect(stateOf()).toEqual(before);
  });

  it('refuses an attachment over the size limit', async () => {
    const before = stateOf();
    const error = await app.refusal('documents.attach', {
      boardroomId: roomId,
      title: 'huge.bin',
      mime: 'application/octet-stream',
      dataBase64: 'A'.repeat(28 * 1024 * 1024),
    });
    expect(error.message).toMatch(/file must be at most 20 MiB/);
    expect(stateOf()).toEqual(before);
  });

  it('serves every handler of the contract', async () => {
    for (const name of HANDLER_NAMES) {
      const result = await app.core.dispatch(name, { definitely: 'not valid' });
      expect(result.ok ? '' : result.error.message, name).not.toMatch(/unknown request/);
    }
  });

  it('stores an attachment content-addressed and opens the same bytes', async () => {
    const bytes = Buffer.from('Board paper: confidential\n');
    const { id } = await app.call('documents.attach', { boardroomId: roomId, meetingId, title: 'paper.txt', mime: 'text/plain', dataBase64: bytes.toString('base64') });
    const again = await app.call('documents.attach', { boardroomId: roomId, title: 'copy.txt', mime: 'text/plain', dataBase64: bytes.toString('base64') });
    const opened = await app.call('documents.open', { id });
    expect(Buffer.from(opened.dataBase64, 'base64')).toEqual(bytes);
    expect(opened.blobHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await app.call('documents.open', { id: again.id })).blobHash).toBe(opened.blobHash);
    const stored = app.core.internals.db.sqlite.prepare('SELECT count(*) AS n FROM blobs WHERE hash = ?').get(opened.blobHash) as { n: number };
    expect(stored.n).toBe(1);
  });
});
