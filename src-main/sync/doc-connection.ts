// One doc's sync over the y-websocket protocol, with the local DocStore as the replica: what arrives is
// committed through the store (persisted with its projection rows), what the store commits locally is
// sent while connected. Nothing is queued in memory: on reconnect the sync steps carry whatever the
// other side lacks, so a change made offline is never lost.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { readAuthMessage } from 'y-protocols/auth';
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import {
  MESSAGE_ACK,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  readAck,
  syncPath,
} from '../../src-shared/sync/protocol.js';
import { parseDocId } from '../../src-shared/ids.js';
import type { DocStore } from '../store/doc-store.js';
import { covers } from './sync-state.js';

export const REMOTE_ORIGIN = 'remote';
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

export interface DocConnectionEvents {
  /** The server committed everything up to this state vector. */
  acked(docId: string, serverStateVector: Uint8Array): void;
  /** The server's step 2 arrived: this replica holds everything the server had. */
  synced(docId: string): void;
  /**
   * We answered the server's step 1 with what it lacked. `complete` is true when it lacked nothing;
   * otherwise an ack covering our state vector says it has committed our answer.
   */
  answered(docId: string, complete: boolean): void;
  /** The server refused a write (for example: the user is an observer). */
  denied(docId: string, reason: string): void;
  closed(docId: string, code: number, reason: string): void;
}

export class DocConnection {
  private socket: WebSocket | null = null;
  private receivedStep2 = false;
  private unhook: (() => void) | null = null;

  constructor(
    readonly docId: string,
    private readonly serverUrl: string,
    private readonly token: string,
    private readonly store: DocStore,
    private readonly events: DocConnectionEvents,
  ) {
    // Ledgers are written by the server's authority only: the client never offers its own copy.
    this.readOnly = parseDocId(docId)?.kind === 'ledger';
  }

  private readonly readOnly: boolean;

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Resolves once the socket is open (the sync steps follow on their own); rejects if it cannot open. */
  open(): Promise<void> {
    const url = new URL(syncPath(this.docId), this.serverUrl.replace(/^http/, 'ws'));
    url.searchParams.set('token', this.token);
    url.searchParams.set('acks', '1');
    const socket = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: 10_000 });
    socket.binaryType = 'nodebuffer';
    this.socket = socket;
    return new Promise((resolve, reject) => {
      socket.once('open', () => {
        this.unhook = this.store.onCommitted((change, origin) => {
          if (change.docId === this.docId && origin !== REMOTE_ORIGIN && !this.readOnly) this.sendUpdate(change.update);
        });
        this.send((e) => {
          encoding.writeVarUint(e, MESSAGE_SYNC);
          encoding.writeVarUint(e, messageYjsSyncStep1);
          encoding.writeVarUint8Array(e, Y.encodeStateVector(this.store.get(this.docId)));
        });
        resolve();
      });
      socket.once('unexpected-response', (_req, res) => {
        reject(new Error(`the server refused the connection (HTTP ${res.statusCode})`));
        socket.terminate();
      });
      socket.once('error', (error) => reject(error));
      socket.on('message', (data: Buffer) => this.receive(new Uint8Array(data)));
      socket.on('close', (code, reason) => {
        this.unhook?.();
        this.unhook = null;
        this.events.closed(this.docId, code, reason.toString());
      });
    });
  }

  close(code = 1000, reason = 'closed by the client'): void {
    this.unhook?.();
    this.unhook = null;
    this.socket?.close(code, reason);
  }

  private sendUpdate(update: Uint8Array): void {
    this.send((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, messageYjsUpdate);
      encoding.writeVarUint8Array(e, update);
    });
  }

  private send(write: (encoder: encoding.Encoder) => void): void {
    if (!this.isOpen) return;
    const encoder = encoding.createEncoder();
    write(encoder);
    this.socket!.send(encoding.toUint8Array(encoder));
  }

  private receive(message: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MESSAGE_SYNC:
          return this.receiveSync(decoder);
        case MESSAGE_ACK:
          return this.events.acked(this.docId, readAck(decoder));
        case MESSAGE_AUTH:
          return readAuthMessage(decoder, this.store.get(this.docId), (_doc, reason) => this.events.denied(this.docId, reason));
        case MESSAGE_AWARENESS:
        case MESSAGE_QUERY_AWARENESS:
          return; // Presence is not shown in the desktop app yet.
        default:
          return;
      }
    } catch (error) {
      // A frame we cannot read is the server's bug or a proxy's; drop the connection and resync later.
      this.close(4400, `unreadable message: ${error instanceof Error ? error.message : String(error)}`.slice(0, 120));
    }
  }

  private receiveSync(decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder);
    if (step === messageYjsSyncStep1) {
      const serverVector = decoding.readVarUint8Array(decoder);
      const doc = this.store.get(this.docId);
      const complete = this.readOnly || covers(serverVector, Y.encodeStateVector(doc));
      const missing = complete ? EMPTY_UPDATE : Y.encodeStateAsUpdate(doc, serverVector);
      this.send((e) => {
        encoding.writeVarUint(e, MESSAGE_SYNC);
        encoding.writeVarUint(e, messageYjsSyncStep2);
        encoding.writeVarUint8Array(e, missing);
      });
      this.events.answered(this.docId, complete);
      return;
    }
    const update = decoding.readVarUint8Array(decoder);
    this.store.applyUpdate(this.docId, update, REMOTE_ORIGIN);
    if (step === messageYjsSyncStep2 && !this.receivedStep2) {
      this.receivedStep2 = true;
      this.events.synced(this.docId);
    }
  }
}
