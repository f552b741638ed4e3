import type { Role } from '../../src-shared/domain';

/** Owners, admins and members change rooms and meetings; observers only read. */
export const canEdit = (role: Role | null | undefined): boolean => role === 'owner' || role === 'admin' || role === 'member';
/** Owners and admins manage membership and the room itself. */
export const canManage = (role: Role | null | undefined): boolean => role === 'owner' || role === 'admin';
