// Builds the app once when out/renderer is missing or older than the sources it is built from.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const SOURCES = ['src-renderer', 'src-worker', 'src-shared'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default function globalSetup(): void {
  const built = join(ROOT, 'out/renderer/index.html');
  const sources = Math.max(...SOURCES.map((d) => newestMtime(join(ROOT, d))));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log('Building the app (out/renderer is missing or older than its sources)…');
  execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
