// `npm run start:web`: the app without Electron. Usage: tsx src-main/host/main.ts [--data-dir DIR] [--port N]
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openApp } from '../app.js';
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

const loadedAt = performance.now();
const core = openApp({ dataDir, migrationsDir: join(repoRoot, 'drizzle/local'), seedDemo: !values['no-demo'] });
const openedAt = performance.now();
const host = await startHost({ core, rendererDir: resolve(values['renderer-dir'] ?? join(repoRoot, 'out/renderer')), port }).catch(
  (error: NodeJS.ErrnoException) => {
    core.close();
    console.error(
      error.code === 'EADDRINUSE'
        ? `port ${port} is in use: pass --port 0 for a free one, or stop the other Boardroom host`
        : `could not start the host: ${error.message}`,
    );
    process.exit(1);
  },
);
// performance.now() counts from process start: the three figures say where start-up time goes.
console.log(
  `Boardroom host listening on ${host.url} (data: ${dataDir}; started in ${performance.now().toFixed(0)} ms: ` +
    `code ${loadedAt.toFixed(0)}, database ${(openedAt - loadedAt).toFixed(0)}, http ${(performance.now() - openedAt).toFixed(0)})`,
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
