import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../src-shared/ids.js';
import { runFullText } from './fulltext-query.js';
import { openSearchTestApp, type SearchTestApp } from './testing.js';

let app: SearchTestApp;
afterEach(() => app?.dispose());

/** `count` meetings with one agenda item each whose notes say `word`, written as sync would project them. */
function agendaRows(a: SearchTestApp, roomId: string, count: number, notes: (i: number) => string, title = (i: number) => `Item ${i}`) {
  const sqlite = a.core.internals.db.sqlite;
  const meeting = sqlite.prepare(
    `INSERT INTO meetings (id, boardroom_id, title, scheduled_at, duration_minutes, status, location, video_url) VALUES (?, ?, ?, ?, 60, 'scheduled', '', '')`,
  );
  const agenda = sqlite.prepare(
    `INSERT INTO agenda_items (id, meeting_id, position, title, presenter, duration_minutes, notes, document_ids) VALUES (?, ?, 1, ?, 'Chair', 10, ?, '[]')`,
  );
  const ids: string[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const meetingId = newId();
      meeting.run(meetingId, roomId, `Meeting ${i}`, Date.UTC(2026, 0, 1) + i * 60_000);
      const id = newId();
      agenda.run(id, meetingId, title(i), notes(i));
      ids.push(id);
    }
  })();
  return ids;
}

describe('runFullText', () => {
  it('answers a word in more rows than it ranks: a full page, each snippet marking the word the prefix covers', async () => {
    app = openSearchTestApp();
    const { id: roomId } = await app.call('boardrooms.create', { name: 'Main board' });
    const ids = agendaRows(app, roomId, 1_200, (i) => `Quarterly governance review number ${i} of the treasury`);
    // The newest rows include one named after the word: title over body.
    const [titled] = agendaRows(app, roomId, 1, () => 'the treasury again', () => 'Governance charter');
    await app.search.whenIdle();
    const db = app.core.internals.db.sqlite;

    const first = runFullText(db, { text: 'governan', limit: 30, offset: 0 }, app.userId);
    expect(first).toHaveLength(30);
    expect(first[0]!.id).toBe(titled);
    for (const hit of first.slice(1)) {
      expect(ids).toContain(hit.id);
      expect(hit.snippet).toContain('\u0002governance\u0003');
    }
    const second = runFullText(db, { text: 'governan', limit: 30, offset: 30 }, app.userId);
    expect(second).toHaveLength(30);
    expect(new Set([...first, ...second].map((h) => h.id)).size).toBe(60);

    // Two words, the last one typed: both marked; with a room filter every match is ranked, same best hit.
    const [best, body] = runFullText(db, { text: 'treasury governa', limit: 5, offset: 0, boardroomId: roomId }, app.userId);
    expect(best!.id).toBe(titled);
    // snippet() shows the column that matched best: here the title.
    expect(best!.snippet).toBe('\u0002Governance\u0003 charter');
    expect(body!.snippet).toContain('\u0002governance\u0003');
    expect(body!.snippet).toContain('\u0002treasury\u0003');
  });

  it('marks the words a prefix covers in document pages too, accents folded', async () => {
    app = openSearchTestApp();
    const { id: roomId } = await app.call('boardrooms.create', { name: 'Main board' });
    const sqlite = app.core.internals.db.sqlite;
    const hash = 'f'.repeat(64);
    sqlite.prepare('INSERT INTO document_pages (blob_hash, page, text) VALUES (?, 1, ?), (?, 2, ?)').run(hash, 'Nothing here.', hash, 'The Société Générale débenture was redeemed.');
    sqlite
      .prepare(
        `INSERT INTO documents (id, boardroom_id, meeting_id, title, description, blob_hash, mime, size, created_at, deleted_at) VALUES (?, ?, NULL, 'Facility.pdf', '', ?, 'application/pdf', 10, ?, NULL)`,
      )
      .run(newId(), roomId, hash, Date.now());
    await app.search.whenIdle();
    const [hit] = runFullText(sqlite, { text: 'societe debent', limit: 5, offset: 0 }, app.userId);
    expect(hit).toMatchObject({ kind: 'document', page: 2, title: 'Facility.pdf' });
    expect(hit!.snippet).toContain('\u0002Société\u0003');
    expect(hit!.snippet).toContain('\u0002débenture\u0003');
  });
});
