import { afterEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../testing.js';
import { PART_CHARS, SnapshotStore } from './snapshot-store.js';

let app: TestApp;
afterEach(() => app?.dispose());

const text = (chars: number, tag: string) => {
  const unit = `${tag} término 🙂 `;
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
};
const generations = (a: TestApp) =>
  a.core.internals.db.sqlite.prepare('SELECT generation, count(*) AS parts FROM search_snapshot_parts GROUP BY generation ORDER BY generation').all() as Array<{
    generation: number;
    parts: number;
  }>;

describe('SnapshotStore', () => {
  it('round-trips a snapshot of several parts and keeps only the latest generation', async () => {
    app = openTestApp({ seedDemo: false });
    const store = new SnapshotStore(app.core.internals.db.sqlite, () => false);
    expect(await store.load()).toBeNull();
    const first = text(PART_CHARS * 2 + 123, 'first');
    await store.save(7, first);
    expect(await store.load()).toEqual({ clock: 7, data: first });
    expect(generations(app)).toEqual([{ generation: 1, parts: 3 }]);
    await store.save(8, 'short');
    expect(await store.load()).toEqual({ clock: 8, data: 'short' });
    expect(generations(app)).toEqual([{ generation: 2, parts: 1 }]);
    await store.save(9, '');
    expect(await store.load()).toEqual({ clock: 9, data: '' });
  });

  it('lets the last of overlapping saves win, and a load meanwhile sees one snapshot whole', async () => {
    app = openTestApp({ seedDemo: false });
    const store = new SnapshotStore(app.core.internals.db.sqlite, () => false);
    const old = text(PART_CHARS * 3, 'old');
    await store.save(1, old);
    const a = text(PART_CHARS * 4, 'a');
    const b = text(PART_CHARS * 2 + 5, 'b');
    const saving = [store.save(2, a), store.save(3, b)];
    const during = store.load();
    await Promise.all(saving);
    const seen = await during;
    expect([old, b]).toContain(seen!.data);
    expect(await store.load()).toEqual({ clock: 3, data: b });
    expect(generations(app)).toHaveLength(1);
  });

  it('a save cut off by closing leaves the old snapshot readable, and the next save clears its parts', async () => {
    app = openTestApp({ seedDemo: false });
    const sqlite = app.core.internals.db.sqlite;
    await new SnapshotStore(sqlite, () => false).save(1, 'before');
    let closed = false;
    const cut = new SnapshotStore(sqlite, () => closed);
    const saving = cut.save(2, text(PART_CHARS * 5, 'cut'));
    await new Promise((resolve) => setImmediate(resolve));
    closed = true;
    await saving;
    expect(generations(app).length).toBe(2);
    const next = new SnapshotStore(sqlite, () => false);
    expect(await next.load()).toEqual({ clock: 1, data: 'before' });
    await next.save(3, 'after');
    expect(await next.load()).toEqual({ clock: 3, data: 'after' });
    expect(generations(app)).toHaveLength(1);
  });
});
