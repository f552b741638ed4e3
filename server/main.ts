// Entry point: `node --import tsx server/main.ts [command]` (what `npm run server` runs).
import { startServer } from './app.js';
import { runCli } from './cli.js';

const result = await runCli(process.argv.slice(2));
if (result.kind === 'done') {
  (result.exitCode === 0 ? process.stdout : process.stderr).write(result.output.trimEnd() + '\n');
  process.exit(result.exitCode);
}

const server = await startServer(result.config);
// Every promise the server starts handles its own errors; should one slip through, say so and keep
// serving everyone else rather than dropping every connection.
process.on('unhandledRejection', (reason) => process.stderr.write(`unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}\n`));
// Tests and scripts read this line to learn the port when PORT=0.
process.stdout.write(`Boardroom sync server listening on ${server.url}\n`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`${signal}: finishing writes and closing connections\n`);
  server.close().then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`shutdown failed: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
