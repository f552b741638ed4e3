// Each side's own stock client on one Y.Doc: y-websocket's WebsocketProvider for ours and for
// @y/websocket-server, @hocuspocus/provider's HocuspocusProvider for Hocuspocus. Ours is asked for
// acks (`?acks=1`, a message type the stock provider would otherwise not receive), read by a handler
// added to the provider's table, so the sender knows what the server committed.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MESSAGE_ACK, readAck } from '../../src-shared/sync/protocol.js';

export type PeerKind = 'ours' | 'y-websocket-server' | 'hocuspocus';

export const PEER_LABEL: Record<PeerKind, string> = {
  ours: 'ours (PostgreSQL + Redis)',
  'y-websocket-server': '@y/websocket-server 0.1.1',
  hocuspocus: '@hocuspocus/server 3.4.4',
};

export interface PeerClient {
  readonly doc: Y.Doc;
  /** Resolves once the first sync with the server completed. */
  readonly synced: Promise<void>;
  /** Our clock the server acknowledged as committed (ours only; -1 for the peers, which do not ack). */
  ackedClock(): number;
  destroy(): void;
}

const SYNC_TIMEOUT_MS = 30_000;

function withTimeout(promise: Promise<void>, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not synced after ${SYNC_TIMEOUT_MS / 1000} s`)), SYNC_TIMEOUT_MS);
  });
  const result = Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  result.catch(() => undefined);
  return result;
}

function websocketProvider(url: string, docId: string, doc: Y.Doc, params: Record<string, string>): PeerClient {
  const provider = new WebsocketProvider(url, docId, doc, {
    params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  let acked = -1;
  provider.messageHandlers[MESSAGE_ACK] = (_encoder: unknown, decoder: decoding.Decoder) => {
    acked = Y.decodeStateVector(readAck(decoder)).get(doc.clientID) ?? acked;
  };
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on('sync', (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    synced: withTimeout(synced, docId),
    ackedClock: () => acked,
    destroy: () => provider.destroy(),
  };
}

function hocuspocusProvider(url: string, docId: string, doc: Y.Doc): PeerClient {
  // One socket per provider, as a page with one document open has.
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: docId, document: doc });
  provider.attach();
  const synced = new Promise<void>((resolve) => {
    if (provider.isSynced) resolve();
    provider.on('synced', () => resolve());
  });
  return {
    doc,
    synced: withTimeout(synced, docId),
    ackedClock: () => -1,
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

/**
 * Opens `docId` on a server of `kind`. `url` is the server's base: `http://127.0.0.1:PORT` for ours
 * (the provider connects to `/sync/<docId>`), `ws://127.0.0.1:PORT` for the peers.
 */
export function openClient(kind: PeerKind, url: string, docId: string, token?: string, doc = new Y.Doc()): PeerClient {
  switch (kind) {
    case 'ours':
      return websocketProvider(`${url.replace(/^http/, 'ws').replace(/\/$/, '')}/sync`, docId, doc, { token: token ?? '', acks: '1' });
    case 'y-websocket-server':
      return websocketProvider(url, docId, doc, {});
    case 'hocuspocus':
      return hocuspocusProvider(url, docId, doc);
  }
}
