// The caller's boardrooms: list, create (the caller becomes owner).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API } from '../../src-shared/sync/api.js';
import { entityId, LIMITS } from '../../src-shared/schemas.js';
import type { TokenIssuer } from '../auth/tokens.js';
import type { Database } from '../db/database.js';
import { importRoom } from '../rooms/import-room.js';
import { createRoom, listRooms } from '../rooms/rooms.js';
import type { DocHub } from '../sync/doc-hub.js';
import { badInput } from './api-error.js';
import { authenticate } from './authenticate.js';

const createBody = z.strictObject({
  roomId: entityId,
  name: z.string({ error: 'must be text' }).trim().min(1, 'cannot be empty').max(LIMITS.name, `must be at most ${LIMITS.name} characters`),
});

// `name` is ours, beyond ImportRoomRequest: until the room doc syncs, the server knows the room by it.
const importBody = z.strictObject({
  roomId: entityId,
  ledgerUpdateBase64: z.string().min(1, 'cannot be empty').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
  name: z.string().trim().min(1).max(LIMITS.name).optional(),
  localUserId: entityId.optional(),
});

export interface RoomRouteDeps {
  db: Database;
  tokens: TokenIssuer;
  hub: DocHub;
  /** After a room was created or imported (cache invalidation of its members' lists). */
  onChanged?: (roomId: string) => void;
}

export function roomRoutes(app: FastifyInstance, deps: RoomRouteDeps): void {
  app.get(API.rooms, async (request) => {
    const caller = await authenticate(request, deps.tokens, deps.db);
    return listRooms(deps.db, caller.id);
  });

  // Uploads can carry a long history: they get a larger body limit than other requests.
  app.post(API.importRoom, { bodyLimit: 32 * 1024 * 1024 }, async (request, reply) => {
    const caller = await authenticate(request, deps.tokens, deps.db);
    const body = importBody.safeParse(request.body);
    if (!body.success) throw badInput(body.error);
    const { roomId, ledgerUpdateBase64, name, localUserId } = body.data;
    const { result, write } = await importRoom(deps.db, caller, { roomId, name: name ?? 'Untitled boardroom', ledgerUpdate: Buffer.from(ledgerUpdateBase64, 'base64'), localUserId });
    if (write?.seq) await deps.hub.committedElsewhere(write.docId, write.seq);
    if (write) deps.onChanged?.(roomId);
    return reply.code(write ? 201 : 200).send(result);
  });

  app.post(API.rooms, async (request, reply) => {
    const caller = await authenticate(request, deps.tokens, deps.db);
    const body = createBody.safeParse(request.body);
    if (!body.success) throw badInput(body.error);
    const { room, write } = await createRoom(deps.db, caller, body.data);
    if (write?.seq) await deps.hub.committedElsewhere(write.docId, write.seq);
    if (write) deps.onChanged?.(room.id);
    return reply.code(write ? 201 : 200).send(room);
  });
}
