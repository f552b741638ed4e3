// Ledger commands made while signed in to a server wait here until the server has answered them. A
// command survives restarts and offline periods; one the server refuses (say the deadline passed
// while the laptop was offline) is kept as refused, with the server's reason, until the user dismisses
// it: never dropped silently.
import type { LedgerCommand } from '../../src-shared/commands.js';
import { AppError } from '../../src-shared/errors.js';
import type { Sqlite } from '../store/db.js';
import { ServerUnreachable } from './server-api.js';

export type OutboxStatus = 'pending' | 'done' | 'refused';

export interface OutboxEntry {
  id: string;
  kind: string;
  command: LedgerCommand;
  createdAt: number;
  attempts: number;
  lastError: string | null;
  status: OutboxStatus;
}

export class Outbox {
  constructor(
    private readonly sqlite: Sqlite,
    private readonly clock: () => number = Date.now,
  ) {}

  has(id: string): boolean {
    return this.sqlite.prepare('SELECT 1 FROM outbox WHERE id = ?').get(id) !== undefined;
  }

  add(command: LedgerCommand): void {
    this.sqlite
      .prepare('INSERT OR IGNORE INTO outbox (id, kind, payload, created_at) VALUES (?, ?, ?, ?)')
      .run(command.commandId, command.kind, JSON.stringify(command), this.clock());
  }

  /** Pending and refused commands, oldest first (what the UI lists). */
  open(): OutboxEntry[] {
    const rows = this.sqlite
      .prepare(
        `SELECT id, kind, payload, created_at AS createdAt, attempts, last_error AS lastError, status
         FROM outbox WHERE status != 'done' ORDER BY created_at, rowid`,
      )
      .all() as Array<Omit<OutboxEntry, 'command'> & { payload: string }>;
    return rows.map(({ payload, ...row }) => ({ ...row, command: JSON.parse(payload) as LedgerCommand }));
  }

  pendingCount(): number {
    return (this.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n;
  }

  dismiss(id: string): boolean {
    return this.sqlite.prepare("DELETE FROM outbox WHERE id = ? AND status = 'refused'").run(id).changes > 0;
  }

  /**
   * Sends pending commands in order. Stops at the first one that cannot reach the server (order
   * matters: a vote must not overtake the decision it is on). Returns how many were answered.
   */
  async flush(send: (command: LedgerCommand) => Promise<unknown>, onRefused: (entry: OutboxEntry) => void = () => {}): Promise<number> {
    let answered = 0;
    for (const entry of this.open().filter((e) => e.status === 'pending')) {
      try {
        await send(entry.command);
        this.sqlite.prepare("UPDATE outbox SET status = 'done', attempts = attempts + 1, last_error = NULL WHERE id = ?").run(entry.id);
      } catch (error) {
        if (error instanceof AppError && error.code !== 'unavailable') {
          this.sqlite.prepare("UPDATE outbox SET status = 'refused', attempts = attempts + 1, last_error = ? WHERE id = ?").run(error.message, entry.id);
          onRefused({ ...entry, status: 'refused', lastError: error.message, attempts: entry.attempts + 1 });
        } else {
          const reason = error instanceof ServerUnreachable ? error.message : `could not send: ${String(error)}`;
          this.sqlite.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?').run(reason, entry.id);
          return answered;
        }
      }
      answered++;
    }
    return answered;
  }
}
