import type { LedgerCommand } from '../../src-shared/commands.js';
import type { Handlers } from '../../src-shared/contract.js';
import { notFound } from '../../src-shared/errors.js';
import { newId } from '../../src-shared/ids.js';
import type { DecisionView, MemberView } from '../../src-shared/views.js';
import { statement } from '../store/db.js';
import { requireMeeting, requireRoom } from './access.js';
import type { HandlerContext } from './context.js';
import { DECISION_COLUMNS, asBool, asDecision } from './rows.js';

/** Decisions of a room with their tallies and the local user's vote: three queries, whatever the count. */
export function decisionViews(
  ctx: HandlerContext,
  roomId: string,
  extraWhere = '',
  params: Record<string, unknown> = {},
): DecisionView[] {
  const decisions = statement(
    ctx.sqlite,
    `SELECT ${DECISION_COLUMNS} FROM decisions d
     WHERE d.boardroom_id = @roomId ${extraWhere} ORDER BY d.status = 'open' DESC, d.deadline DESC`,
  )
    .all({ roomId, ...params })
    .map(asDecision);
  if (decisions.length === 0) return [];
  const tallies = statement(
    ctx.sqlite,
    `SELECT decision_id AS decisionId, option, count(*) AS n FROM votes WHERE boardroom_id = ? GROUP BY decision_id, option`,
  ).all(roomId) as Array<{ decisionId: string; option: string; n: number }>;
  const mine = statement(ctx.sqlite, `SELECT decision_id AS decisionId, option FROM votes WHERE boardroom_id = ? AND user_id = ?`).all(
    roomId,
    ctx.me.userId,
  ) as Array<{ decisionId: string; option: string }>;
  // Voters: active members who are not observers (the seed's partial index covers exactly these).
  const { eligible } = statement(
    ctx.sqlite,
    `SELECT count(*) AS eligible FROM boardroom_members WHERE boardroom_id = ? AND active = 1 AND role != 'observer'`,
  ).get(roomId) as { eligible: number };
  const myVotes = new Map(mine.map((v) => [v.decisionId, v.option]));
  return decisions.map((d) => {
    const tally: Record<string, number> = Object.fromEntries(d.options.map((o) => [o, 0]));
    let votesCast = 0;
    for (const t of tallies) {
      if (t.decisionId !== d.id) continue;
      tally[t.option] = (tally[t.option] ?? 0) + t.n;
      votesCast += t.n;
    }
    return { ...d, tally, votesCast, eligibleVoters: eligible, myVote: myVotes.get(d.id) ?? null };
  });
}

export function ledgerHandlers(ctx: HandlerContext): Pick<
  Handlers,
  | 'members.list'
  | 'members.add'
  | 'members.setRole'
  | 'members.remove'
  | 'decisions.list'
  | 'decisions.open'
  | 'decisions.close'
  | 'votes.cast'
  | 'votes.change'
  | 'meetings.rsvp'
> {
  const run = (command: LedgerCommand) => {
    requireRoom(ctx, command.boardroomId);
    return ctx.authority.execute(command, ctx.me.userId);
  };

  return {
    'members.list': ({ boardroomId }) => {
      requireRoom(ctx, boardroomId);
      const rows = statement(
        ctx.sqlite,
        `SELECT m.boardroom_id AS boardroomId, m.user_id AS userId, m.role, m.active, m.added_at AS addedAt,
                coalesce(u.name, 'Unknown member') AS name, coalesce(u.email, '') AS email
         FROM boardroom_members m LEFT JOIN users u ON u.id = m.user_id
         WHERE m.boardroom_id = ? AND m.active = 1
         ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 WHEN 'member' THEN 2 ELSE 3 END, name`,
      ).all(boardroomId) as MemberView[];
      return rows.map((r) => asBool(r, 'active'));
    },

    'members.add': ({ commandId, boardroomId, name, email, role }) => {
      // The same person keeps one user id across boardrooms.
      const known = statement(ctx.sqlite, `SELECT id FROM users WHERE email = ? COLLATE NOCASE AND active = 1 AND deleted_at IS NULL`).get(
        email,
      ) as { id: string } | undefined;
      const userId = known?.id ?? newId();
      const result = run({ kind: 'addMember', commandId, boardroomId, userId, name, email, role });
      return { ...result, id: userId };
    },

    'members.setRole': ({ commandId, boardroomId, userId, role }) =>
      run({ kind: 'setRole', commandId, boardroomId, userId, role }),

    'members.remove': ({ commandId, boardroomId, userId }) => run({ kind: 'removeMember', commandId, boardroomId, userId }),

    'decisions.list': ({ boardroomId }) => {
      requireRoom(ctx, boardroomId);
      return decisionViews(ctx, boardroomId);
    },

    'decisions.open': ({ commandId, boardroomId, motion, options, deadline, meetingId }) => {
      if (meetingId && requireMeeting(ctx, meetingId).boardroomId !== boardroomId) {
        throw notFound(`no meeting with id ${meetingId} in this boardroom`);
      }
      const id = newId();
      const result = run({ kind: 'openDecision', commandId, boardroomId, decisionId: id, motion, options, deadline, meetingId });
      return { ...result, id };
    },

    'decisions.close': ({ commandId, boardroomId, decisionId }) => run({ kind: 'closeDecision', commandId, boardroomId, decisionId }),

    'votes.cast': ({ commandId, boardroomId, decisionId, option }) =>
      run({ kind: 'castVote', commandId, boardroomId, decisionId, option }),

    'votes.change': ({ commandId, boardroomId, decisionId, option }) =>
      run({ kind: 'changeVote', commandId, boardroomId, decisionId, option }),

    'meetings.rsvp': ({ commandId, meetingId, response }) => {
      const meeting = requireMeeting(ctx, meetingId);
      return run({ kind: 'rsvp', commandId, boardroomId: meeting.boardroomId, meetingId, response });
    },
  };
}
