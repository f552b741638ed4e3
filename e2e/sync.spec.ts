// Two desktop hosts, each in its own browser page, signed in to one sync server (real PostgreSQL and
// Redis): an agenda edit on either shows on the other.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startTestSyncServer, type TestSyncServer } from '../src-main/sync/test-server';
import { agendaTitles, expect, openBoardroom, openFirstMeeting, startHost, test } from './fixtures';

const PASSWORD = 'correct horse battery';
let server: TestSyncServer;
let serverUrl = '';

test.beforeAll(async () => {
  server = await startTestSyncServer('e2e_sync');
  serverUrl = server.url;
  server.addUser('jordan@example.com', 'Jordan Avery', PASSWORD);
});

test.afterAll(async () => {
  await server?.stop();
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
