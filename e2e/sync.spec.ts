// Two desktop hosts, each in its own browser page, signed in to one sync server (real PostgreSQL and
// Redis): an agenda edit on either shows on the other.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Page } from '@playwright/test';
import { agendaTitles, expect, openBoardroom, openFirstMeeting, startHost, test } from './fixtures';

const database = `e2e_sync_${process.pid}_${Date.now()}`;
const env = {
  ...process.env,
  DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}`,
  REDIS_URL: 'redis://127.0.0.1:6379',
  REDIS_PREFIX: `${database}:`,
  PORT: '0',
  LOG_LEVEL: 'warn',
};
const PASSWORD = 'correct horse battery';
let server: ChildProcess;
let serverUrl = '';

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

test.beforeAll(async () => {
  await admin(`CREATE DATABASE ${database}`);
  const added = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts', 'user', 'add', '--email', 'jordan@example.com', '--name', 'Jordan Avery', '--password', PASSWORD], { env, encoding: 'utf8' });
  expect(added.status, added.stderr).toBe(0);
  server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  serverUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+?)\/?\s/.exec(out);
      if (m) resolve(m[1]!);
    });
    server.once('exit', (code) => reject(new Error(`sync server exited with ${code}`)));
  });
});

test.afterAll(async () => {
  server?.kill('SIGTERM');
  if (server) await new Promise((r) => server.once('exit', r));
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
});

async function signIn(page: Page): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('sign-in-server').fill(serverUrl);
  await page.getByTestId('sign-in-email').fill('jordan@example.com');
  await page.getByTestId('sign-in-password').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'saved', { timeout: 45_000 });
}


test('two hosts signed in to one server see each other\'s agenda edits', async ({ browser, host }) => {
  test.setTimeout(150_000);
  const otherDir = mkdtempSync(join(tmpdir(), 'boardroom-e2e-second-'));
  const other = await startHost(otherDir, ['--no-demo']);
  try {
    const laptop = await browser.newPage();
    const desktop = await browser.newPage();
    await laptop.goto(host.url);
    await signIn(laptop);
    await desktop.goto(other.url);
    await signIn(desktop);

    // The laptop's board reached the desktop through the server; both open the same meeting.
    await openBoardroom(laptop, host, 'Board of Directors');
    await openFirstMeeting(laptop);
    await expect(laptop.getByTestId('agenda-item').first()).toBeVisible();
    const meetingUrl = new URL(laptop.url()).hash;
    await desktop.goto(`${other.url}${meetingUrl}`);
    await expect(desktop.getByTestId('agenda-item').first()).toBeVisible({ timeout: 30_000 });

    await laptop.getByTestId('agenda-add-title').fill('Cyber incident briefing (laptop)');
    await laptop.getByTestId('agenda-add-submit').click();
    await expect.poll(() => agendaTitles(desktop), { timeout: 30_000 }).toContain('Cyber incident briefing (laptop)');

    await desktop.getByTestId('agenda-add-title').fill('Auditor rotation (desktop)');
    await desktop.getByTestId('agenda-add-submit').click();
    await expect.poll(() => agendaTitles(laptop), { timeout: 30_000 }).toContain('Auditor rotation (desktop)');
  } finally {
    await other.stop();
    rmSync(otherDir, { recursive: true, force: true });
  }
});
