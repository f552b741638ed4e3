// The headless host's guards: token, origin and Host checks, and malformed frames.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openTestApp, type TestApp } from '../testing.js';
import { startHost, type RunningHost } from './server.js';

let app: TestApp;
let host: RunningHost;

beforeAll(async () => {
  app = openTestApp();
  const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<html><head><meta name="boardroom-token" content="" /></head></html>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(rendererDir, 'assets', 'big.js'), BIG_ASSET);
  host = await startHost({ core: app.core, rendererDir, port: 0 });
});
afterAll(async () => {
  await host.close();
  app.dispose();
});

function connect(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${host.url.replace('http', 'ws')}rpc${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function ask(ws: WebSocket, frame: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      if ('event' in message) return;
      ws.off('message', onMessage);
      resolve(message);
    };
    ws.on('message', onMessage);
    ws.send(frame);
  });
}

/** Larger than a stream's 64 KB chunks: served whole, in one response body. */
const BIG_ASSET = Array.from({ length: 20_000 }, (_, i) => `var v${i} = ${i * 7919};`).join('\n');

describe('headless host', () => {
  it('injects the run token into the page and serves assets', async () => {
    const html = await (await fetch(host.url)).text();
    expect(html).toContain(`content="${host.token}"`);
    const asset = await fetch(`${host.url}assets/app.js`);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect((await fetch(`${host.url}assets/../../../etc/passwd`)).status).toBe(404);
  });

  it('serves a large asset whole with its length, the same bytes again, and HEAD without a body', async () => {
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${host.url}assets/big.js`);
      expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(BIG_ASSET)));
      expect(response.headers.get('content-type')).toMatch(/javascript/);
      expect(await response.text()).toBe(BIG_ASSET);
    }
    const head = await fetch(`${host.url}assets/big.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(BIG_ASSET)));
    expect(await head.text()).toBe('');
  });

  it('refuses sockets without the token or from another origin', async () => {
    await expect(connect('?token=wrong')).rejects.toThrow(/403/);
    await expect(connect(`?token=${host.token}`, { origin: 'https://evil.example' })).rejects.toThrow(/403/);
    await expect(connect(`?token=${host.token}`, { host: 'evil.example' })).rejects.toThrow(/403/);
  });

  it('answers requests, and answers malformed frames with an error while staying up', async () => {
    const ws = await connect(`?token=${host.token}`, { origin: host.url.slice(0, -1) });
    expect(await ask(ws, '{not json')).toMatchObject({ id: -1, ok: false, error: { code: 'invalid_input', message: 'request is not valid JSON' } });
    expect(await ask(ws, JSON.stringify({ id: 1 }))).toMatchObject({ id: 1, ok: false, error: { message: 'request needs a "method" string' } });
    expect(await ask(ws, JSON.stringify({ id: 2, method: 'boardrooms.list', input: { includeArchived: 'yes' } }))).toMatchObject({
      id: 2,
      ok: false,
      error: { code: 'invalid_input' },
    });
    const listed = await ask(ws, JSON.stringify({ id: 3, method: 'boardrooms.list', input: {} }));
    expect(listed).toMatchObject({ id: 3, ok: true });
    expect((listed.output as unknown[]).length).toBe(3);
    ws.close();
  });

  it('pushes a changed event after an edit', async () => {
    const ws = await connect(`?token=${host.token}`);
    const changed = new Promise<unknown>((resolve) => ws.on('message', (d) => {
      const m = JSON.parse(d.toString());
      if (m.event === 'changed') resolve(m.payload);
    }));
    await ask(ws, JSON.stringify({ id: 1, method: 'boardrooms.create', input: { name: 'New committee' } }));
    expect(await changed).toEqual({ tables: expect.arrayContaining(['boardrooms', 'boardroom_members']) });
    ws.close();
  });
});
