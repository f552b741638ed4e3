import type { Handlers } from '../../src-shared/contract.js';
import { notesMap } from '../../src-shared/docs/notes.js';
import { asNestedMap, newNestedMap, writeFields } from '../../src-shared/docs/read.js';
import { roomDoc } from '../../src-shared/docs/room.js';
import { AppError, notFound } from '../../src-shared/errors.js';
import { newId, notesDocId, roomDocId } from '../../src-shared/ids.js';
import { LIMITS } from '../../src-shared/schemas.js';
import { statement } from '../store/db.js';
import { requireEditor, requireMeeting, requireRoom } from './access.js';
import type { HandlerContext } from './context.js';
import { DOCUMENT_COLUMNS, asDocument } from './rows.js';

export function documentHandlers(ctx: HandlerContext): Pick<
  Handlers,
  'documents.page' | 'documents.attach' | 'documents.open' | 'documents.remove' | 'notes.save'
> {
  const requireDocument = (id: string) => {
    const row = statement(ctx.sqlite, `SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = ? AND deleted_at IS NULL`).get(id);
    const doc = row ? asDocument(row) : null;
    if (!doc) throw notFound(`no document with id ${id}`);
    requireRoom(ctx, doc.boardroomId);
    return doc;
  };

  return {
    'documents.page': ({ boardroomId, meetingId, offset, limit }) => {
      requireRoom(ctx, boardroomId);
      const where = `boardroom_id = @roomId AND deleted_at IS NULL ${meetingId ? 'AND meeting_id = @meetingId' : ''}`;
      const params = { roomId: boardroomId, meetingId: meetingId ?? null, limit, offset };
      const items = statement(ctx.sqlite, `SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE ${where} ORDER BY created_at DESC, id LIMIT @limit OFFSET @offset`)
        .all(params)
        .map(asDocument);
      const { total } = statement(ctx.sqlite, `SELECT count(*) AS total FROM documents WHERE ${where}`).get(params) as {
        total: number;
      };
      return { items, total, offset, limit };
    },

    'documents.attach': ({ boardroomId, meetingId, title, mime, dataBase64 }) => {
      requireEditor(ctx, boardroomId);
      if (meetingId && requireMeeting(ctx, meetingId).boardroomId !== boardroomId) {
        throw notFound(`no meeting with id ${meetingId} in this boardroom`);
      }
      const data = Buffer.from(dataBase64, 'base64');
      if (data.byteLength > LIMITS.attachmentBytes) {
        throw new AppError('too_large', `file must be at most ${LIMITS.attachmentBytes / 1024 / 1024} MiB (got ${(data.byteLength / 1024 / 1024).toFixed(1)} MiB)`);
      }
      const id = newId();
      ctx.store.batch(() => {
        const blob = ctx.blobs.put(data, mime);
        ctx.store.change(roomDocId(boardroomId), (doc) => {
          roomDoc(doc).documents.set(
            id,
            newNestedMap({
              title,
              description: '',
              blobHash: blob.hash,
              mime,
              size: blob.size,
              meetingId: meetingId ?? '',
              createdAt: ctx.now(),
              deletedAt: null,
            }),
          );
        });
      });
      return { id };
    },

    'documents.open': async ({ id }) => {
      const doc = requireDocument(id);
      const data = ctx.blobs.get(doc.blobHash) ?? (await ctx.fetchBlob(doc.blobHash, doc.mime));
      if (!data) throw notFound(`"${doc.title}" is not on this device yet: sign in to the sync server to download it`);
      return { id, title: doc.title, mime: doc.mime, size: doc.size, blobHash: doc.blobHash, dataBase64: data.toString('base64') };
    },

    'documents.remove': ({ id }) => {
      const doc = requireDocument(id);
      requireEditor(ctx, doc.boardroomId);
      ctx.store.change(roomDocId(doc.boardroomId), (ydoc) => {
        const entry = asNestedMap(roomDoc(ydoc).documents.get(id));
        if (entry) writeFields(entry, { deletedAt: ctx.now() });
      });
    },

    'notes.save': ({ targetId, text }) => {
      ctx.store.change(notesDocId(ctx.me.userId), (doc) => notesMap(doc).set(targetId, { text, updatedAt: ctx.now() }));
    },
  };
}
