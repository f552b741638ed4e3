// Document files travel beside the docs: a blob attached on this device is uploaded once the server
// knows its room; a blob attached elsewhere is downloaded when first opened, and its bytes must hash
// to the name the document gives them before they are kept.
import { AppError } from '../../src-shared/errors.js';
import { BlobStore } from '../store/blob-store.js';
import type { ServerApi } from './server-api.js';

/** Uploads what the server lacks; a refusal for one blob (say, a room we only observe) skips it. */
export async function uploadBlobs(api: ServerApi, token: string, blobs: BlobStore, serverRoomIds: Set<string>): Promise<string[]> {
  const problems: string[] = [];
  for (const { hash, mime, roomId } of blobs.notOnServer()) {
    if (!serverRoomIds.has(roomId)) continue;
    const data = blobs.get(hash);
    if (!data) continue;
    try {
      await api.uploadBlob(token, hash, roomId, mime, data);
      blobs.markOnServer(hash);
    } catch (error) {
      if (!(error instanceof AppError) || error.code === 'unavailable') throw error;
      problems.push(`a file could not be uploaded: ${error.message}`);
    }
  }
  return problems;
}

/** Fetches a blob from the server and keeps it, refusing bytes whose hash is not the expected one. */
export async function downloadBlob(api: ServerApi, token: string, blobs: BlobStore, hash: string, mime: string): Promise<Buffer> {
  const data = Buffer.from(await api.downloadBlob(token, hash));
  if (BlobStore.hashOf(data) !== hash) {
    throw new AppError('unavailable', 'the file downloaded from the sync server is damaged (its sha256 does not match): try again');
  }
  blobs.put(data, mime, true);
  return data;
}
