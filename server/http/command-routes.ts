// POST /api/v1/commands: the remote authority. Answers CommandResult, or 4xx `{error, message}` with
// the same words the desktop's local authority uses.
import type { FastifyInstance } from 'fastify';
import { API } from '../../src-shared/sync/api.js';
import type { TokenIssuer } from '../auth/tokens.js';
import { commandRequestSchema } from '../authority/command-schema.js';
import { executeCommand } from '../authority/remote-authority.js';
import type { Database } from '../db/database.js';
import type { DocHub } from '../sync/doc-hub.js';
import type { SyncEndpoint } from '../sync/sync-endpoint.js';
import { badInput } from './api-error.js';
import { authenticate } from './authenticate.js';

export interface CommandDeps {
  db: Database;
  tokens: TokenIssuer;
  hub: DocHub;
  sync: SyncEndpoint;
  now: () => number;
  /** After a command changed a room's ledger tables (cache invalidation). */
  onCommitted?: (roomId: string) => void;
}

export function commandRoutes(app: FastifyInstance, deps: CommandDeps): void {
  app.post(API.commands, async (request) => {
    const caller = await authenticate(request, deps.tokens, deps.db);
    const body = commandRequestSchema.safeParse(request.body);
    if (!body.success) throw badInput(body.error);
    const outcome = await executeCommand(deps.db, body.data.command, caller, deps.now());
    if (outcome.write?.seq) await deps.hub.committedElsewhere(outcome.write.docId, outcome.write.seq);
    if (outcome.membershipChanged) await deps.sync.membershipChanged(body.data.command.boardroomId);
    if (!outcome.result.replayed) deps.onCommitted?.(body.data.command.boardroomId);
    return outcome.result;
  });
}
