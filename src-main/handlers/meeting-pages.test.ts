// Anchor-based pages must equal plain OFFSET pages, at any offset, after edits and as time passes.
import { afterEach, describe, expect, it } from 'vitest';
import { addLargeBoardroom } from '../../bench/large-workspace.js';
import { random } from '../demo/seed.js';
import { openTestApp, type TestApp } from '../testing.js';

let app: TestApp;
afterEach(() => app.dispose());

const NAIVE = {
  upcoming: 'scheduled_at >= @now ORDER BY scheduled_at ASC, id ASC',
  past: 'scheduled_at < @now ORDER BY scheduled_at DESC, id DESC',
  all: '1 = 1 ORDER BY scheduled_at DESC, id DESC',
} as const;

describe('meeting pages', () => {
  it('equal OFFSET pages at random offsets, after edits, and after the clock moves', async () => {
    let clock = Date.UTC(2026, 11, 3);
    app = openTestApp({ seedDemo: false, now: () => clock });
    const roomId = addLargeBoardroom(app.core, 3_000);
    const rand = random(11);
    const naive = (when: keyof typeof NAIVE, offset: number, limit: number) =>
      (
        app.core.internals.db.sqlite
          .prepare(`SELECT id FROM meetings WHERE boardroom_id = @roomId AND ${NAIVE[when]} LIMIT @limit OFFSET @offset`)
          .all({ roomId, now: clock, limit, offset }) as Array<{ id: string }>
      ).map((r) => r.id);

    const check = async () => {
      for (const when of ['upcoming', 'past', 'all'] as const) {
        const { total } = await app.call('meetings.page', { boardroomId: roomId, when, limit: 1 });
        const expectedTotal = (app.core.internals.db.sqlite.prepare(`SELECT count(*) AS n FROM meetings WHERE boardroom_id = @roomId AND ${NAIVE[when].split(' ORDER')[0]}`).get({ roomId, now: clock }) as { n: number }).n;
        expect(total).toBe(expectedTotal);
        for (const offset of [0, 511, 512, 513, 1023, Math.floor(rand() * total), total - 3, total + 5]) {
          const limit = 1 + Math.floor(rand() * 120);
          const page = await app.call('meetings.page', { boardroomId: roomId, when, offset, limit });
          expect(page.items.map((m) => m.id), `${when} at ${offset}`).toEqual(naive(when, offset, limit));
        }
      }
    };
    await check();
    // Edits: reschedule a few meetings across the boundary and add one; pages must follow at once.
    const some = await app.call('meetings.page', { boardroomId: roomId, when: 'past', offset: 700, limit: 5 });
    for (const m of some.items) await app.call('meetings.update', { id: m.id, scheduledAt: clock + 1_000 + Math.floor(rand() * 1e9) });
    await app.call('meetings.schedule', { boardroomId: roomId, title: 'Added', scheduledAt: clock + 5 });
    await check();
    // An hour later the cached lists are rebuilt around the new "now".
    clock += 61 * 60_000;
    await check();
  });
});
