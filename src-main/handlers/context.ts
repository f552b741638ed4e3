import type { Authority } from '../authority/authority.js';
import type { Identity } from '../identity.js';
import type { BlobStore } from '../store/blob-store.js';
import type { Sqlite } from '../store/db.js';
import type { DocStore } from '../store/doc-store.js';
import type { MeetingPager } from './meeting-pages.js';

/** What every handler may use. */
export interface HandlerContext {
  sqlite: Sqlite;
  store: DocStore;
  blobs: BlobStore;
  authority: Authority;
  me: Identity;
  now: () => number;
  /** Fetches a file this device lacks from the sync server (null when not signed in). */
  fetchBlob: (hash: string, mime: string) => Promise<Buffer | null>;
  pager: MeetingPager;
  version: string;
}
