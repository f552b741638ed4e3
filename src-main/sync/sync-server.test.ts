// The desktop client against the real sync server (a child process on real PostgreSQL and Redis):
// uploading a personal workspace, a second device syncing it down, edits crossing both ways, offline
// edits merging, and a vote going through the outbox to the server's authority.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../testing.js';
import { startTestSyncServer, type TestSyncServer } from './test-server.js';

let server: TestSyncServer;
let serverUrl = '';
const apps: TestApp[] = [];

beforeAll(async () => {
  server = await startTestSyncServer('client_sync');
  serverUrl = server.url;
  server.addUser('jordan@example.com', 'Jordan Avery', 'correct horse battery');
}, 60_000);

afterAll(async () => {
  for (const app of apps) app.dispose();
  await server?.stop();
});

let lastStatus = '';
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what} (last sync status: ${lastStatus})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const saved = (app: TestApp) => async () => {
  const s = await app.call('sync.status', {});
  lastStatus = JSON.stringify(s);
  return s.state === 'saved' && s.pending === 0;
};

describe('desktop client with the sync server', () => {
  it('uploads a personal workspace, syncs it to a second device, and edits cross both ways', async () => {
    const laptop = openTestApp();
    const desktop = openTestApp({ seedDemo: false });
    apps.push(laptop, desktop);
    const board = (await laptop.call('boardrooms.list', {})).find((r) => r.myRole === 'owner')!;

    const signedIn = await laptop.call('sync.signIn', { serverUrl, email: 'jordan@example.com', password: 'correct horse battery' });
    expect(signedIn.signedIn).toBe(true);
    await until('the laptop to upload its workspace', saved(laptop));

    await desktop.call('sync.signIn', { serverUrl, email: 'jordan@example.com', password: 'correct horse battery' });
    await until('the desktop to receive the board', async () => {
      lastStatus = JSON.stringify(await desktop.call('sync.status', {}));
      return (await desktop.call('boardrooms.list', {})).some((r) => r.id === board.id);
    });
    const meeting = (await laptop.call('meetings.page', { boardroomId: board.id, when: 'upcoming', limit: 1 })).items[0]!;
    await until('the meeting to arrive', async () => (await desktop.call('meetings.page', { boardroomId: board.id, when: 'upcoming', limit: 1 })).items[0]?.id === meeting.id);

    // Both devices have the meeting open; an agenda edit on one shows on the other.
    await laptop.call('sync.focus', { docIds: [`room:${board.id}`, `meeting:${meeting.id}`] });
    await desktop.call('sync.focus', { docIds: [`room:${board.id}`, `meeting:${meeting.id}`] });
    await until('the agenda to arrive', async () => (await desktop.call('meetings.get', { id: meeting.id })).agenda.length > 0);
    await laptop.call('agenda.add', { meetingId: meeting.id, title: 'Added on the laptop' });
    await until('the laptop edit on the desktop', async () => (await desktop.call('meetings.get', { id: meeting.id })).agenda.some((a) => a.title === 'Added on the laptop'));
    await desktop.call('agenda.add', { meetingId: meeting.id, title: 'Added on the desktop' });
    await until('the desktop edit on the laptop', async () => (await laptop.call('meetings.get', { id: meeting.id })).agenda.some((a) => a.title === 'Added on the desktop'));

    // Offline on both sides, then back: both edits survive on both devices.
    laptop.core.internals.sync.engine.stop();
    desktop.core.internals.sync.engine.stop();
    await laptop.call('meetings.update', { id: meeting.id, location: 'Offline laptop room' });
    await desktop.call('agenda.add', { meetingId: meeting.id, title: 'Offline desktop item' });
    laptop.core.internals.sync.engine.start();
    desktop.core.internals.sync.engine.start();
    await laptop.call('sync.focus', { docIds: [`room:${board.id}`, `meeting:${meeting.id}`] });
    await desktop.call('sync.focus', { docIds: [`room:${board.id}`, `meeting:${meeting.id}`] });
    await until('offline edits to merge', async () => {
      const a = await laptop.call('meetings.get', { id: meeting.id });
      const b = await desktop.call('meetings.get', { id: meeting.id });
      return (
        a.meeting.location === 'Offline laptop room' &&
        b.meeting.location === 'Offline laptop room' &&
        a.agenda.some((i) => i.title === 'Offline desktop item') &&
        b.agenda.some((i) => i.title === 'Offline desktop item')
      );
    });

    // A file attached on the laptop is uploaded by the sweep and downloaded by the desktop on open.
    const paper = Buffer.from('Strictly confidential: the acquisition shortlist\n');
    const { id: documentId } = await laptop.call('documents.attach', { boardroomId: board.id, meetingId: meeting.id, title: 'shortlist.txt', mime: 'text/plain', dataBase64: paper.toString('base64') });
    laptop.core.internals.sync.engine.kick();
    await until('the file to reach the desktop', async () => {
      const result = await desktop.core.dispatch('documents.open', { id: documentId });
      return result.ok && Buffer.from((result.output as { dataBase64: string }).dataBase64, 'base64').equals(paper);
    });

    // A vote goes through the outbox to the server's authority and comes back in the ledger.
    const decision = (await desktop.call('decisions.list', { boardroomId: board.id })).find((d) => d.status === 'open' && !d.myVote)!;
    const cast = await desktop.call('votes.cast', { commandId: crypto.randomUUID(), boardroomId: board.id, decisionId: decision.id, option: decision.options[0]! });
    expect(cast.queued).toBe(true);
    await until('the vote to come back from the server', async () => (await laptop.call('decisions.list', { boardroomId: board.id })).find((d) => d.id === decision.id)?.myVote === decision.options[0]);
    expect((await desktop.call('outbox.list', {})).length).toBe(0);
  }, 120_000);

  it('forwards the renderer\'s paint timings to the server when signed in, and drops them offline', async () => {
    const app = openTestApp({ seedDemo: false });
    apps.push(app);
    const report = { metrics: { FCP: 420, LCP: 610, CLS: 0.01, first_list_painted: 480 }, surface: 'web' as const };
    expect(await app.call('rum.report', report)).toEqual({ sent: false });
    await app.call('sync.signIn', { serverUrl, email: 'jordan@example.com', password: 'correct horse battery' });
    expect(await app.call('rum.report', report)).toEqual({ sent: true });
    const metrics = await (await fetch(new URL('/metrics', serverUrl))).text();
    expect(metrics).toMatch(/rum_first_list_painted_seconds_count\{surface="web"\} [1-9]/);
    expect(metrics).toMatch(/rum_cls_count\{surface="web"\} [1-9]/);
    // The contract refuses what the server would: an unknown metric, a negative time.
    expect((await app.refusal('rum.report', { metrics: { TTFB: 1 } })).code).toBe('invalid_input');
    expect((await app.refusal('rum.report', { metrics: { FCP: -1 } })).message).toMatch(/0 or more/);
  }, 60_000);
});
