// The lean load client against a real node:http server: Content-Length and chunked bodies, bodies
// that arrive in pieces, keep-alive reuse, `connection: close`, and a server that hangs up.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeanConnection } from './http-load.js';

let server: Server;
let base: string;
const sockets = new Set<unknown>();

beforeAll(async () => {
  server = createServer((req, res) => {
    sockets.add(req.socket);
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/length') {
      res.setHeader('content-type', 'text/plain');
      res.end(`hello ${req.headers.authorization ?? 'nobody'}`);
    } else if (url.pathname === '/chunked') {
      // Written in parts with a pause, so the client sees a chunked body in several reads.
      res.write('a'.repeat(5000));
      setTimeout(() => res.end('b'.repeat(3)), 20);
    } else if (url.pathname === '/close') {
      res.setHeader('connection', 'close');
      res.end('bye');
    } else if (url.pathname === '/hang-up') {
      req.socket.destroy();
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('LeanConnection', () => {
  it('reads Content-Length and chunked bodies whole, with status and headers, on one kept-alive socket', async () => {
    const c = new LeanConnection(base);
    sockets.clear();
    const first = await c.get('/length', { authorization: 'Bearer abc' });
    expect(first).toMatchObject({ status: 200 });
    expect(first.body.toString()).toBe('hello Bearer abc');
    expect(first.headers.get('content-type')).toBe('text/plain');
    expect(first.ms).toBeGreaterThan(0);
    const chunked = await c.get('/chunked', {});
    expect(chunked.headers.get('transfer-encoding')).toBe('chunked');
    expect(chunked.body.toString()).toBe(`${'a'.repeat(5000)}bbb`);
    expect((await c.get('/missing', {})).status).toBe(404);
    expect(sockets.size).toBe(1);
    c.close();
  });

  it('opens a new socket after the server asked to close, and fails a request the server hung up on', async () => {
    const c = new LeanConnection(base);
    sockets.clear();
    expect((await c.get('/close', {})).body.toString()).toBe('bye');
    expect((await c.get('/length', {})).body.toString()).toBe('hello nobody');
    expect(sockets.size).toBe(2);
    await expect(c.get('/hang-up', {})).rejects.toThrow(/closed the connection|ECONNRESET/);
    expect((await c.get('/length', {})).status).toBe(200);
    c.close();
  });

  it('refuses a second request while one is in flight', async () => {
    const c = new LeanConnection(base);
    const first = c.get('/chunked', {});
    await expect(c.get('/length', {})).rejects.toThrow('one request at a time');
    expect((await first).status).toBe(200);
    c.close();
  });
});
