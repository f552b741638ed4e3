// The application core: one object that owns the database, the docs and the handlers, and serves the
// contract to whichever transport carries it (Electron IPC or the headless host's WebSocket).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { contract, isHandlerName, type HandlerName, type Handlers } from '../src-shared/contract.js';
import type { ProjectionTable } from '../src-shared/docs/projection.js';
import { AppError } from '../src-shared/errors.js';
import { describeIssues } from '../src-shared/schemas.js';
import type { IpcResult, WireEvent } from '../src-shared/wire.js';
import { AuthorityRouter, LocalAuthority } from './authority/authority.js';
import { seedDemoWorkspace } from './demo/seed.js';
import { agendaHandlers } from './handlers/agenda.js';
import { boardroomHandlers } from './handlers/boardrooms.js';
import type { HandlerContext } from './handlers/context.js';
import { documentHandlers } from './handlers/documents.js';
import { ledgerHandlers } from './handlers/ledger.js';
import { MeetingPager } from './handlers/meeting-pages.js';
import { meetingHandlers } from './handlers/meetings.js';
import { searchHandlers } from './handlers/search.js';
import { outboxView, syncHandlers, syncStatusView, type SyncParts } from './handlers/sync.js';
import { readSetting } from './identity.js';
import { Outbox } from './sync/outbox.js';
import { RemoteAuthority } from './sync/remote-authority.js';
import { PLAIN_BOX, Session, type SecretBox } from './sync/session.js';
import { SyncEngine } from './sync/sync-engine.js';
import { uploadLocalRooms } from './sync/workspace-upload.js';
import { downloadBlob, uploadBlobs } from './sync/blob-sync.js';
import { loadIdentity } from './identity.js';
import { BlobStore } from './store/blob-store.js';
import { openDb, type LocalDb } from './store/db.js';
import { DocStore } from './store/doc-store.js';
import { SearchService } from './search/service.js';

export const APP_VERSION = '0.1.0';
export const DB_FILE = 'boardroom.db';
/** `changed` events are coalesced to one per frame (~16 ms) so a burst of edits repaints once. */
const CHANGED_COALESCE_MS = 16;

export interface AppCore {
  /** Validates input with the contract's schema and runs the handler; never throws. */
  dispatch(method: string, input: unknown): Promise<IpcResult>;
  subscribe(listener: (event: WireEvent) => void): () => void;
  close(): void;
  /** For tests, tools and benchmarks in the same process. */
  readonly internals: { db: LocalDb; store: DocStore; ctx: HandlerContext; sync: SyncParts; search: SearchService };
}

export interface OpenAppOptions {
  dataDir: string;
  migrationsDir: string;
  /** Creates demo boardrooms on the first start of an empty data dir (default true). */
  seedDemo?: boolean;
  now?: () => number;
  log?: (message: string) => void;
  /** Seals sync tokens at rest (Electron's safeStorage); plain where none is available. */
  secrets?: SecretBox;
  deviceName?: string;
}

export function openApp(options: OpenAppOptions): AppCore {
  mkdirSync(options.dataDir, { recursive: true });
  const log = options.log ?? ((m: string) => console.log(m));
  const db = openDb({ file: join(options.dataDir, DB_FILE), migrationsDir: options.migrationsDir });
  const store = new DocStore(db.sqlite);
  const now = options.now ?? Date.now;
  const { identity, created } = loadIdentity(db.sqlite);
  const session = new Session(db.sqlite, options.secrets ?? PLAIN_BOX, now);
  const authority = new AuthorityRouter(new LocalAuthority(store, db.sqlite, now));
  const ctx: HandlerContext = {
    sqlite: db.sqlite,
    store,
    blobs: new BlobStore(db.sqlite),
    authority,
    me: identity,
    now,
    fetchBlob: async (hash, mime) => (session.signedIn ? downloadBlob(session.api(), await session.accessToken(), ctx.blobs, hash, mime) : null),
    pager: new MeetingPager(db.sqlite, now),
    version: APP_VERSION,
  };
  if (created && options.seedDemo !== false) {
    const started = performance.now();
    seedDemoWorkspace(ctx);
    log(`Created the demo workspace in ${(performance.now() - started).toFixed(0)} ms`);
  }

  const listeners = new Set<(event: WireEvent) => void>();
  const emit = (event: WireEvent) => {
    for (const listener of listeners) listener(event);
  };
  const search = SearchService.open({
    sqlite: db.sqlite,
    dbFile: join(options.dataDir, DB_FILE),
    blobs: ctx.blobs,
    userId: () => identity.userId,
    progress: (task, done, total) => emit({ event: 'progress', payload: { task, done, total } }),
    log,
  });
  const outbox = new Outbox(db.sqlite, now);
  const engine: SyncEngine = new SyncEngine(
    store,
    db.sqlite,
    session,
    outbox,
    {
      status: () => emit({ event: 'sync-status', payload: syncStatusView(sync) }),
      refused: (entry) => emit({ event: 'command-refused', payload: outboxView(entry) }),
      prepare: async (api, token, serverRoomIds) => {
        const localIds = [readSetting(db.sqlite, 'personal_user_id'), identity.userId].filter((id): id is string => !!id);
        return uploadLocalRooms(api, token, db.sqlite, store, serverRoomIds, localIds);
      },
      finish: (api, token, serverRoomIds) => uploadBlobs(api, token, ctx.blobs, serverRoomIds),
    },
    now,
  );
  const remote = new RemoteAuthority(store, outbox, () => engine.kick(), now);
  const sync: SyncParts = {
    session,
    engine,
    outbox,
    useServerAuthority: (on) => authority.useRemote(on ? remote : null),
    deviceName: options.deviceName ?? 'Boardroom desktop',
  };
  if (session.signedIn) {
    sync.useServerAuthority(true);
    engine.start();
  }

  const handlers: Handlers = {
    'app.info': () => ({ userId: identity.userId, userName: identity.name, email: identity.email, workspace: 'personal', version: APP_VERSION }),
    ...boardroomHandlers(ctx),
    ...meetingHandlers(ctx),
    ...agendaHandlers(ctx),
    ...documentHandlers(ctx),
    ...ledgerHandlers(ctx),
    ...syncHandlers(ctx, sync),
    ...searchHandlers(ctx, search),
  };
  let pendingTables = new Set<ProjectionTable>();
  let flushTimer: NodeJS.Timeout | null = null;
  const unhook = store.onCommitted((committed) => {
    for (const change of committed.changes) {
      pendingTables.add(change.table);
      if (change.table === 'meetings') ctx.pager.invalidate(change.scope);
    }
    if (flushTimer || pendingTables.size === 0) return;
    flushTimer = setTimeout(() => {
      flushTimer = null;
      const tables = [...pendingTables];
      pendingTables = new Set();
      emit({ event: 'changed', payload: { tables } });
    }, CHANGED_COALESCE_MS);
  });

  return {
    async dispatch(method, input) {
      if (!isHandlerName(method)) {
        return { ok: false, error: { code: 'invalid_input', message: `unknown request "${String(method).slice(0, 80)}"` } };
      }
      const parsed = contract[method].input.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: describeIssues(parsed.error) } };
      try {
        const run = handlers[method] as (input: unknown) => unknown;
        const output = await run(parsed.data);
        return { ok: true, output: output ?? null };
      } catch (error) {
        // Refusals and an unreachable server are answers, not failures of the app: no stack trace.
        if (error instanceof AppError) return { ok: false, error: error.toBody() };
        log(`[${method as HandlerName}] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return {
          ok: false,
          error: { code: 'internal', message: `could not complete ${method}: ${error instanceof Error ? error.message : String(error)}` },
        };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (flushTimer) clearTimeout(flushTimer);
      engine.close();
      unhook();
      listeners.clear();
      // Stops the search workers' database access at once, so closing the database next is safe.
      void search.close();
      store.close();
      db.close();
    },
    internals: { db, store, ctx, sync, search },
  };
}
