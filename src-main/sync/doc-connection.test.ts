// The client speaks the standard protocol: two desktop replicas converge through a stock y-websocket
// server (@y/websocket-server), including edits made while one of them was offline.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';
import { roomDoc } from '../../src-shared/docs/room.js';
import { roomDocId } from '../../src-shared/ids.js';
import { openTestApp, type TestApp } from '../testing.js';
import { DocConnection, type DocConnectionEvents } from './doc-connection.js';

let server: Server;
let url = '';
let apps: TestApp[] = [];

beforeEach(async () => {
  const wss = new WebSocketServer({ noServer: true });
  server = createServer();
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  for (const app of apps) app.dispose();
  apps = [];
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function waitFor(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const tick = () => (check() ? resolve() : setTimeout(tick, 10));
    tick();
  });
}

const quiet: DocConnectionEvents = { acked() {}, synced() {}, answered() {}, denied() {}, closed() {} };

describe('DocConnection with a stock y-websocket server', () => {
  it('converges two replicas, including edits made offline', async () => {
    const a = openTestApp({ seedDemo: false });
    const b = openTestApp({ seedDemo: false });
    apps.push(a, b);
    const { id: roomId } = await a.call('boardrooms.create', { name: 'Shared board' });
    const docId = roomDocId(roomId);
    const connA = new DocConnection(docId, url, 'unused', a.core.internals.store, quiet);
    await connA.open();
    const connB = new DocConnection(docId, url, 'unused', b.core.internals.store, quiet);
    await connB.open();
    const nameIn = (app: TestApp) => roomDoc(app.core.internals.store.get(docId)).meta.get('name');
    await waitFor(() => nameIn(b) === 'Shared board');

    // B goes offline and edits; A edits meanwhile; B reconnects and both hold both edits.
    connB.close();
    b.core.internals.store.change(docId, (doc) => roomDoc(doc).meta.set('description', 'edited offline on B'));
    await a.call('boardrooms.update', { id: roomId, name: 'Shared board (renamed on A)' });
    const again = new DocConnection(docId, url, 'unused', b.core.internals.store, quiet);
    await again.open();
    await waitFor(() => nameIn(b) === 'Shared board (renamed on A)');
    await waitFor(() => roomDoc(a.core.internals.store.get(docId)).meta.get('description') === 'edited offline on B');
    // What arrived by sync was persisted with its projection rows on B.
    const row = b.core.internals.db.sqlite.prepare('SELECT name FROM boardrooms WHERE id = ?').get(roomId) as { name: string };
    expect(row.name).toBe('Shared board (renamed on A)');
    connA.close();
    again.close();
  });
});
