import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../src-shared/ids.js';
import type { Sqlite } from '../store/db.js';
import { ftsSegments, mergeFts, needsMerge } from './fts-merge.js';
import { runFullText } from './fulltext-query.js';
import { openSearchTestApp, type SearchTestApp } from './testing.js';

let app: SearchTestApp;
afterEach(() => app?.dispose());

/** `batches` transactions of a few agenda items each: as many FTS5 segments when automerge is off. */
function smallWrites(sqlite: Sqlite, roomId: string, batches: number, from = 0, words = 0) {
  const meeting = sqlite.prepare(
    `INSERT INTO meetings (id, boardroom_id, title, scheduled_at, duration_minutes, status, location, video_url) VALUES (?, ?, ?, ?, 60, 'scheduled', '', '')`,
  );
  const agenda = sqlite.prepare(
    `INSERT INTO agenda_items (id, meeting_id, position, title, presenter, duration_minutes, notes, document_ids) VALUES (?, ?, 1, ?, 'Chair', 10, ?, '[]')`,
  );
  for (let b = from; b < from + batches; b++) {
    sqlite.transaction(() => {
      for (let i = 0; i < 3; i++) {
        const meetingId = newId();
        meeting.run(meetingId, roomId, `Meeting ${b}.${i}`, Date.UTC(2026, 0, 1) + b * 60_000 + i);
        const extra = Array.from({ length: words }, (_, k) => `term${b}x${i}x${k}`).join(' ');
        agenda.run(newId(), meetingId, `Item ${b}.${i}`, `Liquidity covenant ${b % 7} reviewed with auditor${i} ${extra}`);
      }
    })();
  }
}

/**
 * An app with a room and FTS5's automerge off on `fulltext`: a bulk sync writes faster than automerge
 * keeps up with; with it off every transaction stays a segment (up to FTS5's crisis merge).
 */
async function withoutAutomerge(): Promise<{ sqlite: Sqlite; roomId: string }> {
  app = openSearchTestApp();
  const { id: roomId } = await app.call('boardrooms.create', { name: 'Audit' });
  await app.search.whenIdle();
  const sqlite = app.core.internals.db.sqlite;
  sqlite.prepare("INSERT INTO fulltext (fulltext, rank) VALUES ('automerge', 0)").run();
  return { sqlite, roomId };
}

const ids = (sqlite: Sqlite, userId: string, text: string) =>
  runFullText(sqlite, { text, limit: 200, offset: 0 }, userId)
    .map((h) => h.id)
    .sort();

describe('FTS5 segment merge', () => {
  it('merges an index left in many segments into one, step by step, answering the same', async () => {
    const { sqlite, roomId } = await withoutAutomerge();
    smallWrites(sqlite, roomId, 30, 0, 1000);
    // FTS5's crisis merge still folds 16 segments of a level into one.
    expect(ftsSegments(sqlite, 'fulltext')).toBeGreaterThan(10);
    expect(needsMerge(sqlite, 'fulltext')).toBe(true);
    const answers = { covenant: ids(sqlite, app.userId, 'covenant'), auditor1: ids(sqlite, app.userId, 'auditor1') };
    expect(answers.covenant).toHaveLength(90);
    expect(answers.auditor1).toHaveLength(30);

    let pauses = 0;
    const steps = await mergeFts(sqlite, 'fulltext', async () => {
      pauses += 1;
      return true;
    });
    expect(steps).toBeGreaterThanOrEqual(1);
    expect(pauses).toBe(steps - 1);
    expect(ftsSegments(sqlite, 'fulltext')).toBe(1);
    expect(ids(sqlite, app.userId, 'covenant')).toEqual(answers.covenant);
    expect(ids(sqlite, app.userId, 'auditor1')).toEqual(answers.auditor1);
    expect(() => sqlite.prepare("INSERT INTO fulltext (fulltext, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();

    // A few more small writes: more segments, but the index has not grown by a quarter, so no full rewrite.
    smallWrites(sqlite, roomId, 3, 30);
    expect(ftsSegments(sqlite, 'fulltext')).toBeGreaterThan(4);
    expect(needsMerge(sqlite, 'fulltext')).toBe(false);
    // Much more: worth it again.
    smallWrites(sqlite, roomId, 30, 33, 1000);
    expect(needsMerge(sqlite, 'fulltext')).toBe(true);
  });

  it('stops when told to and goes on where it left off', async () => {
    const { sqlite, roomId } = await withoutAutomerge();
    // Enough distinct terms that one step (a few dozen pages) cannot merge it all.
    smallWrites(sqlite, roomId, 60, 0, 300);
    expect(ftsSegments(sqlite, 'fulltext')).toBeGreaterThan(4);
    const steps = await mergeFts(sqlite, 'fulltext', async () => false);
    expect(steps).toBe(1);
    expect(ftsSegments(sqlite, 'fulltext')).toBeGreaterThan(1);
    // Not recorded as merged: the next background run still wants it.
    expect(needsMerge(sqlite, 'fulltext')).toBe(true);
    await mergeFts(sqlite, 'fulltext', async () => true);
    expect(ftsSegments(sqlite, 'fulltext')).toBe(1);
    expect(ids(sqlite, app.userId, 'covenant')).toHaveLength(180);
    expect(ids(sqlite, app.userId, 'term59x2x299')).toHaveLength(1);
  });

  it('is done by the service in the background when it starts on a fragmented index', async () => {
    const { sqlite, roomId } = await withoutAutomerge();
    smallWrites(sqlite, roomId, 20);
    expect(ftsSegments(sqlite, 'fulltext')).toBeGreaterThan(4);
    app.reopenSearch();
    await app.search.whenIdle();
    expect(ftsSegments(sqlite, 'fulltext')).toBe(1);
    expect(app.logs.some((l) => /^Merged the fulltext search index in \d+ steps, \d+ ms$/.test(l))).toBe(true);
    expect(needsMerge(sqlite, 'fulltext')).toBe(false);
  });
});
