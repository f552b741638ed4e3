// @hocuspocus/server 3.4.4 with its defaults and no extension: documents live in memory only (its
// persistence comes from extensions such as @hocuspocus/extension-database, none of which is on by
// default). Child process of bench/peers/sync-peers.ts.
import { Server } from '@hocuspocus/server';

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: true });
await server.listen();
console.log(`peer listening on ws://127.0.0.1:${server.address.port}`);
// Ends with the bench: once the parent is gone, this process is re-parented and exits.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.exit(0), 1_000).unref();
