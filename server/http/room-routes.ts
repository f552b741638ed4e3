// The caller's boardrooms: list, create (the caller becomes owner).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API } from '../../src-shared/sync/api.js';
import { entityId, LIMITS } from '../../src-shared/schemas.js';
import type { TokenIssuer } from '../auth/tokens.js';
import type { Database } from '../db/database.js';
import { createRoom, listRooms } from '../rooms/rooms.js';
import type { DocHub } from '../sync/doc-hub.js';
import { badInput } from './api-error.js';
import { authenticate } from './authenticate.js';

const createBody = z.strictObject({
  roomId: entityId,
  name: z.string({ error: 'must be text' }).trim().min(1, 'cannot be empty').max(LIMITS.name, `must be at most ${LIMITS.name} characters`),
});

export function roomRoutes(app: FastifyInstance, deps: { db: Database; tokens: TokenIssuer; hub: DocHub }): void {
  app.get(API.rooms, async (request) => {
    const caller = await authenticate(request, deps.tokens, deps.db);
    return listRooms(deps.db, caller.id);
  });

  app.post(API.rooms, async (request, reply) => {
    const caller = await authenticate(request, deps.tokens, deps.db);
    const body = createBody.safeParse(request.body);
    if (!body.success) throw badInput(body.error);
    const { room, write } = await createRoom(deps.db, caller, body.data);
    if (write?.seq) await deps.hub.committedElsewhere(write.docId, write.seq);
    return reply.code(write ? 201 : 200).send(room);
  });
}
