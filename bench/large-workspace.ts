// A workspace with one boardroom of N meetings (default 100,000) on top of the demo workspace.
import { roomDoc } from '../src-shared/docs/room.js';
import { ledgerDoc } from '../src-shared/docs/ledger.js';
import { newNestedMap, writeFields } from '../src-shared/docs/read.js';
import { ledgerDocId, newId, roomDocId } from '../src-shared/ids.js';
import type { AppCore } from '../src-main/app.js';
import { random } from '../src-main/demo/seed.js';

const CHUNK = 5_000;
const DAY = 86_400_000;

/** Adds the large boardroom through the doc store (so projections and compaction are the real ones). */
export function addLargeBoardroom(core: AppCore, meetings = 100_000, onProgress?: (done: number) => void): string {
  const { store, ctx } = core.internals;
  const roomId = newId();
  const rand = random(7);
  const now = ctx.now();
  store.batch(() => {
    store.change(roomDocId(roomId), (doc) =>
      writeFields(roomDoc(doc).meta, { name: `Group Board (${meetings.toLocaleString('en-GB')} meetings)`, description: 'A workspace for scale tests.', active: true, createdAt: now }),
    );
    store.change(
      ledgerDocId(roomId),
      (doc) => ledgerDoc(doc).members.set(ctx.me.userId, { name: ctx.me.name, email: ctx.me.email, role: 'owner', active: true, addedAt: now }),
      'authority',
    );
  });
  for (let done = 0; done < meetings; done += CHUNK) {
    store.change(roomDocId(roomId), (doc) => {
      const map = roomDoc(doc).meetings;
      for (let i = done; i < Math.min(meetings, done + CHUNK); i++) {
        // Spread over ±30 years around now so both the upcoming and the past lists are long.
        const at = Math.round(now + (i - meetings / 2) * (DAY / 4.5) + rand() * 3_600_000);
        map.set(
          newId(),
          newNestedMap({ title: `Meeting ${i + 1}`, scheduledAt: at, durationMinutes: 60, status: at < now ? 'completed' : 'scheduled', location: 'Boardroom', videoUrl: '' }),
        );
      }
    });
    onProgress?.(Math.min(meetings, done + CHUNK));
  }
  return roomId;
}
