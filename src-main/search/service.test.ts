import { afterEach, describe, expect, it } from 'vitest';
import { openSearchTestApp, type SearchTestApp } from './testing.js';
import { SEARCH_SCHEMA_VERSION } from './service.js';

let app: SearchTestApp;
afterEach(() => app?.dispose());

const DAY = 86_400_000;

async function roomWithMeeting(a: SearchTestApp, name = 'Audit Committee') {
  const { id: roomId } = await a.call('boardrooms.create', { name });
  const { id: meetingId } = await a.call('meetings.schedule', { boardroomId: roomId, title: 'Quarterly review', scheduledAt: Date.now() + DAY });
  return { roomId, meetingId };
}

function allFeed(a: SearchTestApp, after = 0, limit = 500) {
  const items = [];
  let clock = after;
  for (;;) {
    const page = a.search.feed(clock, limit);
    items.push(...page.items);
    clock = page.clock;
    if (!page.more) return { items, clock };
  }
}

const texts = async (a: SearchTestApp, text: string, extra: object = {}) =>
  (await a.search.query({ text, limit: 20, offset: 0, ...extra })).hits;

describe('SearchService', () => {
  it('indexes a workspace that existed before search, then follows agenda edits, minutes and removals', async () => {
    app = openSearchTestApp();
    const { roomId, meetingId } = await roomWithMeeting(app);
    const { id: itemId } = await app.call('agenda.add', { meetingId, title: 'Liquidity covenant', presenter: 'Ada Park', notes: 'Headroom under the revolving facility' });
    await app.search.whenIdle();

    const first = allFeed(app);
    const item = first.items.find((i) => i.id === itemId)!;
    expect(item).toMatchObject({ kind: 'agenda', title: 'Liquidity covenant', boardroomId: roomId, meetingId, deleted: false });
    expect(item.subtitle).toBe('Quarterly review · Ada Park');
    expect(first.items.find((i) => i.id === roomId)).toMatchObject({ kind: 'boardroom', title: 'Audit Committee' });
    expect(first.items.find((i) => i.id === meetingId)).toMatchObject({ kind: 'meeting', subtitle: 'Audit Committee' });
    expect(first.items.some((i) => i.kind === 'person' && i.id === app.userId)).toBe(true);
    expect(app.search.feed(0, 10).readableRooms).toEqual([roomId]);

    const [hit] = await texts(app, 'revolv');
    expect(hit).toMatchObject({ kind: 'agenda', id: itemId, boardroomId: roomId, meetingId, page: null, title: 'Liquidity covenant' });
    expect(hit!.snippet).toContain('\u0002revolving\u0003');

    // An edit through the handlers: the feed gives the new title after the last clock, the index follows.
    await app.call('agenda.update', { meetingId, itemId, title: 'Dividend policy', notes: 'Interim payout' });
    const next = allFeed(app, first.clock);
    expect(next.items.map((i) => [i.id, i.title])).toEqual([[itemId, 'Dividend policy']]);
    expect(await texts(app, 'revolving')).toEqual([]);
    expect((await texts(app, 'payout'))[0]).toMatchObject({ id: itemId, title: 'Dividend policy' });

    // An edit that leaves searchable fields alone changes nothing in the feed.
    await app.call('agenda.update', { meetingId, itemId, durationMinutes: 25 });
    expect(allFeed(app, next.clock).items).toEqual([]);

    // Renaming the meeting renames what its agenda items show.
    await app.call('meetings.update', { id: meetingId, title: 'Year-end review' });
    const renamed = allFeed(app, next.clock).items;
    expect(renamed.find((i) => i.id === itemId)?.subtitle).toBe('Year-end review · Ada Park');

    await app.call('minutes.save', { meetingId, delta: [{ insert: 'The board approved the ' }, { insert: 'débenture', attributes: { bold: true } }, { insert: ' issue.\n' }] });
    const [minutes] = await texts(app, 'debenture');
    expect(minutes).toMatchObject({ kind: 'minutes', id: meetingId, title: 'Year-end review', boardroomId: roomId });
    expect(minutes!.snippet).toContain('\u0002débenture\u0003');

    await app.call('agenda.remove', { meetingId, itemId });
    const removed = allFeed(app, next.clock).items.filter((i) => i.id === itemId).at(-1);
    expect(removed).toMatchObject({ deleted: true });
    expect(await texts(app, 'payout')).toEqual([]);
  });

  it('never returns hits from a room the user is not a member of, and filters by room, kind and date', async () => {
    app = openSearchTestApp();
    const mine = await roomWithMeeting(app, 'Board');
    const other = await roomWithMeeting(app, 'Remuneration');
    await app.call('agenda.add', { meetingId: mine.meetingId, title: 'Pension scheme', notes: 'actuarial valuation' });
    await app.call('agenda.add', { meetingId: other.meetingId, title: 'Pension scheme', notes: 'actuarial valuation' });
    await app.call('minutes.save', { meetingId: mine.meetingId, delta: [{ insert: 'Pension discussed\n' }] });
    // Membership of the second room ends (as a removal from the ledger would project it).
    app.core.internals.db.sqlite.prepare('UPDATE boardroom_members SET active = 0 WHERE boardroom_id = ?').run(other.roomId);
    await app.search.whenIdle();

    const hits = await texts(app, 'pension');
    expect(hits.length).toBe(2);
    expect(new Set(hits.map((h) => h.boardroomId))).toEqual(new Set([mine.roomId]));
    expect(app.search.feed(0, 100).readableRooms).toEqual([mine.roomId]);
    expect(await texts(app, 'pension', { boardroomId: other.roomId })).toEqual([]);
    expect((await texts(app, 'pension', { kinds: ['minutes'] })).map((h) => h.kind)).toEqual(['minutes']);
    expect(await texts(app, 'pension', { to: Date.now() })).toEqual([]);
    expect((await texts(app, 'pension', { from: Date.now(), to: Date.now() + 2 * DAY })).length).toBe(2);
    // Title over body: the agenda item named after the word outranks minutes that only mention it.
    expect(hits[0]!.kind).toBe('agenda');
  });

  it('turns any user text into a query that runs', async () => {
    app = openSearchTestApp();
    const { meetingId } = await roomWithMeeting(app);
    await app.call('agenda.add', { meetingId, title: 'Near miss report', notes: 'safety (incidents) - and "quoted" words' });
    await app.search.whenIdle();
    for (const text of ['', '   ', '"', '""', '*', 'near*', 'NEAR(near miss)', '-safety', '(incidents', 'incidents)', 'a OR b', 'NOT', 'AND', '^near', 'title:near', '"quoted', '\u0000', '🙂', 'n']) {
      await expect(app.search.query({ text, limit: 5, offset: 0 }), text).resolves.toBeDefined();
    }
    expect((await texts(app, 'NEAR(near miss)')).length).toBe(1);
    expect((await texts(app, '-safety "quoted')).length).toBe(1);
    expect(await texts(app, '')).toEqual([]);
  });

  it('round-trips the renderer snapshot, the last save winning', async () => {
    app = openSearchTestApp();
    expect(await app.search.loadSnapshot()).toBeNull();
    const data = JSON.stringify({ index: Array.from({ length: 20_000 }, (_, i) => `término ${i} 🙂`) });
    await app.search.saveSnapshot(41, 'older');
    await app.search.saveSnapshot(42, data);
    expect(await app.search.loadSnapshot()).toEqual({ clock: 42, data });
    // Kept after a restart of the service.
    expect(await app.reopenSearch().loadSnapshot()).toEqual({ clock: 42, data });
  });

  it('re-indexes in the background when the schema version changes, with progress, keeping clocks increasing', async () => {
    app = openSearchTestApp();
    const { meetingId } = await roomWithMeeting(app);
    await app.call('agenda.add', { meetingId, title: 'Succession planning' });
    await app.search.whenIdle();
    expect(app.events.filter((e) => e.task === 'Rebuilding the search index').at(-1)).toMatchObject({ done: expect.any(Number) });
    const before = allFeed(app);

    // The index drifted from the rows (as an older version's triggers might have left it).
    const sqlite = app.core.internals.db.sqlite;
    sqlite.prepare("INSERT INTO search_items (kind, id, title, subtitle, deleted, clock) VALUES ('meeting', 'gone', 'Gone', '', 0, 1)").run();
    sqlite.prepare("DELETE FROM fulltext WHERE rowid IN (SELECT id FROM fulltext_keys WHERE kind = 'agenda')").run();
    expect(await texts(app, 'succession')).toEqual([]);

    app.events.length = 0;
    app.reopenSearch({ schemaVersion: SEARCH_SCHEMA_VERSION + 1 });
    await app.search.whenIdle();
    const rebuild = app.events.filter((e) => e.task === 'Rebuilding the search index');
    expect(rebuild.length).toBeGreaterThan(1);
    expect(rebuild.at(-1)!.done).toBe(rebuild.at(-1)!.total);
    expect((await texts(app, 'succession')).length).toBe(1);
    const after = allFeed(app, before.clock).items;
    expect(after.find((i) => i.id === 'gone')).toMatchObject({ deleted: true });
    expect(after.filter((i) => !i.deleted).length).toBe(before.items.length);
    expect(app.logs.some((l) => l.includes(`version ${SEARCH_SCHEMA_VERSION + 1}`))).toBe(true);
  });

  it('pages the feed without losing rows that share a clock', async () => {
    app = openSearchTestApp();
    const { meetingId } = await roomWithMeeting(app);
    for (let i = 0; i < 6; i++) await app.call('agenda.add', { meetingId, title: `Item ${i}` });
    await app.search.whenIdle();
    const { clock } = allFeed(app);
    await app.call('meetings.update', { id: meetingId, title: 'Renamed' });
    const small = allFeed(app, clock, 2).items;
    const whole = app.search.feed(clock, 1000).items;
    expect(small.map((i) => i.id).sort()).toEqual(whole.map((i) => i.id).sort());
    expect(whole.filter((i) => i.kind === 'agenda').length).toBe(6);
  });
});
