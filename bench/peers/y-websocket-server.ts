// @y/websocket-server 0.1.1 as its README runs it (`setupWSConnection` on every upgrade), at its
// default persistence: in memory, since YPERSISTENCE is not set. Its own bin reads PORT but prints
// the port it was given, not the one it got, so the bench starts it here on a free port and prints
// that. Child process of bench/peers/sync-peers.ts.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.end('okay');
});
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`peer listening on ws://127.0.0.1:${port}`);
});
// Ends with the bench: once the parent is gone, this process is re-parented and exits.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.exit(0), 1_000).unref();
