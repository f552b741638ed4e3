// Test support: every test file gets its own fresh PostgreSQL database and its own Redis prefix, so
// files run in parallel against the real services on 127.0.0.1 without seeing each other.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { API, type TokenPair } from '../src-shared/sync/api.js';
import { MESSAGE_ACK, MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_SYNC, readAck } from '../src-shared/sync/protocol.js';
import { startServer, type RunningServer, type StartOptions } from './app.js';
import { addUser } from './auth/accounts.js';
import type { Database } from './db/database.js';

export const TEST_POSTGRES = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `boardroom_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_POSTGRES);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export function testRedisPrefix(): string {
  return `boardroom-test:${randomBytes(6).toString('hex')}:`;
}


export interface TestEnv {
  db: TestDatabase;
  redisPrefix: string;
  /** Server options for this file's database and Redis prefix. */
  options(extra?: StartOptions): StartOptions;
  dispose(): Promise<void>;
}

export async function createTestEnv(): Promise<TestEnv> {
  const db = await createTestDatabase();
  const redisPrefix = testRedisPrefix();
  return {
    db,
    redisPrefix,
    options: (extra = {}) => ({
      databaseUrl: db.url,
      redisUrl: TEST_REDIS,
      redisPrefix,
      port: 0,
      logLevel: 'silent',
      jwtSecret: 'a test secret that is at least thirty-two characters long',
      signInsPerMinutePerIp: 10_000,
      signInsPerMinutePerAccount: 10_000,
      apiRequestsPerSecond: 10_000,
      apiBurst: 10_000,
      connectsPerMinutePerIp: 100_000,
      ...extra,
    }),
    dispose: () => db.drop(),
  };
}

export const startTestServer = (env: TestEnv, extra?: StartOptions): Promise<RunningServer> => startServer(env.options(extra));

export async function api<T>(baseUrl: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(path, baseUrl), {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

let people = 0;
/** What the client helpers need of a server: its URL, and its database to create accounts in. */
export interface ServerHandle {
  url: string;
  db: Database;
}

/** A new account on `server`, signed in from a new device. */
export async function signUp(server: ServerHandle, name = `Person ${++people}`): Promise<TokenPair> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${randomBytes(3).toString('hex')}@example.com`;
  await addUser(server.db, { email, name, password: 'correct horse battery staple' });
  const { status, body } = await api<TokenPair>(server.url, API.signIn, {
    body: { email, password: 'correct horse battery staple', deviceId: randomBytes(8).toString('hex'), deviceName: 'Test laptop' },
  });
  if (status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
  return body;
}

export async function createRoom(server: ServerHandle, owner: TokenPair, name = 'Audit Committee'): Promise<string> {
  const roomId = randomBytes(8).toString('hex');
  const { status, body } = await api(server.url, API.rooms, { token: owner.accessToken, body: { roomId, name } });
  if (status !== 201) throw new Error(`create room failed: ${JSON.stringify(body)}`);
  return roomId;
}

export const wsUrl = (server: { url: string }): string => server.url.replace(/^http/, 'ws') + 'sync';

/** A stock y-websocket provider, exactly as a web client would use it. */
export function stockClient(server: { url: string }, docId: string, token: string, doc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(wsUrl(server), docId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
}

/** Polls until `check` passes (vitest's timeout bounds the wait; no wall-clock assertions). */
export async function eventually(check: () => unknown | Promise<unknown>, what = 'condition'): Promise<void> {
  let lastError: unknown;
  for (let i = 0; i < 2000; i++) {
    try {
      const result = await check();
      if (result !== false) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
}

/**
 * A protocol-level client: speaks the sync protocol by hand and records what the server says
 * (acks, permission-denied reasons, the close code and reason) so tests can assert on them.
 */
export class RawSyncClient {
  readonly doc = new Y.Doc();
  readonly denials: string[] = [];
  readonly acks: Uint8Array[] = [];
  /** Presence as this client sees it (awareness messages from the server applied). */
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** How many frames of each message type arrived. */
  readonly received = new Map<number, number>();
  closed: { code: number; reason: string } | null = null;
  opened: Promise<void>;
  refusedStatus: number | null = null;
  private readonly ws: WebSocket;

  constructor(server: { url: string }, docId: string, token: string, acks = true) {
    const url = `${wsUrl(server)}/${encodeURIComponent(docId)}?token=${encodeURIComponent(token)}${acks ? '&acks=1' : ''}`;
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'nodebuffer';
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeSyncStep1(encoder, this.doc);
        this.send(encoding.toUint8Array(encoder));
        resolve();
      });
      this.ws.once('unexpected-response', (_req, res) => {
        this.refusedStatus = res.statusCode ?? 0;
        reject(new Error(`refused with HTTP ${res.statusCode}`));
      });
      this.ws.once('error', reject);
    });
    this.opened.catch(() => undefined);
    this.ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
    this.ws.on('message', (data: Buffer) => this.receive(new Uint8Array(data)));
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.sendUpdate(update);
    });
  }

  private receive(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    this.received.set(type, (this.received.get(type) ?? 0) + 1);
    if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), 'server');
    } else if (type === MESSAGE_SYNC) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
      if (encoding.length(encoder) > 1) this.send(encoding.toUint8Array(encoder));
    } else if (type === MESSAGE_AUTH) {
      decoding.readVarUint(decoder);
      this.denials.push(decoding.readVarString(decoder));
    } else if (type === MESSAGE_ACK) {
      this.acks.push(readAck(decoder));
    }
  }

  /** Announces `state` as this client's presence. */
  sendPresence(state: Record<string, unknown>): void {
    this.awareness.setLocalState(state);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]));
    this.send(encoding.toUint8Array(encoder));
  }

  sendUpdate(update: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    this.send(encoding.toUint8Array(encoder));
  }

  send(frame: Uint8Array | string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.awareness.destroy();
    this.ws.close();
  }
}
