// The server's authority: ledger commands checked against the Postgres ledger tables in one
// transaction (the room row locked, so commands on one room run one at a time), idempotent by
// command id, recorded in the audit log, then written into the `ledger:` doc with `applyCommand`,
// so the doc has the same layout the desktop's local authority writes.
import { applyCommand, validateCommand, type CommandContext, type LedgerCommand } from '../../src-shared/commands.js';
import { AppError, conflict, invalid, notFound } from '../../src-shared/errors.js';
import type { CommandResult } from '../../src-shared/views.js';
import { ensureUser, type UserSummary } from '../auth/accounts.js';
import type { Database, Queryable } from '../db/database.js';
import { audit } from '../rooms/rooms.js';
import { ledgerView } from './ledger-view.js';
import { writeLedger, type LedgerWrite } from './ledger-writer.js';

export interface CommandOutcome {
  result: CommandResult & { userId?: string };
  write: LedgerWrite | null;
  /** Membership changed: live sockets of this room must re-check their access. */
  membershipChanged: boolean;
}

type StoredOutcome = { applied: true; userId?: string } | { applied: false; error: AppError['code']; message: string };

const MEMBERSHIP_KINDS: ReadonlyArray<LedgerCommand['kind']> = ['addMember', 'setRole', 'removeMember'];

/** Constraint violations the checks should have prevented, said the way the checks would say them. */
const CONSTRAINT_MESSAGES: Record<string, string> = {
  votes_one_per_member: 'you have already voted on this decision: change your vote instead of voting again',
  decisions_pkey: 'a decision with this id already exists',
};

export async function executeCommand(db: Database, command: LedgerCommand, actor: UserSummary, now: number): Promise<CommandOutcome> {
  try {
    return await execute(db, command, actor, now);
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code === '23505' && constraint && CONSTRAINT_MESSAGES[constraint]) throw conflict(CONSTRAINT_MESSAGES[constraint]);
    throw error;
  }
}

async function execute(db: Database, command: LedgerCommand, actor: UserSummary, now: number): Promise<CommandOutcome> {
  const outcome = await db.transaction(async (tx) => {
    const [room] = await tx.query<{ name: string }>('SELECT name FROM boardrooms WHERE id = $1 FOR UPDATE', [command.boardroomId]);
    if (!room) throw notFound(`boardroom ${command.boardroomId} is not on this server: create or upload it first`);

    const [seen] = await tx.query<{ user_id: string; outcome: StoredOutcome }>('SELECT user_id, outcome FROM commands WHERE id = $1', [
      command.commandId,
    ]);
    if (seen) {
      if (seen.user_id !== actor.id) throw conflict('this command id was already used by someone else: generate a new one');
      return { stored: seen.outcome, replayed: true, write: null };
    }

    const resolved = command.kind === 'addMember' ? { ...command, userId: await ensureUser(tx, command.email, command.name, command.userId) } : command;
    const ctx: CommandContext = { actorId: actor.id, roomName: room.name, now };
    const view = await ledgerView(tx, resolved, actor.id);
    try {
      validateCommand(view, resolved, ctx);
      if (resolved.kind === 'rsvp') await checkMeetingRoom(tx, resolved.meetingId, resolved.boardroomId);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const refused: StoredOutcome = { applied: false, error: error.code, message: error.message };
      await record(tx, resolved, actor.id, refused);
      return { stored: refused, replayed: false, write: null };
    } finally {
      view.destroy();
    }
    await applyToTables(tx, resolved, ctx);
    const write = await writeLedger(tx, resolved.boardroomId, (doc) => applyCommand(doc, resolved, ctx));
    const applied: StoredOutcome = resolved.kind === 'addMember' ? { applied: true, userId: resolved.userId } : { applied: true };
    await record(tx, resolved, actor.id, applied);
    return { stored: applied, replayed: false, write };
  });

  const { stored } = outcome;
  if (!stored.applied) throw new AppError(stored.error, stored.message);
  return {
    result: { commandId: command.commandId, replayed: outcome.replayed, ...(stored.userId ? { userId: stored.userId } : {}) },
    write: outcome.write,
    membershipChanged: !outcome.replayed && MEMBERSHIP_KINDS.includes(command.kind),
  };
}

async function record(tx: Queryable, command: LedgerCommand, actorId: string, outcome: StoredOutcome): Promise<void> {
  await tx.query('INSERT INTO commands (id, user_id, boardroom_id, kind, outcome) VALUES ($1, $2, $3, $4, $5)', [
    command.commandId,
    actorId,
    command.boardroomId,
    command.kind,
    JSON.stringify(outcome),
  ]);
  await audit(tx, {
    actorId,
    roomId: command.boardroomId,
    action: outcome.applied ? command.kind : `${command.kind}:refused`,
    commandId: command.commandId,
    detail: outcome.applied ? command : { command, refusal: outcome.message },
  });
}

async function checkMeetingRoom(tx: Queryable, meetingId: string, roomId: string): Promise<void> {
  const [row] = await tx.query<{ boardroom_id: string }>('SELECT boardroom_id FROM meetings WHERE id = $1', [meetingId]);
  if (row && row.boardroom_id !== roomId) throw invalid('that meeting belongs to another boardroom');
}

async function applyToTables(tx: Queryable, c: LedgerCommand, ctx: CommandContext): Promise<void> {
  switch (c.kind) {
    case 'castVote':
      // The unique (decision_id, user_id) index backs the one-vote rule even if a check were missed.
      await tx.query('INSERT INTO votes (decision_id, user_id, boardroom_id, option, cast_at) VALUES ($1, $2, $3, $4, $5)', [
        c.decisionId,
        ctx.actorId,
        c.boardroomId,
        c.option,
        ctx.now,
      ]);
      return;
    case 'changeVote':
      await tx.query('UPDATE votes SET option = $3, cast_at = $4 WHERE decision_id = $1 AND user_id = $2', [c.decisionId, ctx.actorId, c.option, ctx.now]);
      return;
    case 'openDecision':
      await tx.query(
        `INSERT INTO decisions (id, boardroom_id, meeting_id, motion, options, deadline, status, opened_by, opened_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8)`,
        [c.decisionId, c.boardroomId, c.meetingId ?? null, c.motion, JSON.stringify(c.options), c.deadline, ctx.actorId, ctx.now],
      );
      return;
    case 'closeDecision':
      await tx.query(`UPDATE decisions SET status = 'closed', closed_at = $2 WHERE id = $1`, [c.decisionId, ctx.now]);
      return;
    case 'rsvp':
      await tx.query(
        `INSERT INTO meeting_participants (meeting_id, user_id, boardroom_id, response, responded_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (meeting_id, user_id) DO UPDATE SET response = excluded.response, responded_at = excluded.responded_at`,
        [c.meetingId, ctx.actorId, c.boardroomId, c.response, ctx.now],
      );
      return;
    case 'addMember':
      await tx.query(
        `INSERT INTO boardroom_members (boardroom_id, user_id, role, active, added_at) VALUES ($1, $2, $3, true, $4)
         ON CONFLICT (boardroom_id, user_id) DO UPDATE SET role = excluded.role, active = true, added_at = excluded.added_at`,
        [c.boardroomId, c.userId, c.role, ctx.now],
      );
      return;
    case 'setRole':
      await tx.query('UPDATE boardroom_members SET role = $3 WHERE boardroom_id = $1 AND user_id = $2', [c.boardroomId, c.userId, c.role]);
      return;
    case 'removeMember':
      await tx.query('UPDATE boardroom_members SET active = false WHERE boardroom_id = $1 AND user_id = $2', [c.boardroomId, c.userId]);
      return;
  }
}
