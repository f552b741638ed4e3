import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { makePdf } from '../demo/pdf.js';
import { openSearchTestApp, type SearchTestApp } from './testing.js';
import { splitText, TEXT_PAGE_CHARS } from './text-pages.js';

let app: SearchTestApp;
afterEach(() => app?.dispose());

const base64 = (data: Buffer | string) => Buffer.from(data).toString('base64');
const filler = (n: number) => Array.from({ length: 40 }, (_, i) => `Page ${n} line ${i} of the annual report and accounts`);

async function attach(a: SearchTestApp, title: string, mime: string, data: Buffer | string) {
  const { id: roomId } = await a.call('boardrooms.create', { name: `Room for ${title}` });
  const { id } = await a.call('documents.attach', { boardroomId: roomId, title, mime, dataBase64: base64(data) });
  return { roomId, id };
}

describe('document text', () => {
  it('finds a word inside an attached PDF at its page, and forgets it when the document is removed', async () => {
    app = openSearchTestApp();
    const pdf = makePdf('Board pack', [filler(1), [...filler(2), 'The zeppelin hangar lease expires in March'], filler(3)]);
    const { id, roomId } = await attach(app, 'Board pack', 'application/pdf', pdf);
    await app.search.whenIdle();

    const { hits } = await app.search.query({ text: 'zeppel', limit: 10, offset: 0 });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ kind: 'document', id, boardroomId: roomId, page: 2, title: 'Board pack' });
    expect(hits[0]!.snippet).toContain('\u0002zeppelin\u0003 hangar');
    expect(app.search.pageText(id, 2)).toMatchObject({ page: 2, pages: 3 });
    expect(app.search.pageText(id, 2)!.text).toContain('zeppelin hangar lease');
    expect(app.search.pageText(id, 4)).toBeNull();
    expect(app.events.filter((e) => e.task === 'Indexing Board pack').at(-1)).toEqual({ task: 'Indexing Board pack', done: 3, total: 3 });

    // The same file attached again elsewhere is read once, and found in both rooms.
    const again = await attach(app, 'Board pack (copy)', 'application/pdf', pdf);
    await app.search.whenIdle();
    expect(app.events.some((e) => e.task === 'Indexing Board pack (copy)')).toBe(false);
    expect((await app.search.query({ text: 'zeppelin', limit: 10, offset: 0 })).hits.map((h) => h.id).sort()).toEqual([id, again.id].sort());

    await app.call('documents.remove', { id });
    expect(app.search.feed(0, 1000).items.find((i) => i.id === id)).toMatchObject({ kind: 'document', deleted: true });
    expect((await app.search.query({ text: 'zeppelin', limit: 10, offset: 0 })).hits.map((h) => h.id)).toEqual([again.id]);
  });

  it('reads files already stored when the service starts, and plain text in pages', async () => {
    app = openSearchTestApp();
    await app.search.close();
    const text = `${'Opening remarks. '.repeat(200)}\n\nThe quorum was confirmed by the secretary.\n\n${'Closing words. '.repeat(300)}`;
    const { id } = await attach(app, 'Notes', 'text/plain', text);
    app.reopenSearch();
    await app.search.whenIdle();
    const [hit] = (await app.search.query({ text: 'quorum', limit: 10, offset: 0 })).hits;
    expect(hit).toMatchObject({ id, page: 2 });
    expect(app.search.pageText(id, 1)!.pages).toBe(splitText(text).length);
  });

  it('logs a damaged PDF and keeps the document searchable by its title', async () => {
    app = openSearchTestApp();
    const { id } = await attach(app, 'Broken minutes', 'application/pdf', '%PDF-1.4\nthis is not a pdf at all');
    await app.search.whenIdle();
    expect(app.logs.some((l) => l.includes('Could not read the text of "Broken minutes"'))).toBe(true);
    expect((await app.search.query({ text: 'broken', limit: 10, offset: 0 })).hits).toMatchObject([{ id, page: null }]);
    // The next file is still read.
    const { id: next } = await attach(app, 'Good', 'application/pdf', makePdf('Good', [['albatross']]));
    await app.search.whenIdle();
    expect((await app.search.query({ text: 'albatross', limit: 10, offset: 0 })).hits).toMatchObject([{ id: next, page: 1 }]);
  });

  it('reads a 300-page PDF while main keeps serving its event loop', async () => {
    app = openSearchTestApp();
    const pages = Array.from({ length: 300 }, (_, i) => (i === 286 ? [...filler(i + 1), 'marmalade clause'] : filler(i + 1)));
    const { id } = await attach(app, 'Annual report', 'application/pdf', makePdf('Annual report', pages));

    let ticks = 0;
    const ticksAtProgress: number[] = [];
    const timer = setInterval(() => ticks++, 5);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    app.events.length = 0;
    const origin = app.events.push.bind(app.events);
    app.events.push = (...e) => {
      ticksAtProgress.push(ticks);
      return origin(...e);
    };
    await app.search.whenIdle();
    delay.disable();
    clearInterval(timer);

    const batches = app.events.filter((e) => e.task === 'Indexing Annual report');
    expect(batches.at(-1)).toMatchObject({ done: 300, total: 300 });
    expect(batches.length).toBeGreaterThan(10);
    // The timer ran between most page batches: main was never held for a whole extraction.
    const interleaved = ticksAtProgress.filter((t, i) => i > 0 && t > ticksAtProgress[i - 1]!).length;
    expect(interleaved).toBeGreaterThan(batches.length / 2);
    console.log(`300 pages: timer fired ${ticks} times, event loop delay max ${(delay.max / 1e6).toFixed(1)} ms`);
    expect((await app.search.query({ text: 'marmalade', limit: 10, offset: 0 })).hits).toMatchObject([{ id, page: 287 }]);
  });
});

describe('splitText', () => {
  it('cuts long text near paragraph ends and keeps every word', () => {
    const text = Array.from({ length: 50 }, (_, i) => `Paragraph ${i} ${'word '.repeat(30)}`).join('\n\n');
    const pages = splitText(text);
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages) expect(p.text.length).toBeLessThanOrEqual(TEXT_PAGE_CHARS);
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    expect(words(pages.map((p) => p.text).join(' '))).toEqual(words(text));
    expect(splitText('')).toEqual([]);
  });
});
