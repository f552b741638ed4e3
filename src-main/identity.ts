// Who uses this device. A personal workspace has one local user, created on first start.
import { newId } from '../src-shared/ids.js';
import { statement, type Sqlite } from './store/db.js';

export interface Identity {
  userId: string;
  name: string;
  email: string;
}

export function readSetting(sqlite: Sqlite, key: string): string | null {
  const row = statement(sqlite, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function writeSetting(sqlite: Sqlite, key: string, value: string): void {
  statement(sqlite, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export const DEFAULT_IDENTITY = { name: 'Jordan Avery', email: 'jordan.avery@example.com' };

/** The local user; `created` is true on the very first start of this data dir. */
export function loadIdentity(sqlite: Sqlite): { identity: Identity; created: boolean } {
  const userId = readSetting(sqlite, 'user_id');
  if (userId) {
    return {
      identity: { userId, name: readSetting(sqlite, 'user_name') ?? '', email: readSetting(sqlite, 'user_email') ?? '' },
      created: false,
    };
  }
  const identity = { userId: newId(), ...DEFAULT_IDENTITY };
  sqlite.transaction(() => {
    writeSetting(sqlite, 'user_id', identity.userId);
    writeSetting(sqlite, 'user_name', identity.name);
    writeSetting(sqlite, 'user_email', identity.email);
    writeSetting(sqlite, 'device_id', newId());
  })();
  return { identity, created: true };
}
