// `npm run package` (after `npm run build`): electron-builder with build/electron-builder.yml.
// The yml reads the update feed from BOARDROOM_UPDATE_URL, and electron-builder refuses to expand
// an unset variable, so local builds get a placeholder feed the app knows never to check.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PLACEHOLDER_FEED = 'https://updates.boardroom.invalid/'; // see src-main/electron/update-policy.ts

const env = { ...process.env };
if (!env.BOARDROOM_UPDATE_URL) {
  env.BOARDROOM_UPDATE_URL = PLACEHOLDER_FEED;
  console.log('BOARDROOM_UPDATE_URL is not set: packaging without an update feed (the app will not check for updates).');
}

const cli = join(ROOT, 'node_modules', 'electron-builder', 'cli.js');
const args = [cli, '--config', 'build/electron-builder.yml', ...process.argv.slice(2)];
const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  console.error(`Could not run electron-builder: ${error.message}`);
  process.exitCode = 1;
});
child.on('close', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
