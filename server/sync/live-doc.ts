// A doc held in memory by this process while sockets use it: the Y.Doc (never ahead of Postgres),
// its awareness, its peers, and the batching rules of DESIGN.md (awareness every 100 ms, serialised
// once per batch; doc updates to each peer as its send queue allows).
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { defineDocLayout } from '../../src-shared/docs/index.js';
import type { ParsedDocId } from '../../src-shared/ids.js';
import { MESSAGE_AWARENESS } from '../../src-shared/sync/protocol.js';

/** What a live doc needs from a socket. */
export interface DocPeer {
  sendUpdate(update: Uint8Array): void;
  sendFrame(frame: Uint8Array): void;
  /** Awareness client ids this peer announced, removed when it leaves. */
  readonly awarenessIds: Set<number>;
}

export interface PendingWrite {
  update: Uint8Array;
  origin: DocPeer | null;
  resolve(stateVector: Uint8Array): void;
  reject(error: unknown): void;
}

/** Origin of awareness changes received from other server processes: not published again. */
export const REMOTE = Symbol('remote');
/** Origin of updates read from the log (other processes, the authority). */
export const FROM_LOG = Symbol('log');

export class LiveDoc {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<DocPeer>();
  /** Every log row with seq <= lastSeq is in `doc`. */
  lastSeq = 0;
  /** Rows written since the last compaction, as far as this process knows. */
  rowsSinceSnapshot = 0;
  bytesSinceSnapshot = 0;
  readonly writeQueue: PendingWrite[] = [];
  writing = false;
  compacting = false;
  catchingUp: Promise<void> | null = null;
  catchUpAgain = false;
  unloadTimer: NodeJS.Timeout | null = null;
  private readonly awarenessChanged = new Set<number>();
  private readonly awarenessToPublish = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly docId: string,
    readonly parsed: ParsedDocId,
    private readonly awarenessBatchMs: number,
    private readonly publishAwareness: (update: Uint8Array) => void,
  ) {
    // Root types first: content applied before them lands in placeholders that events then misname.
    defineDocLayout(docId, this.doc);
    // The server holds no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      for (const peer of this.peers) if (peer !== origin) peer.sendUpdate(update);
    });
    this.awareness.on('update', this.onAwareness);
  }

  private readonly onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const ids = [...added, ...updated, ...removed];
    if (origin && typeof origin === 'object' && this.peers.has(origin as DocPeer)) {
      const mine = (origin as DocPeer).awarenessIds;
      for (const id of [...added, ...updated]) mine.add(id);
      for (const id of removed) mine.delete(id);
    }
    for (const id of ids) {
      this.awarenessChanged.add(id);
      if (origin !== REMOTE) this.awarenessToPublish.add(id);
    }
    this.awarenessTimer ??= setTimeout(() => this.flushAwareness(), this.awarenessBatchMs);
  };

  /** One encoding per batch, sent to every peer (the sender too: that is how y-websocket behaves). */
  flushAwareness(): void {
    this.awarenessTimer = null;
    if (this.awarenessChanged.size > 0 && this.peers.size > 0) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awarenessChanged]));
      const frame = encoding.toUint8Array(encoder);
      for (const peer of this.peers) peer.sendFrame(frame);
    }
    if (this.awarenessToPublish.size > 0) {
      this.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awarenessToPublish]));
    }
    this.awarenessChanged.clear();
    this.awarenessToPublish.clear();
  }

  /** Every client's presence, for a newly connected peer or a query-awareness message. */
  awarenessFrame(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    if (ids.length === 0) return null;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
    return encoding.toUint8Array(encoder);
  }

  removePeer(peer: DocPeer): void {
    this.peers.delete(peer);
    if (peer.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], 'closed');
    }
  }

  get busy(): boolean {
    return this.writing || this.compacting || this.catchingUp !== null || this.writeQueue.length > 0;
  }

  destroy(): void {
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
