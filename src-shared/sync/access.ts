// Who may read and write each kind of doc (DESIGN.md, Docs). The server enforces this on every
// message; the client uses it to know what it may send.
import type { Role } from '../domain.js';
import { EDITOR_ROLES } from '../domain.js';
import type { ParsedDocId } from '../ids.js';

export interface DocAccess {
  read: boolean;
  write: boolean;
}

/**
 * `role` is the user's role in the doc's room (null when not a member). For `meeting:` docs the caller
 * resolves the meeting's room first. `notes:` docs belong to one user.
 */
export function docAccess(doc: ParsedDocId, userId: string, role: Role | null): DocAccess {
  switch (doc.kind) {
    case 'notes':
      return { read: doc.id === userId, write: doc.id === userId };
    case 'ledger':
      // Written only by the server's authority, from validated commands.
      return { read: role !== null, write: false };
    case 'room':
    case 'meeting':
      return { read: role !== null, write: role !== null && EDITOR_ROLES.includes(role) };
  }
}
