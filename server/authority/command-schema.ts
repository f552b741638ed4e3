// The shape of a ledger command on the wire (LedgerCommand in src-shared/commands.ts), strict:
// an unknown field or kind is refused with what was expected.
import { z } from 'zod';
import type { LedgerCommand } from '../../src-shared/commands.js';
import { RSVP_RESPONSES, ROLES } from '../../src-shared/domain.js';
import { commandId, decisionOptions, entityId, LIMITS, timestamp } from '../../src-shared/schemas.js';

const base = { commandId, boardroomId: entityId };
const text = (max: number) => z.string({ error: 'must be text' }).trim().min(1, 'cannot be empty').max(max, `must be at most ${max} characters`);
const role = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });

export const commandSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ ...base, kind: z.enum(['castVote', 'changeVote']), decisionId: entityId, option: text(LIMITS.name) }),
    z.strictObject({
      ...base,
      kind: z.literal('openDecision'),
      decisionId: entityId,
      motion: text(LIMITS.description),
      options: decisionOptions,
      deadline: timestamp,
      meetingId: entityId.optional(),
    }),
    z.strictObject({ ...base, kind: z.literal('closeDecision'), decisionId: entityId }),
    z.strictObject({ ...base, kind: z.literal('rsvp'), meetingId: entityId, response: z.enum(RSVP_RESPONSES) }),
    z.strictObject({
      ...base,
      kind: z.literal('addMember'),
      userId: entityId,
      name: text(LIMITS.name),
      email: z.string().trim().toLowerCase().email('must be an email address').max(200),
      role,
    }),
    z.strictObject({ ...base, kind: z.literal('setRole'), userId: entityId, role }),
    z.strictObject({ ...base, kind: z.literal('removeMember'), userId: entityId }),
  ],
  { error: 'kind must be one of castVote, changeVote, openDecision, closeDecision, rsvp, addMember, setRole, removeMember' },
);

export const commandRequestSchema = z.strictObject({ command: commandSchema });

// The schema and the shared type must describe the same commands.
export type CheckedCommand = z.infer<typeof commandSchema> & LedgerCommand;
