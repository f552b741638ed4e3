// `npm run start:web`: the app without Electron. Usage: tsx src-main/host/main.ts [--data-dir DIR] [--port N]
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startHost } from './server.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    'renderer-dir': { type: 'string' },
    'no-demo': { type: 'boolean' },
    help: { type: 'boolean' },
  },
});

if (values.help) {
  console.log(`Boardroom headless host: serves the app to a browser on 127.0.0.1.
  --data-dir DIR      where the workspace lives (default: $BOARDROOM_DATA_DIR or ~/.boardroom-desktop)
  --port N            port to listen on (default 5183; 0 picks a free one)
  --renderer-dir DIR  the built renderer (default: out/renderer)
  --no-demo           start a new workspace empty instead of with demo boardrooms`);
  process.exit(0);
}

const port = Number(values.port ?? process.env.BOARDROOM_PORT ?? 5183);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a whole number from 0 to 65535 (got ${values.port})`);
  process.exit(2);
}
const dataDir = resolve(values['data-dir'] ?? process.env.BOARDROOM_DATA_DIR ?? join(homedir(), '.boardroom-desktop'));

// Listen first and load the core (the validation library, Yjs, SQLite, the demo seed on a first start)
// while the browser fetches the page: the two overlap instead of adding up. Requests that arrive
// before the core is ready wait for it.
const listenAt = performance.now();
const coreReady = import('../app.js').then(({ openApp }) =>
  openApp({ dataDir, migrationsDir: join(repoRoot, 'drizzle/local'), seedDemo: !values['no-demo'] }),
);
const host = await startHost({ core: coreReady, rendererDir: resolve(values['renderer-dir'] ?? join(repoRoot, 'out/renderer')), port }).catch(
  (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `port ${port} is in use: pass --port 0 for a free one, or stop the other Boardroom host`
        : `could not start the host: ${error.message}`,
    );
    process.exit(1);
  },
);
console.log(`Boardroom host listening on ${host.url} (data: ${dataDir})`);
const core = await coreReady.catch((error: Error) => {
  console.error(`could not open the workspace in ${dataDir}: ${error.message}`);
  process.exit(1);
});
// performance.now() counts from process start: say where start-up time went.
console.log(
  `Workspace ready ${performance.now().toFixed(0)} ms after start (host code ${listenAt.toFixed(0)} ms, ` +
    `core code and database ${(performance.now() - listenAt).toFixed(0)} ms)`,
);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void host.close().finally(() => {
    core.close();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
