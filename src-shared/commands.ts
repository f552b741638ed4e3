// Ledger commands: what clients ask an authority to do. Validation and application are pure functions
// of the ledger doc, so the local authority and the server's authority enforce exactly the same rules.
import type * as Y from 'yjs';
import { MANAGER_ROLES, type Role, type RsvpResponse } from './domain.js';
import { conflict, forbidden, invalid, notFound } from './errors.js';
import {
  decisionEntry,
  ledgerDoc,
  memberEntry,
  rsvpKey,
  voteEntry,
  voteKey,
  type DecisionEntry,
  type LedgerDoc,
  type MemberEntry,
} from './docs/ledger.js';

interface Base {
  commandId: string;
  boardroomId: string;
}

export type LedgerCommand =
  | (Base & { kind: 'castVote' | 'changeVote'; decisionId: string; option: string })
  | (Base & { kind: 'openDecision'; decisionId: string; motion: string; options: string[]; deadline: number; meetingId?: string })
  | (Base & { kind: 'closeDecision'; decisionId: string })
  | (Base & { kind: 'rsvp'; meetingId: string; response: RsvpResponse })
  | (Base & { kind: 'addMember'; userId: string; name: string; email: string; role: Role })
  | (Base & { kind: 'setRole'; userId: string; role: Role })
  | (Base & { kind: 'removeMember'; userId: string });

export interface CommandContext {
  actorId: string;
  roomName: string;
  now: number;
}

const when = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

function activeMember(ledger: LedgerDoc, userId: string): MemberEntry | null {
  const m = memberEntry(ledger.members.get(userId));
  return m && m.active ? m : null;
}

function owners(ledger: LedgerDoc): string[] {
  const out: string[] = [];
  ledger.members.forEach((value, userId) => {
    const m = memberEntry(value);
    if (m?.active && m.role === 'owner') out.push(userId);
  });
  return out;
}

function requireDecision(ledger: LedgerDoc, decisionId: string): DecisionEntry {
  const d = decisionEntry(ledger.decisions.get(decisionId));
  if (!d) throw notFound(`no decision ${decisionId} in this boardroom`);
  return d;
}

/** Throws an AppError saying what is wrong and what to do; returns when the command may apply. */
export function validateCommand(doc: Y.Doc, cmd: LedgerCommand, ctx: CommandContext): void {
  const ledger = ledgerDoc(doc);
  const actor = activeMember(ledger, ctx.actorId);
  const room = `"${ctx.roomName}"`;
  if (!actor) throw forbidden(`you are not a member of ${room}: ask an admin of that boardroom to add you`);
  const observerRefusal = (what: string) =>
    forbidden(`you are an observer in ${room}: observers cannot ${what}. Ask an admin for member access`);
  const requireManager = (what: string) => {
    if (!MANAGER_ROLES.includes(actor.role)) {
      throw forbidden(`only an owner or admin of ${room} can ${what} (you are ${article(actor.role)} ${actor.role})`);
    }
  };

  switch (cmd.kind) {
    case 'castVote':
    case 'changeVote': {
      if (actor.role === 'observer') throw observerRefusal('vote');
      const decision = requireDecision(ledger, cmd.decisionId);
      if (decision.status !== 'open') throw conflict('this decision is closed: votes are no longer accepted');
      if (ctx.now > decision.deadline) {
        throw conflict(`the deadline for this decision passed at ${when(decision.deadline)}: votes are no longer accepted`);
      }
      if (!decision.options.includes(cmd.option)) {
        throw invalid(`"${cmd.option}" is not an option of this decision (options: ${decision.options.join(', ')})`);
      }
      const existing = voteEntry(ledger.votes.get(voteKey(cmd.decisionId, ctx.actorId)));
      if (cmd.kind === 'castVote' && existing) {
        throw conflict(`you have already voted "${existing.option}" on this decision: change your vote instead of voting again`);
      }
      if (cmd.kind === 'changeVote' && !existing) throw conflict('you have not voted on this decision yet: cast a vote first');
      return;
    }
    case 'openDecision': {
      if (actor.role === 'observer') throw observerRefusal('open decisions');
      if (ledger.decisions.has(cmd.decisionId)) throw conflict('a decision with this id already exists');
      if (cmd.deadline <= ctx.now) throw invalid(`the deadline must be in the future (got ${when(cmd.deadline)})`);
      return;
    }
    case 'closeDecision': {
      const decision = requireDecision(ledger, cmd.decisionId);
      if (decision.openedBy !== ctx.actorId) requireManager('close a decision someone else opened');
      if (decision.status === 'closed') throw conflict('this decision is already closed');
      return;
    }
    case 'rsvp':
      if (actor.role === 'observer') throw observerRefusal('answer invitations');
      return;
    case 'addMember': {
      requireManager('add members');
      if (cmd.role === 'owner' && actor.role !== 'owner') throw forbidden('only an owner can make someone an owner');
      const existing = activeMember(ledger, cmd.userId);
      if (existing) throw conflict(`${existing.name} is already ${article(existing.role)} ${existing.role} of ${room}`);
      let emailTaken: MemberEntry | null = null;
      ledger.members.forEach((value) => {
        const m = memberEntry(value);
        if (m?.active && m.email.toLowerCase() === cmd.email.toLowerCase()) emailTaken = m;
      });
      if (emailTaken) throw conflict(`${cmd.email} is already a member of ${room}`);
      return;
    }
    case 'setRole':
    case 'removeMember': {
      requireManager(cmd.kind === 'setRole' ? 'change roles' : 'remove members');
      const target = activeMember(ledger, cmd.userId);
      if (!target) throw notFound(`that person is not a member of ${room}`);
      const demotesOwner = target.role === 'owner' && (cmd.kind === 'removeMember' || cmd.role !== 'owner');
      if (demotesOwner && actor.role !== 'owner') throw forbidden('only an owner can change or remove an owner');
      if (demotesOwner && owners(ledger).length === 1) {
        throw conflict(`${target.name} is the last owner of ${room}: make someone else an owner first`);
      }
      if (cmd.kind === 'setRole' && cmd.role === 'owner' && actor.role !== 'owner') {
        throw forbidden('only an owner can make someone an owner');
      }
      return;
    }
  }
}

/** Writes a validated command into the ledger doc. Call inside one Yjs transaction. */
export function applyCommand(doc: Y.Doc, cmd: LedgerCommand, ctx: CommandContext): void {
  const ledger = ledgerDoc(doc);
  switch (cmd.kind) {
    case 'castVote':
    case 'changeVote':
      ledger.votes.set(voteKey(cmd.decisionId, ctx.actorId), { option: cmd.option, castAt: ctx.now });
      return;
    case 'openDecision': {
      const entry: DecisionEntry = {
        motion: cmd.motion,
        options: cmd.options,
        deadline: cmd.deadline,
        status: 'open',
        openedBy: ctx.actorId,
        openedAt: ctx.now,
        closedAt: null,
        meetingId: cmd.meetingId ?? null,
      };
      ledger.decisions.set(cmd.decisionId, entry);
      return;
    }
    case 'closeDecision': {
      const current = decisionEntry(ledger.decisions.get(cmd.decisionId))!;
      ledger.decisions.set(cmd.decisionId, { ...current, status: 'closed', closedAt: ctx.now });
      return;
    }
    case 'rsvp':
      ledger.rsvps.set(rsvpKey(cmd.meetingId, ctx.actorId), { response: cmd.response, respondedAt: ctx.now });
      return;
    case 'addMember': {
      const entry: MemberEntry = { name: cmd.name, email: cmd.email, role: cmd.role, active: true, addedAt: ctx.now };
      ledger.members.set(cmd.userId, entry);
      return;
    }
    case 'setRole': {
      const current = memberEntry(ledger.members.get(cmd.userId))!;
      ledger.members.set(cmd.userId, { ...current, role: cmd.role });
      return;
    }
    case 'removeMember': {
      const current = memberEntry(ledger.members.get(cmd.userId))!;
      ledger.members.set(cmd.userId, { ...current, active: false });
      return;
    }
  }
}

/** The role a user holds in a ledger, or null when not an active member. */
export function roleIn(doc: Y.Doc, userId: string): Role | null {
  return activeMember(ledgerDoc(doc), userId)?.role ?? null;
}

function article(role: Role): string {
  return role === 'owner' || role === 'admin' || role === 'observer' ? 'an' : 'a';
}

