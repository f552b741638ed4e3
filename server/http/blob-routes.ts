// PUT /api/v1/blobs/<sha256>?roomId=&mime= with the raw file as body; GET /api/v1/blobs/<sha256>.
// The server checks the hash itself: a blob's name is a promise about its bytes.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { EDITOR_ROLES, type Role } from '../../src-shared/domain.js';
import { entityId } from '../../src-shared/schemas.js';
import type { TokenIssuer } from '../auth/tokens.js';
import { blobData, putBlob, readableBlob } from '../blobs/blob-store.js';
import type { Database } from '../db/database.js';
import { memberships, membershipKey } from '../sync/doc-access.js';
import { ApiError, badInput } from './api-error.js';
import { authenticate } from './authenticate.js';

const hashParam = z.strictObject({ hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in lowercase hex (64 characters)') });
const putQuery = z.strictObject({
  roomId: entityId,
  mime: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a MIME type such as application/pdf').max(100).default('application/octet-stream'),
});

export function blobRoutes(app: FastifyInstance, deps: { db: Database; tokens: TokenIssuer; maxBlobBytes: number }): void {
  // Any content type is taken as raw bytes on this route.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.maxBlobBytes }, (_request, body, done) => done(null, body));

    scope.put('/api/v1/blobs/:hash', { bodyLimit: deps.maxBlobBytes }, async (request, reply) => {
      const caller = await authenticate(request, deps.tokens, deps.db);
      const params = hashParam.safeParse(request.params);
      if (!params.success) throw badInput(params.error);
      const query = putQuery.safeParse(request.query);
      if (!query.success) throw badInput(query.error);
      const data = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const actual = createHash('sha256').update(data).digest('hex');
      if (actual !== params.data.hash) {
        throw new ApiError(400, 'invalid_input', `the file's sha256 is ${actual}, not ${params.data.hash}: the upload was damaged or the hash is wrong`);
      }
      const { roomId, mime } = query.data;
      const found = await memberships(deps.db, [{ roomId, userId: caller.id }]);
      const membership = found.get(membershipKey(roomId, caller.id));
      const role: Role | null = membership?.role ?? null;
      if (!role || !EDITOR_ROLES.includes(role)) {
        const room = `"${membership?.roomName ?? 'this boardroom'}"`;
        throw new ApiError(
          403,
          'forbidden',
          role === 'observer'
            ? `you are an observer in ${room}: observers cannot add files. Ask an admin for member access`
            : `you are not a member of ${room}: ask an admin of that boardroom to add you`,
        );
      }
      const outcome = await putBlob(deps.db, { hash: actual, size: data.length, mime, data }, roomId, caller.id);
      return reply.code(outcome === 'stored' ? 201 : 200).send({ hash: actual, size: data.length, mime });
    });
  });

  app.get('/api/v1/blobs/:hash', async (request, reply) => {
    const caller = await authenticate(request, deps.tokens, deps.db);
    const params = hashParam.safeParse(request.params);
    if (!params.success) throw badInput(params.error);
    // Unknown and forbidden look the same: a hash must not reveal whether someone uploaded that file.
    const blob = await readableBlob(deps.db, params.data.hash, caller.id);
    if (!blob) throw new ApiError(404, 'not_found', 'no file with this hash in any boardroom you are a member of');
    const data = await blobData(deps.db, blob.hash);
    return reply
      .header('content-type', blob.mime)
      .header('etag', `"${blob.hash}"`)
      .header('cache-control', 'private, max-age=31536000, immutable')
      .send(data);
  });
}
