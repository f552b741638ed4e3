// The docs this process holds in memory, and the update flow of DESIGN.md (Server fan-out):
// checked update -> INSERT into doc_updates and COMMIT -> apply to the in-memory doc -> broadcast to
// local peers and ring the doorbell on the bus -> resolve (the caller acks). Other processes answer
// the doorbell by reading the rows they miss from Postgres; a periodic catch-up covers lost doorbells.
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { parseDocId } from '../../src-shared/ids.js';
import type { Bus } from '../bus/bus.js';
import type { Database } from '../db/database.js';
import { appendUpdates, COMPACT_AFTER_BYTES, COMPACT_AFTER_UPDATES, compactDoc, headSeqs, lockDoc, readSince } from './doc-log.js';
import { FROM_LOG, LiveDoc, REMOTE, type DocPeer, type PendingWrite } from './live-doc.js';
import { Projector, type Projected } from './projector.js';
import { claimMeetings, meetingIdsCreatedBy } from './room-projection.js';

export interface HubOptions {
  nodeId: string;
  docIdleUnloadMs: number;
  awarenessBatchMs: number;
  catchUpMs: number;
  /** Called after a projection write (cache invalidation). */
  onProjected?: (projected: Projected) => void;
  /** Seconds a batch of client updates took to commit, and to apply and hand to local peers. */
  observePersist?: (seconds: number, updates: number) => void;
  observeBroadcast?: (seconds: number) => void;
}

const DOORBELL = 'doc-updated';
const AWARENESS = 'awareness';

interface Doorbell {
  docId: string;
  seq: number;
  node: string;
}

export class DocHub {
  private readonly docs = new Map<string, LiveDoc>();
  private readonly loading = new Map<string, Promise<LiveDoc>>();
  private catchUpTimer: NodeJS.Timeout | null = null;
  /** Counters for /metrics. */
  readonly stats = { updatesPersisted: 0, writeTransactions: 0, rowsCaughtUp: 0, compactions: 0 };
  private closed = false;
  private readonly projector: Projector;

  constructor(
    private readonly db: Database,
    private readonly bus: Bus,
    private readonly log: Logger,
    private readonly options: HubOptions,
  ) {
    this.projector = new Projector(db, log, (projected) => options.onProjected?.(projected));
  }

  async start(): Promise<void> {
    await this.bus.subscribe(DOORBELL, (message) => this.onDoorbell(message));
    await this.bus.subscribe(AWARENESS, (message) => this.onRemoteAwareness(message));
    this.catchUpTimer = setInterval(() => void this.catchUpAll(), this.options.catchUpMs);
    this.catchUpTimer.unref();
  }

  get loadedDocIds(): string[] {
    return [...this.docs.keys()];
  }

  loaded(docId: string): LiveDoc | undefined {
    return this.docs.get(docId);
  }

  /** The doc with `peer` attached, loaded from Postgres when this process does not hold it yet. */
  async attach(docId: string, peer: DocPeer): Promise<LiveDoc> {
    const live = this.docs.get(docId) ?? (await this.load(docId));
    if (live.unloadTimer) clearTimeout(live.unloadTimer);
    live.unloadTimer = null;
    live.peers.add(peer);
    return live;
  }

  detach(live: LiveDoc, peer: DocPeer): void {
    live.removePeer(peer);
    if (live.peers.size === 0) this.scheduleUnload(live);
  }

  /** Persists a client's update, then applies and broadcasts it; resolves with the new state vector. */
  write(live: LiveDoc, update: Uint8Array, origin: DocPeer | null): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      live.writeQueue.push({ update, origin, resolve, reject });
      void this.flushWrites(live);
    });
  }

  /**
   * After a server-side writer (the authority) committed an update to `docId`: holders of the doc
   * read it from the log like any other process would.
   */
  async committedElsewhere(docId: string, seq: number): Promise<void> {
    await this.bus.publish(DOORBELL, JSON.stringify({ docId, seq, node: this.options.nodeId } satisfies Doorbell));
    const live = this.docs.get(docId);
    if (live) await this.catchUp(live);
  }

  private load(docId: string): Promise<LiveDoc> {
    let pending = this.loading.get(docId);
    if (!pending) {
      pending = this.readDoc(docId).finally(() => this.loading.delete(docId));
      this.loading.set(docId, pending);
    }
    return pending;
  }

  private async readDoc(docId: string): Promise<LiveDoc> {
    const parsed = parseDocId(docId);
    if (!parsed) throw new Error(`not a doc id: ${docId}`);
    const live = new LiveDoc(docId, parsed, this.options.awarenessBatchMs, (update) => this.publishAwareness(docId, update));
    const read = await readSince(this.db, docId, 0);
    live.doc.transact(() => {
      for (const update of read.updates) Y.applyUpdate(live.doc, update);
    }, FROM_LOG);
    live.lastSeq = read.headSeq;
    live.rowsSinceSnapshot = read.rows;
    live.bytesSinceSnapshot = read.rowBytes;
    if (Projector.projects(parsed)) {
      live.doc.on('afterTransaction', (tr: Y.Transaction) => {
        if (tr.changed.size > 0 && tr.origin !== FROM_LOG) this.projector.changed(docId, parsed, live.doc, tr);
      });
      // Rows written before this projection existed, or by a write whose process died after commit.
      await this.projector.full(docId, parsed, live.doc);
    }
    this.docs.set(docId, live);
    this.compactIfDue(live);
    return live;
  }

  /** Group commit: everything queued while a transaction runs goes into the next one. */
  private async flushWrites(live: LiveDoc): Promise<void> {
    if (live.writing) return;
    live.writing = true;
    try {
      while (live.writeQueue.length > 0) {
        const batch = live.writeQueue.splice(0);
        await this.commitBatch(live, batch).catch((error) => {
          this.log.error({ err: error, docId: live.docId }, 'could not persist updates');
          for (const write of batch) write.reject(error);
        });
      }
    } finally {
      live.writing = false;
    }
  }

  private async commitBatch(live: LiveDoc, batch: PendingWrite[]): Promise<void> {
    const { docId, parsed } = live;
    const started = performance.now();
    const { missed, seqs } = await this.db.transaction(async (tx) => {
      await lockDoc(tx, docId);
      // Under the lock: rows other processes committed that this one has not applied yet.
      const missed = await readSince(tx, docId, live.lastSeq);
      const seqs = await appendUpdates(tx, docId, batch.map((w) => w.update));
      if (parsed.kind === 'room') await claimMeetings(tx, parsed.id, batch.flatMap((w) => meetingIdsCreatedBy(w.update)));
      return { missed, seqs };
    });
    const committed = performance.now();
    this.options.observePersist?.((committed - started) / 1000, batch.length);
    // Committed: now memory may change.
    live.doc.transact(() => {
      for (const update of missed.updates) Y.applyUpdate(live.doc, update);
    }, FROM_LOG);
    for (const write of batch) Y.applyUpdate(live.doc, write.update, write.origin);
    this.options.observeBroadcast?.((performance.now() - committed) / 1000);
    const head = seqs.at(-1)!;
    live.lastSeq = Math.max(live.lastSeq, missed.headSeq, head);
    live.rowsSinceSnapshot += batch.length;
    this.stats.updatesPersisted += batch.length;
    this.stats.writeTransactions += 1;
    live.bytesSinceSnapshot += batch.reduce((n, w) => n + w.update.byteLength, 0);
    void this.bus
      .publish(DOORBELL, JSON.stringify({ docId, seq: head, node: this.options.nodeId } satisfies Doorbell))
      .catch((error) => this.log.warn({ err: error }, 'doorbell not sent; other processes catch up periodically'));
    const stateVector = Y.encodeStateVector(live.doc);
    for (const write of batch) write.resolve(stateVector);
    this.compactIfDue(live);
  }

  private onDoorbell(message: string): void {
    let bell: Doorbell;
    try {
      bell = JSON.parse(message) as Doorbell;
    } catch {
      return;
    }
    if (bell.node === this.options.nodeId) return;
    const live = this.docs.get(bell.docId);
    if (live && bell.seq > live.lastSeq) void this.catchUp(live);
  }

  /** Reads and applies the rows this process misses. One read at a time per doc; asks coalesce. */
  catchUp(live: LiveDoc): Promise<void> {
    if (live.catchingUp) {
      live.catchUpAgain = true;
      return live.catchingUp;
    }
    live.catchingUp = (async () => {
      do {
        live.catchUpAgain = false;
        try {
          const read = await readSince(this.db, live.docId, live.lastSeq);
          this.stats.rowsCaughtUp += read.rows;
          if (read.updates.length > 0) {
            live.doc.transact(() => {
              for (const update of read.updates) Y.applyUpdate(live.doc, update);
            }, FROM_LOG);
          }
          live.lastSeq = Math.max(live.lastSeq, read.headSeq);
        } catch (error) {
          this.log.warn({ err: error, docId: live.docId }, 'catch-up failed; retried on the next doorbell or tick');
        }
      } while (live.catchUpAgain && !this.closed);
    })().finally(() => {
      live.catchingUp = null;
    });
    return live.catchingUp;
  }

  /** The safety net for lost doorbells: one query for the heads of every loaded doc. */
  async catchUpAll(): Promise<void> {
    const ids = this.loadedDocIds;
    if (ids.length === 0 || this.closed) return;
    try {
      const heads = await headSeqs(this.db, ids);
      for (const [docId, head] of heads) {
        const live = this.docs.get(docId);
        if (live && head > live.lastSeq) void this.catchUp(live);
      }
    } catch (error) {
      this.log.warn({ err: error }, 'periodic catch-up failed');
    }
  }

  private compactIfDue(live: LiveDoc): void {
    if (live.compacting) return;
    if (live.rowsSinceSnapshot < COMPACT_AFTER_UPDATES && live.bytesSinceSnapshot < COMPACT_AFTER_BYTES) return;
    live.compacting = true;
    compactDoc(this.db, live.docId)
      .then((compacted) => {
        if (compacted) this.stats.compactions += 1;
        live.rowsSinceSnapshot = 0;
        live.bytesSinceSnapshot = 0;
      })
      .catch((error) => this.log.warn({ err: error, docId: live.docId }, 'compaction failed; retried after more writes'))
      .finally(() => {
        live.compacting = false;
      });
  }

  private publishAwareness(docId: string, update: Uint8Array): void {
    const message = JSON.stringify({ docId, node: this.options.nodeId, update: Buffer.from(update).toString('base64') });
    void this.bus.publish(AWARENESS, message).catch(() => undefined);
  }

  private onRemoteAwareness(message: string): void {
    try {
      const { docId, node, update } = JSON.parse(message) as { docId: string; node: string; update: string };
      const live = this.docs.get(docId);
      if (node === this.options.nodeId || !live) return;
      awarenessProtocol.applyAwarenessUpdate(live.awareness, Buffer.from(update, 'base64'), REMOTE);
    } catch (error) {
      this.log.debug({ err: error }, 'ignored an awareness notice that did not decode');
    }
  }

  private scheduleUnload(live: LiveDoc): void {
    if (live.unloadTimer) clearTimeout(live.unloadTimer);
    live.unloadTimer = setTimeout(() => {
      live.unloadTimer = null;
      if (live.peers.size > 0) return;
      if (live.busy) return this.scheduleUnload(live);
      this.docs.delete(live.docId);
      live.destroy();
    }, this.options.docIdleUnloadMs);
    live.unloadTimer.unref();
  }

  /** Waits for every queued write to commit, then drops all docs. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.catchUpTimer) clearInterval(this.catchUpTimer);
    for (const live of this.docs.values()) {
      while (live.busy) await new Promise((r) => setTimeout(r, 5));
    }
    await this.projector.drain();
    for (const live of this.docs.values()) live.destroy();
    this.docs.clear();
  }
}

