// Who may do what in a boardroom, read from the projection of its ledger.
import { EDITOR_ROLES, MANAGER_ROLES, type Role } from '../../src-shared/domain.js';
import { forbidden, notFound } from '../../src-shared/errors.js';
import { statement } from '../store/db.js';
import type { HandlerContext } from './context.js';

export interface RoomRef {
  id: string;
  name: string;
  active: boolean;
  /** The local user's role there (a room is visible only to its members). */
  role: Role;
}

export function requireRoom(ctx: HandlerContext, roomId: string): RoomRef {
  const row = statement(ctx.sqlite, 'SELECT id, name, active FROM boardrooms WHERE id = ?').get(roomId) as
    | { id: string; name: string; active: number }
    | undefined;
  const role = row ? myRole(ctx, roomId) : null;
  if (!row || !role) throw notFound(`no boardroom with id ${roomId}`);
  return { id: row.id, name: row.name, active: row.active === 1, role };
}

export function myRole(ctx: HandlerContext, roomId: string): Role | null {
  const row = statement(ctx.sqlite, 'SELECT role FROM boardroom_members WHERE boardroom_id = ? AND user_id = ? AND active = 1')
  .get(roomId, ctx.me.userId) as { role: Role } | undefined;
  return row?.role ?? null;
}

/** The room, when the local user may change its content (owner, admin or member). */
export function requireEditor(ctx: HandlerContext, roomId: string): RoomRef {
  const room = requireRoom(ctx, roomId);
  const role = room.role;
  if (role === 'observer') {
    throw forbidden(`you are an observer in "${room.name}": you can read everything but change nothing. Ask an admin for member access`);
  }
  if (!EDITOR_ROLES.includes(role)) throw forbidden(`you are not a member of "${room.name}"`);
  if (!room.active) throw forbidden(`"${room.name}" is archived: unarchive it to make changes`);
  return room;
}

export function requireManager(ctx: HandlerContext, roomId: string): RoomRef {
  const room = requireRoom(ctx, roomId);
  if (!MANAGER_ROLES.includes(room.role)) {
    throw forbidden(`only an owner or admin of "${room.name}" can do this (you are ${room.role})`);
  }
  return room;
}

export interface MeetingRef {
  id: string;
  boardroomId: string;
  title: string;
}

export function requireMeeting(ctx: HandlerContext, meetingId: string): MeetingRef {
  const row = statement(ctx.sqlite, 'SELECT id, boardroom_id AS boardroomId, title FROM meetings WHERE id = ?').get(meetingId) as
    | MeetingRef
    | undefined;
  if (!row || !myRole(ctx, row.boardroomId)) throw notFound(`no meeting with id ${meetingId}`);
  return row;
}
