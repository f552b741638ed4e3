// A lightweight sync client for `bench/sync.ts`: one raw ws connection speaking the y-websocket
// protocol on one Y.Doc (sync step 1/2 and updates, no awareness), with acks (`?acks=1`) counted the
// way the desktop client asks for them. Thousands of these run in one process, so it keeps nothing
// per message beyond counters.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MESSAGE_ACK, MESSAGE_AUTH, MESSAGE_SYNC, readAck, syncPath } from '../src-shared/sync/protocol.js';

/** Milliseconds on a clock shared by every client of this process (and its worker threads). */
export const stamp = (): number => performance.timeOrigin + performance.now();

export interface BenchClientOptions {
  /** Apply what the server sends to the doc (false: count frames only, for the saturation run). */
  apply?: boolean;
  /** Which server process this client is connected to (0 or 1), for the same/cross-node split. */
  node?: number;
}

export class BenchClient {
  readonly doc = new Y.Doc();
  readonly node: number;
  /** Resolves once the server answered our sync step 1 (we hold its state). */
  readonly synced: Promise<void>;
  acks = 0;
  updatesReceived = 0;
  denials: string[] = [];
  closed: { code: number; reason: string } | null = null;
  /** Called with the server's state vector after it committed one of our updates. */
  onAck: ((stateVector: Uint8Array) => void) | null = null;
  private readonly ws: WebSocket;
  private readonly apply: boolean;

  constructor(serverUrl: string, docId: string, token: string, options: BenchClientOptions = {}) {
    this.apply = options.apply ?? true;
    this.node = options.node ?? 0;
    const url = new URL(syncPath(docId), serverUrl.replace(/^http/, 'ws'));
    url.searchParams.set('token', token);
    url.searchParams.set('acks', '1');
    this.ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: 30_000 });
    this.ws.binaryType = 'nodebuffer';
    this.synced = new Promise<void>((resolve, reject) => {
      this.resolveSynced = resolve;
      this.ws.once('unexpected-response', (_request, response) => reject(new Error(`${docId}: refused with HTTP ${response.statusCode}`)));
      this.ws.once('error', (error) => reject(new Error(`${docId}: ${error.message}`)));
      this.ws.once('close', (code, reason) => reject(new Error(`${docId}: closed ${code} ${reason.toString()} before syncing`)));
    });
    this.synced.catch(() => undefined);
    this.ws.once('open', () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, this.doc);
      this.send(encoding.toUint8Array(encoder));
    });
    this.ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
    this.ws.on('error', () => undefined);
    this.ws.on('message', (data: Buffer) => this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.sendUpdate(update);
    });
  }

  private resolveSynced: () => void = () => undefined;

  private receive(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      if (this.apply) {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        const subtype = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
        if (encoding.length(encoder) > 1) this.send(encoding.toUint8Array(encoder));
        if (subtype === syncProtocol.messageYjsSyncStep2) this.resolveSynced();
        else if (subtype === syncProtocol.messageYjsUpdate) this.updatesReceived += 1;
        return;
      }
      const subtype = decoding.readVarUint(decoder);
      if (subtype === syncProtocol.messageYjsSyncStep1) {
        // Answer with what the server lacks (nothing we have not sent already, in practice).
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeSyncStep2(encoder, this.doc, decoding.readVarUint8Array(decoder));
        this.send(encoding.toUint8Array(encoder));
      } else if (subtype === syncProtocol.messageYjsSyncStep2) this.resolveSynced();
      else this.updatesReceived += 1;
    } else if (type === MESSAGE_ACK) {
      this.acks += 1;
      const stateVector = readAck(decoder);
      this.onAck?.(stateVector);
    } else if (type === MESSAGE_AUTH) {
      decoding.readVarUint(decoder);
      this.denials.push(decoding.readVarString(decoder));
    }
  }

  sendUpdate(update: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    this.send(encoding.toUint8Array(encoder));
  }

  private send(frame: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Closes the socket; resolves once it is closed (terminated after `timeoutMs`). */
  close(timeoutMs = 3_000): Promise<void> {
    this.onAck = null;
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve(this.doc.destroy());
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.ws.terminate(), timeoutMs);
      this.ws.once('close', () => {
        clearTimeout(timer);
        this.doc.destroy();
        resolve();
      });
      if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
      else this.ws.close();
    });
  }
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
