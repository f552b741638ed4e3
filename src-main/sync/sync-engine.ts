// Keeps the local replicas in step with the sync server: docs the user has open stay connected; all
// others are swept in the background with bounded concurrency, busiest first; failures back off
// exponentially with jitter (cap 30 s). Reports one status for the UI.
import * as Y from 'yjs';
import { ledgerDocId, meetingDocId, notesDocId, parseDocId, roomDocId } from '../../src-shared/ids.js';
import { CLOSE } from '../../src-shared/sync/protocol.js';
import { statement, type Sqlite } from '../store/db.js';
import type { DocStore } from '../store/doc-store.js';
import { DocConnection, REMOTE_ORIGIN } from './doc-connection.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import type { ServerApi } from './server-api.js';
import type { Session } from './session.js';
import { covers, SyncState } from './sync-state.js';

export interface SyncStatus {
  state: 'local-only' | 'offline' | 'syncing' | 'saved';
  /** Local changes not yet acknowledged by the server, plus commands waiting in the outbox. */
  pending: number;
  syncingDocs: number;
  /** Progress of the very first sync after signing in. */
  firstSync: { done: number; total: number } | null;
  message: string | null;
}

const SWEEP_CONCURRENCY = 4;
const SWEEP_EVERY_MS = 15_000;
const FULL_SWEEP_EVERY_MS = 10 * 60_000;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30_000;
/** A swept doc is closed once synced and acknowledged, or after this long. */
const SWEEP_DOC_TIMEOUT_MS = 20_000;

export interface SyncHooks {
  status(status: SyncStatus): void;
  refused(entry: OutboxEntry): void;
  /** Before docs sync: upload what the server lacks. Says what it created there and what it could not. */
  prepare(api: ServerApi, token: string, serverRoomIds: Set<string>): Promise<{ uploaded: string[]; refused: string[] }>;
  /** After docs synced: send what travels beside them (files). Returns problems to show. */
  finish(api: ServerApi, token: string, serverRoomIds: Set<string>): Promise<string[]>;
}

export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

export class SyncEngine {
  private readonly live = new Map<string, DocConnection>();
  private readonly focus = new Set<string>();
  private readonly retryAt = new Map<string, { attempt: number; at: number }>();
  private readonly state: SyncState;
  private running = false;
  private sweeping = false;
  private timer: NodeJS.Timeout | null = null;
  private lastError: string | null = null;
  /** null until the server first answered (or failed) since start: "connecting", not "offline". */
  private reachable: boolean | null = null;
  private firstSyncShown = false;
  private sweepAgain = false;
  private failingDocs = 0;
  private firstSync: { done: number; total: number } | null = null;
  private sweepFailures = 0;
  private lastFullSweep = -Infinity;
  private readonly unhook: () => void;

  constructor(
    private readonly store: DocStore,
    private readonly sqlite: Sqlite,
    private readonly session: Session,
    private readonly outbox: Outbox,
    private readonly hooks: SyncHooks,
    private readonly clock: () => number = Date.now,
  ) {
    this.state = new SyncState(sqlite);
    this.unhook = store.onCommitted((change, origin) => {
      if (origin === REMOTE_ORIGIN) return;
      this.state.changedLocally(change.docId);
      if (this.running) this.emit();
    });
  }

  status(): SyncStatus {
    const pending = this.state.totalPending() + this.outbox.pendingCount();
    const syncingDocs = [...this.live.values()].filter((c) => c.isOpen).length;
    const state = !this.running
      ? 'local-only'
      : this.reachable === false
        ? 'offline'
        : this.reachable === null || this.sweeping || pending > 0 || this.failingDocs > 0
          ? 'syncing'
          : 'saved';
    return { state, pending, syncingDocs, firstSync: this.firstSync, message: this.lastError };
  }

  start(): void {
    if (this.running || !this.session.signedIn) return;
    this.running = true;
    this.schedule(0);
  }

  stop(): void {
    this.running = false;
    this.reachable = null;
    this.firstSyncShown = false;
    this.lastFullSweep = -Infinity;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const connection of this.live.values()) connection.close(1000, 'sync stopped');
    this.live.clear();
    this.emit();
  }

  /** For good: the store and database are about to close, so work still in flight must not touch them. */
  close(): void {
    this.stop();
    this.closed = true;
    this.unhook();
  }

  private closed = false;

  /** Docs the user has on screen: kept connected so edits from others arrive at once. */
  setFocus(docIds: string[]): void {
    this.focus.clear();
    for (const id of docIds) if (parseDocId(id)) this.focus.add(id);
    for (const [docId, connection] of this.live) if (!this.focus.has(docId) && !this.sweeping) connection.close();
    this.connectFocused();
  }

  /** Opens the docs on screen at once, whatever the background sweep is doing. */
  private connectFocused(): void {
    if (!this.running || this.reachable === false) return;
    for (const docId of this.focus) {
      if (this.live.has(docId) || (this.retryAt.get(docId)?.at ?? 0) > this.clock()) continue;
      void this.syncDoc(docId).catch((error: unknown) => this.failed(docId, error instanceof Error ? error.message : String(error)));
    }
  }

  /** Something new to send (a command, a reconnect hint): sweep soon. */
  kick(): void {
    if (!this.running) return;
    if (this.sweeping) this.sweepAgain = true;
    else this.schedule(0);
  }

  /** Tell the UI the status changed (for changes the engine did not make itself). */
  notify(): void {
    if (this.running) this.emit();
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.sweep(), delay);
  }

  private emit(): void {
    if (!this.closed) this.hooks.status(this.status());
  }

  /** One pass: rooms from the server, upload what it lacks, then every doc busiest first. */
  private async sweep(): Promise<void> {
    if (!this.running || this.sweeping) return;
    this.sweeping = true;
    this.emit();
    try {
      const api = this.session.api();
      const token = await this.session.accessToken();
      let serverRooms = await api.rooms(token);
      this.reachable = true;
      this.lastError = null;
      this.failingDocs = 0;
      const upload = await this.hooks.prepare(api, token, new Set(serverRooms.map((r) => r.id)));
      if (upload.uploaded.length) serverRooms = await api.rooms(token);
      if (upload.refused.length) this.lastError = upload.refused.join('; ');
      await this.outbox.flush(async (command) => api.command(await this.session.accessToken(), command), this.hooks.refused);
      // Every doc at start and every few minutes; in between only what is cheap or has news to send,
      // so a 100,000-meeting workspace does not open 100,000 sockets every 15 s.
      const full = this.clock() - this.lastFullSweep >= FULL_SWEEP_EVERY_MS;
      const docIds = this.docsToSync(serverRooms.map((r) => r.id), full);
      // The first sync's progress bar shows once per start, not on every retry.
      if (!this.firstSyncShown && this.state.neverSynced()) this.firstSync = { done: 0, total: docIds.length };
      this.firstSyncShown = true;
      await this.syncAll(this.state.busiestFirst(docIds));
      // Rooms that arrived in this pass bring meeting docs to fetch.
      const swept = new Set(docIds);
      const more = this.docsToSync(serverRooms.map((r) => r.id), full).filter((id) => !swept.has(id));
      if (more.length) await this.syncAll(this.state.busiestFirst(more));
      const problems = await this.hooks.finish(api, await this.session.accessToken(), new Set(serverRooms.map((r) => r.id)));
      if (problems.length) this.lastError = problems.join('; ');
      if (full) this.lastFullSweep = this.clock();
    } catch (error) {
      if (this.closed) return;
      this.reachable = false;
      this.lastError = error instanceof Error ? error.message : String(error);
    } finally {
      this.sweeping = false;
      this.emit();
      this.firstSync = null;
      this.sweepFailures = this.reachable ? 0 : this.sweepFailures + 1;
      this.connectFocused();
      const again = this.sweepAgain;
      this.sweepAgain = false;
      if (this.running) this.schedule(again ? 0 : this.reachable ? SWEEP_EVERY_MS : backoffDelay(this.sweepFailures - 1));
    }
  }

  /** Rooms, ledgers and notes always; meeting docs all (full) or only those not known to be in step. */
  private docsToSync(serverRoomIds: string[], full: boolean): string[] {
    const ids = new Set<string>(this.focus);
    const me = this.session.user?.id;
    if (me) ids.add(notesDocId(me));
    const inStep = full ? null : this.state.inStep();
    for (const roomId of serverRoomIds) {
      ids.add(roomDocId(roomId));
      ids.add(ledgerDocId(roomId));
      for (const meetingId of this.meetingsOf(roomId)) {
        const docId = meetingDocId(meetingId);
        if (!inStep?.has(docId)) ids.add(docId);
      }
    }
    return [...ids].filter((id) => (this.retryAt.get(id)?.at ?? 0) <= this.clock());
  }

  /** Meeting ids of a room, from its projection (no need to load the room doc). */
  private meetingsOf(roomId: string): string[] {
    return (statement(this.sqlite, 'SELECT id FROM meetings WHERE boardroom_id = ?').all(roomId) as Array<{ id: string }>).map((r) => r.id);
  }

  private async syncAll(docIds: string[]): Promise<void> {
    const queue = [...docIds];
    const worker = async () => {
      for (let docId = queue.shift(); docId !== undefined && this.running; docId = queue.shift()) {
        await this.syncDoc(docId);
        if (this.firstSync) this.firstSync.done++;
        this.emit();
      }
    };
    await Promise.all(Array.from({ length: SWEEP_CONCURRENCY }, worker));
  }

  /** Connects one doc; resolves when it is synced and acknowledged (or failed, or timed out). */
  private async syncDoc(docId: string): Promise<void> {
    if (this.live.has(docId)) return;
    const token = await this.session.accessToken();
    if (this.live.has(docId)) return;
    let done: () => void = () => {};
    const finished = new Promise<void>((resolve) => (done = resolve));
    // Done when we hold what the server had (its step 2) and it holds what we had (our answer to its
    // step 1 was empty, or an ack covers our state vector).
    let synced = false;
    let answered = false;
    let serverHasOurs = false;
    const settleIfClean = () => {
      if (synced && answered && serverHasOurs) done();
    };
    const connection = new DocConnection(docId, this.session.serverUrl!, token, this.store, {
      acked: (id, vector) => {
        const local = this.localVector(id);
        this.state.acknowledged(id, vector, local, this.clock());
        if (covers(vector, local)) serverHasOurs = true;
        settleIfClean();
        this.emit();
      },
      synced: (id) => {
        synced = true;
        this.state.pulled(id, this.clock());
        this.retryAt.delete(id);
        settleIfClean();
      },
      answered: (_id, complete) => {
        answered = true;
        if (complete) serverHasOurs = true;
        settleIfClean();
      },
      denied: (id, reason) => {
        this.lastError = `${id}: ${reason}`;
        done();
      },
      closed: (id, code, reason) => {
        this.live.delete(id);
        if (code === CLOSE.unauthorized) this.kick();
        if (code !== 1000 && code !== CLOSE.goingAway) this.failed(id, `${reason || 'connection closed'} (${code})`);
        // A doc on screen that lost its connection comes back on its own, after its backoff.
        if (this.focus.has(id) && this.running) {
          setTimeout(() => this.connectFocused(), Math.max(0, (this.retryAt.get(id)?.at ?? this.clock()) - this.clock()) + backoffDelay(0));
        }
        done();
      },
    });
    this.live.set(docId, connection);
    try {
      await connection.open();
    } catch (error) {
      this.live.delete(docId);
      this.failed(docId, error instanceof Error ? error.message : String(error));
      return;
    }
    const timeout = setTimeout(done, SWEEP_DOC_TIMEOUT_MS);
    await finished;
    clearTimeout(timeout);
    if (!this.focus.has(docId)) connection.close();
  }

  private localVector(docId: string): Uint8Array {
    return Y.encodeStateVector(this.store.get(docId));
  }

  private failed(docId: string, reason: string): void {
    const attempt = (this.retryAt.get(docId)?.attempt ?? -1) + 1;
    this.retryAt.set(docId, { attempt, at: this.clock() + backoffDelay(attempt) });
    this.failingDocs++;
    this.lastError = `${docId}: ${reason}`;
  }
}
