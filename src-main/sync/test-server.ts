// For tests of the desktop client: a real sync server as a child process (by path: src-main never
// imports server code) on a fresh PostgreSQL database and its own Redis prefix, dropped on stop.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestSyncServer {
  url: string;
  addUser(email: string, name: string, password: string): void;
  stop(): Promise<void>;
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

export async function startTestSyncServer(label: string): Promise<TestSyncServer> {
  const database = `${label}_${process.pid}_${Date.now()}`;
  const env = {
    ...process.env,
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}`,
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `${database}:`,
    PORT: '0',
    LOG_LEVEL: 'warn',
  };
  const entry = join(root, 'server/main.ts');
  await admin(`CREATE DATABASE ${database}`);
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { env, cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+?)\/?\s/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the sync server exited with ${code} before listening`)));
  });
  return {
    url,
    addUser(email, name, password) {
      const out = spawnSync(process.execPath, ['--import', 'tsx', entry, 'user', 'add', '--email', email, '--name', name, '--password', password], { env, cwd: root, encoding: 'utf8' });
      if (out.status !== 0) throw new Error(`user add failed: ${out.stderr}`);
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}
