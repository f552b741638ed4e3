// Connecting a personal workspace to a server uploads its boardrooms: every local room the server does
// not know, where the local user is an owner, is imported with its ledger; its docs then sync as usual.
import * as Y from 'yjs';
import { AppError } from '../../src-shared/errors.js';
import { memberEntry, ledgerDoc } from '../../src-shared/docs/ledger.js';
import { ledgerDocId } from '../../src-shared/ids.js';
import type { DocStore } from '../store/doc-store.js';
import type { Sqlite } from '../store/db.js';
import type { ServerApi } from './server-api.js';

export async function uploadLocalRooms(
  api: ServerApi,
  token: string,
  sqlite: Sqlite,
  store: DocStore,
  serverRoomIds: Set<string>,
  localUserIds: string[],
): Promise<{ uploaded: string[]; refused: string[] }> {
  const uploaded: string[] = [];
  const refused: string[] = [];
  const rooms = sqlite.prepare('SELECT id, name FROM boardrooms').all() as Array<{ id: string; name: string }>;
  for (const { id, name } of rooms) {
    if (serverRoomIds.has(id)) continue;
    const ledger = store.get(ledgerDocId(id));
    const owner = localUserIds.find((userId) => {
      const m = memberEntry(ledgerDoc(ledger).members.get(userId));
      return m?.active && m.role === 'owner';
    });
    if (!owner) continue;
    try {
      await api.importRoom(token, id, name, owner, Y.encodeStateAsUpdate(ledger));
      // The server now writes this ledger from its own tables: drop the local one and fetch its.
      store.forget(ledgerDocId(id));
      uploaded.push(id);
    } catch (error) {
      // A refusal concerns that room only: say so and go on with the rest.
      if (!(error instanceof AppError) || error.code === 'unavailable') throw error;
      refused.push(`"${name}" was not uploaded: ${error.message}`);
    }
  }
  return { uploaded, refused };
}
