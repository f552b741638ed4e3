// One WebSocket on one doc, speaking the y-websocket protocol: sync step 1/2 and updates, awareness,
// query-awareness, auth (permission denied), plus our ACK for clients that asked (`?acks=1`).
// Every refusal names what was wrong; a bad frame closes this socket only.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import {
  CLOSE,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  encodeAck,
} from '../../src-shared/sync/protocol.js';
import { TokenBucket } from '../limits.js';
import type { DocPermit } from './doc-access.js';
import type { DocHub } from './doc-hub.js';
import type { DocPeer, LiveDoc } from './live-doc.js';
import { closeReason, isEmptyUpdate } from './frames.js';

const MERGE_BACKLOG_AT = 64;
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export interface PeerLimits {
  maxMessageBytes: number;
  messagesPerSecond: number;
  messageBurst: number;
}

export class SyncPeer implements DocPeer {
  readonly awarenessIds = new Set<number>();
  private live: LiveDoc | null = null;
  private readonly early: Uint8Array[] = [];
  private readonly rate: TokenBucket;
  private inFlight = 0;
  private queuedUpdates: Uint8Array[] = [];
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    readonly userId: string,
    readonly docId: string,
    public permit: DocPermit,
    private readonly wantsAcks: boolean,
    private readonly hub: DocHub,
    private readonly limits: PeerLimits,
    private readonly onError: (error: unknown) => void,
  ) {
    this.rate = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
    ws.on('message', (data, isBinary) => this.receive(data as Buffer, isBinary));
    ws.on('close', () => this.leave());
    ws.on('error', () => this.leave());
  }

  /** Attaches to the doc and starts the sync: our state vector, and everyone's presence. */
  async join(): Promise<void> {
    const live = await this.hub.attach(this.docId, this);
    if (this.closed) return this.hub.detach(live, this);
    this.live = live;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, live.doc);
    this.sendFrame(encoding.toUint8Array(encoder));
    const presence = live.awarenessFrame();
    if (presence) this.sendFrame(presence);
    // Handled like any later frame: each one queues its write before the next starts, so order holds.
    for (const frame of this.early.splice(0)) void this.handle(frame);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.ws.close(code, closeReason(reason));
    this.leave();
  }

  /** Sends a doc update now when the socket is idle, else merges it with the others waiting. */
  sendUpdate(update: Uint8Array): void {
    if (this.inFlight === 0 && this.queuedUpdates.length === 0) return this.sendFrame(updateFrame(update));
    this.queuedUpdates.push(update);
    // A reader that stopped reading must not hold the server's memory: its backlog is merged as
    // it grows, and a socket this far behind is dropped (it resyncs from its state vector).
    if (this.queuedUpdates.length >= MERGE_BACKLOG_AT) this.queuedUpdates = [Y.mergeUpdates(this.queuedUpdates)];
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) this.leave(true);
  }

  sendFrame(frame: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.inFlight += 1;
    this.ws.send(frame, (error) => {
      this.inFlight -= 1;
      // A dead socket is dropped on send failure (DESIGN.md, Batching).
      if (error) return this.leave(true);
      if (this.inFlight === 0 && this.queuedUpdates.length > 0) {
        const updates = this.queuedUpdates;
        this.queuedUpdates = [];
        this.sendFrame(updateFrame(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates)));
      }
    });
  }

  denyWrite(reason: string): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AUTH);
    authProtocol.writePermissionDenied(encoder, reason);
    this.sendFrame(encoding.toUint8Array(encoder));
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    if (data.byteLength > this.limits.maxMessageBytes) {
      return this.close(CLOSE.tooLarge, `message of ${data.byteLength} bytes is over the limit of ${this.limits.maxMessageBytes}`);
    }
    if (!this.rate.take()) {
      return this.close(CLOSE.rateLimited, `more than ${this.limits.messagesPerSecond} messages per second: slow down and reconnect`);
    }
    if (!isBinary) return this.close(CLOSE.malformed, 'text frames are not part of the sync protocol: send binary frames');
    const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (!this.live) {
      this.early.push(frame);
      return;
    }
    void this.handle(frame);
  }

  private async handle(frame: Uint8Array): Promise<void> {
    const live = this.live!;
    try {
      const decoder = decoding.createDecoder(frame);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MESSAGE_SYNC:
          return await this.handleSync(live, decoder);
        case MESSAGE_AWARENESS:
          awarenessProtocol.applyAwarenessUpdate(live.awareness, decoding.readVarUint8Array(decoder), this);
          return;
        case MESSAGE_QUERY_AWARENESS: {
          const presence = live.awarenessFrame();
          if (presence) this.sendFrame(presence);
          return;
        }
        case MESSAGE_AUTH:
          return;
        default:
          return this.close(CLOSE.malformed, `unknown message type ${type}`);
      }
    } catch (error) {
      if (this.closed) return;
      if (error instanceof PersistFailed) {
        // The database refused or is down: the update was not acked, so the client keeps it and
        // sends it again after reconnecting.
        this.onError(error.cause);
        return this.close(1011, 'the server could not save this change: reconnect to send it again');
      }
      const detail = error instanceof MalformedFrame ? error.message : `could not decode the message: ${(error as Error).message}`;
      this.close(CLOSE.malformed, detail);
    }
  }

  private async handleSync(live: LiveDoc, decoder: decoding.Decoder): Promise<void> {
    const subtype = readOrMalformed(() => decoding.readVarUint(decoder));
    if (subtype === syncProtocol.messageYjsSyncStep1) {
      const stateVector = readOrMalformed(() => decoding.readVarUint8Array(decoder));
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      const update = readOrMalformed(() => Y.encodeStateAsUpdate(live.doc, stateVector));
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(encoder, update);
      this.sendFrame(encoding.toUint8Array(encoder));
      return;
    }
    if (subtype !== syncProtocol.messageYjsSyncStep2 && subtype !== syncProtocol.messageYjsUpdate) {
      throw new MalformedFrame(`unknown sync message type ${subtype}`);
    }
    const update = readOrMalformed(() => decoding.readVarUint8Array(decoder));
    // Only what the server lacks is stored: a reconnecting client resends its whole history.
    const fresh = readOrMalformed(() => {
      Y.decodeUpdate(update);
      return Y.diffUpdate(update, Y.encodeStateVector(live.doc));
    });
    const empty = isEmptyUpdate(fresh, live.doc);
    // A reader's sync step 2 usually carries nothing new; only a real change is refused.
    if (!this.permit.write) return empty ? undefined : this.denyWrite(this.permit.writeRefusal);
    const stateVector = empty
      ? Y.encodeStateVector(live.doc)
      : await this.hub.write(live, fresh, this).catch((error: unknown) => {
          throw new PersistFailed(error);
        });
    if (this.wantsAcks) this.sendFrame(encodeAck(stateVector));
  }

  private leave(terminate = false): void {
    if (this.closed) return;
    this.closed = true;
    if (terminate) this.ws.terminate();
    if (this.live) this.hub.detach(this.live, this);
  }
}

class MalformedFrame extends Error {}

class PersistFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('could not persist an update');
  }
}

function readOrMalformed<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new MalformedFrame(`could not decode the message: ${(error as Error).message}`);
  }
}

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}
