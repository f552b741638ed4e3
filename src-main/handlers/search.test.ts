// The search contract end to end in one process: the worker's engine (src-worker) fed through the
// real handlers from a real workspace, its snapshot saved and loaded in parts, full-text queries, a
// document's page text, and what bad input gets.
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src-shared/limits.js';
import { SearchEngine, type FeedSource } from '../../src-worker/search-engine.js';
import { makePdf } from '../demo/pdf.js';
import { openTestApp, type TestApp } from '../testing.js';

let app: TestApp;
afterEach(() => app?.dispose());

const DAY = 86_400_000;

function feedSource(a: TestApp): FeedSource {
  return {
    feed: (after, limit) => a.call('search.feed', { after, limit }),
    async loadSnapshot() {
      const first = await a.call('search.snapshotLoad', { part: 0 });
      if (!first) return null;
      const parts = [first.data];
      for (let part = 1; part < first.parts; part++) parts.push((await a.call('search.snapshotLoad', { part }))!.data);
      return { clock: first.clock, data: parts.join('') };
    },
    async saveSnapshot(clock, data) {
      // Small parts, so the test crosses part boundaries the way a large snapshot does.
      const size = Math.ceil(data.length / 3);
      for (let part = 0; part < 3; part++) await a.call('search.snapshotSave', { clock, part, parts: 3, data: data.slice(part * size, (part + 1) * size) });
    },
  };
}

describe('search through the contract', () => {
  it('the palette engine indexes the workspace from the feed, follows edits and removals, and restarts from its snapshot', async () => {
    app = openTestApp({ seedDemo: false });
    const { id: roomId } = await app.call('boardrooms.create', { name: 'Treasury Committee' });
    const { id: meetingId } = await app.call('meetings.schedule', { boardroomId: roomId, title: 'Liquidity review', scheduledAt: Date.now() + DAY });
    const engine = new SearchEngine(feedSource(app));
    await engine.open();
    expect(engine.search('liquid', { limit: 10 }).map((h) => h.id)).toEqual([meetingId]);
    expect(engine.search('treas', { limit: 10, kinds: ['boardroom'] }).map((h) => h.id)).toEqual([roomId]);

    const { id: itemId } = await app.call('agenda.add', { meetingId, title: 'Covenant headroom' });
    await app.core.internals.search.whenIdle();
    expect(await engine.catchUp()).toBeGreaterThan(0);
    expect(engine.search('coven', { limit: 10 })).toMatchObject([{ id: itemId, kind: 'agenda', meetingId, boardroomId: roomId }]);

    await app.call('agenda.remove', { meetingId, itemId });
    await app.core.internals.search.whenIdle();
    await engine.catchUp();
    expect(engine.search('coven', { limit: 10 })).toEqual([]);

    // A new engine (the next start) loads the saved snapshot and takes only what changed since.
    await engine.saveSnapshot();
    await app.call('meetings.update', { id: meetingId, title: 'Liquidity and funding review' });
    await app.core.internals.search.whenIdle();
    const next = new SearchEngine(feedSource(app));
    await next.open();
    expect(next.status().start.from).toBe('snapshot');
    expect(next.status().start.caughtUp).toBeGreaterThan(0);
    expect(next.status().start.caughtUp).toBeLessThan(5);
    expect(next.search('fund', { limit: 10 }).map((h) => h.id)).toEqual([meetingId]);
  });

  it('finds a word inside an attached PDF at its page, and gives that page text', async () => {
    app = openTestApp({ seedDemo: false });
    const { id: roomId } = await app.call('boardrooms.create', { name: 'Board' });
    const pdf = makePdf('Pack', [['Opening remarks'], ['Nothing here'], ['The marmoset clause applies.']]);
    const { id } = await app.call('documents.attach', { boardroomId: roomId, title: 'pack.pdf', mime: 'application/pdf', dataBase64: pdf.toString('base64') });
    await app.core.internals.search.whenIdle();
    const { hits } = await app.call('search.fullText', { text: 'marmo' });
    expect(hits).toMatchObject([{ kind: 'document', id, boardroomId: roomId, page: 3, title: 'pack.pdf' }]);
    expect(hits[0]!.snippet).toContain('\u0002marmoset\u0003');
    expect(await app.call('documents.pageText', { id, page: 3 })).toEqual({ page: 3, pages: 3, text: expect.stringContaining('marmoset clause') });
    expect((await app.refusal('documents.pageText', { id, page: 4 })).code).toBe('not_found');
  });

  it('refuses bad input and rooms the user cannot read, changing nothing', async () => {
    app = openTestApp({ seedDemo: false });
    const bad: Array<[string, unknown, RegExp]> = [
      ['search.feed', { after: -1 }, /after must be a clock/],
      ['search.feed', { after: 0, limit: 50_000 }, /limit must be between 1 and 5000/],
      ['search.feed', { after: 0, extra: true }, /extra/],
      ['search.fullText', { text: '' }, /cannot be empty/],
      ['search.fullText', { text: 'x'.repeat(LIMITS.searchText + 1) }, /at most 200/],
      ['search.fullText', { text: 'a', limit: 1000 }, /limit must be between 1 and 100/],
      ['search.fullText', { text: 'a', kinds: ['passwords'] }, /kinds/],
      ['search.fullText', { text: 'a', from: 10, to: 5 }, /from must not be after to/],
      ['search.fullText', { text: 'a', boardroomId: 'no such room!' }, /must be an id/],
      ['search.snapshotSave', { clock: 1, part: 2, parts: 2, data: '' }, /part must be less than parts/],
      ['search.snapshotSave', { clock: 1, part: 0, parts: LIMITS.snapshotParts + 1, data: '' }, /at most 64 parts/],
      ['search.snapshotLoad', { part: 'first' }, /part/],
      ['documents.pageText', { id: 'd1', page: 0 }, /pages start at 1/],
    ];
    for (const [method, input, message] of bad) {
      const error = await app.refusal(method, input);
      expect(error.code, method).toBe('invalid_input');
      expect(error.message, `${method} ${JSON.stringify(input)}`).toMatch(message);
    }
    // A room that is not the user's answers like a room that does not exist.
    expect((await app.refusal('search.fullText', { text: 'a', boardroomId: 'someone-elses-room' })).code).toBe('not_found');
    // A part out of order leaves no half snapshot behind.
    expect((await app.refusal('search.snapshotSave', { clock: 3, part: 1, parts: 2, data: 'x' })).code).toBe('conflict');
    expect(await app.call('search.snapshotLoad', { part: 0 })).toBeNull();
    await app.call('search.snapshotSave', { clock: 3, part: 0, parts: 2, data: '{"a":' });
    expect(await app.call('search.snapshotLoad', { part: 0 })).toBeNull();
    await app.call('search.snapshotSave', { clock: 3, part: 1, parts: 2, data: '1}' });
    expect(await app.call('search.snapshotLoad', { part: 0 })).toEqual({ clock: 3, part: 0, parts: 1, data: '{"a":1}' });
  });
});
