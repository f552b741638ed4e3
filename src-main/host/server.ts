// The headless host: serves the built renderer over http on 127.0.0.1 and the contract over a
// WebSocket guarded by a per-run token. Every e2e test drives the real UI through it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { WebSocket, WebSocketServer } from 'ws';
import { LIMITS } from '../../src-shared/limits.js';
import type { WireRequest, WireResponse } from '../../src-shared/wire.js';
import type { AppCore } from '../app.js';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Attachments travel base64 inside JSON: allow the largest one plus its envelope. */
const MAX_MESSAGE_BYTES = Math.ceil((LIMITS.attachmentBytes * 4) / 3) + 64 * 1024;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "frame-src 'self' blob:",
  "object-src 'self' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface HostOptions {
  /** The core, or its promise: the host can listen (and serve the page) while the core still loads. */
  core: AppCore | Promise<AppCore>;
  rendererDir: string;
  port: number;
  token?: string;
}

export interface RunningHost {
  server: Server;
  url: string;
  token: string;
  close(): Promise<void>;
}

export async function startHost({ core, rendererDir, port, token = randomBytes(24).toString('hex') }: HostOptions): Promise<RunningHost> {
  const allowedHosts = new Set<string>();
  const server = createServer((req, res) => serveStatic(req, res, rendererDir, token, allowedHosts));
  // `ws` takes ~35 ms to load and is first needed when the page, fetched and run, opens its socket:
  // it loads after the host listens, not before.
  let wss: WebSocketServer | null = null;
  let wssReady: Promise<WebSocketServer> | null = null;
  const socketServer = () =>
    (wssReady ??= import('ws').then(({ WebSocketServer }) => (wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES }))));

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    const expected = Buffer.from(token);
    const tokenOk = given.length === expected.length && timingSafeEqual(given, expected);
    // A page from any other origin cannot reach the host, even one that learned the port.
    const originOk = req.headers.origin === undefined || allowedOrigin(req.headers.origin, allowedHosts);
    if (url.pathname !== '/rpc' || !tokenOk || !originOk || !allowedHosts.has(req.headers.host ?? '')) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    socketServer().then(
      (ready) => ready.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, Promise.resolve(core))),
      () => socket.destroy(),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  socketServer().catch((error: Error) => console.error(`the host cannot take the page's connections (ws failed to load): ${error.message}`));
  const actualPort = (server.address() as AddressInfo).port;
  allowedHosts.add(`127.0.0.1:${actualPort}`).add(`localhost:${actualPort}`);
  const origin = `http://127.0.0.1:${actualPort}`;
  return {
    server,
    url: `${origin}/`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss?.clients ?? []) client.close(1001, 'host shutting down');
        wss?.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function allowedOrigin(origin: string, hosts: Set<string>): boolean {
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && hosts.has(u.host);
  } catch {
    return false;
  }
}

function serveSocket(ws: WebSocket, ready: Promise<AppCore>): void {
  let unsubscribe = () => {};
  void ready.then((core) => {
    if (ws.readyState !== ws.OPEN) return;
    unsubscribe = core.subscribe((event) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(event));
    });
  });
  ws.on('close', () => unsubscribe());
  ws.on('error', () => unsubscribe());
  ws.on('message', (raw, isBinary) => {
    void (async () => {
      const core = await ready;
      const request = parseRequest(isBinary ? null : raw.toString());
      if ('error' in request) {
        ws.send(JSON.stringify({ id: request.id, ok: false, error: { code: 'invalid_input', message: request.error } } satisfies WireResponse));
        return;
      }
      const result = await core.dispatch(request.method, request.input);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: request.id, ...result } as WireResponse));
    })();
  });
}

function parseRequest(text: string | null): WireRequest | { id: number; error: string } {
  if (text === null) return { id: -1, error: 'requests must be JSON text, not binary frames' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { id: -1, error: 'request is not valid JSON' };
  }
  const r = value as Partial<WireRequest>;
  if (typeof value !== 'object' || value === null || typeof r.id !== 'number' || !Number.isSafeInteger(r.id)) {
    return { id: -1, error: 'request needs a numeric "id"' };
  }
  if (typeof r.method !== 'string') return { id: r.id, error: 'request needs a "method" string' };
  return { id: r.id, method: r.method, input: r.input ?? {} };
}

function serveStatic(req: IncomingMessage, res: ServerResponse, rendererDir: string, token: string, hosts: Set<string>): void {
  // Refusing foreign Host headers defeats DNS rebinding: only 127.0.0.1/localhost on our port.
  if (!hosts.has(req.headers.host ?? '')) {
    res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden host');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = normalize(join(rendererDir, relative));
  if (!file.startsWith(normalize(rendererDir) + sep)) {
    res.writeHead(400).end();
    return;
  }
  const headers = {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
  if (relative === 'index.html') {
    if (!existsSync(file)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('The renderer is not built yet: run `npm run build`, then reload.');
      return;
    }
    const html = readFileSync(file, 'utf8').replace(
      /<meta name="boardroom-token" content="[^"]*"\s*\/?>/,
      `<meta name="boardroom-token" content="${token}" />`,
    );
    res.writeHead(200, { ...headers, 'content-type': MIME['.html']!, 'cache-control': 'no-store' }).end(html);
    return;
  }
  const immutable = relative.startsWith('assets/');
  // Hashed assets never change: held in memory after the first read (no file system call after
  // that) and sent in one write. At start the core loads on this thread while the page fetches its
  // script; a streamed file needed a turn of the event loop per 64 KB chunk, each waiting behind the
  // core (the 256 KB script arrived 200-360 ms after it was asked for).
  const body = (immutable && assets.get(file)) || readableFile(file);
  if (!body) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  if (immutable) assets.set(file, body);
  res.writeHead(200, {
    ...headers,
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

const assets = new Map<string, Buffer>();

/** A regular file's bytes; null when there is none at `file`. */
function readableFile(file: string): Buffer | null {
  return existsSync(file) && statSync(file).isFile() ? readFileSync(file) : null;
}
