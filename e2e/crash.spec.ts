import Database from 'better-sqlite3';
import { join } from 'node:path';
import { agendaTitles, expect, expectSaved, openBoardroom, openFirstMeeting, test } from './fixtures';

test('edits the UI called "Saved" survive kill -9 of the host, and the database is intact', async ({ page, host }) => {
  await openBoardroom(page, host, 'Board of Directors');
  await openFirstMeeting(page, 'upcoming');
  const meetingPath = new URL(page.url()).hash;

  const first = page.getByTestId('agenda-item').first();
  await first.getByTestId('agenda-title').fill('Apologies, declarations and crash drill');
  await first.getByTestId('agenda-title').press('Enter');
  await expectSaved(page);

  await page.getByTestId('minutes-editor').click();
  await page.keyboard.type('Minutes that must survive a crash.');
  await expect(page.getByTestId('save-status')).toHaveText('Saving…');
  await expectSaved(page);

  process.kill(host.pid, 'SIGKILL');
  await host.kill('SIGKILL');
  await expect(page.getByTestId('connection-banner')).toHaveText('Connection to the Boardroom host lost — retrying');

  await host.restart();
  await page.goto(host.url + meetingPath);
  await expect.poll(() => agendaTitles(page)).toContain('Apologies, declarations and crash drill');
  await expect(page.getByTestId('minutes-editor')).toHaveText('Minutes that must survive a crash.');
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);

  const db = new Database(join(host.dataDir, 'boardroom.db'), { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db.close();
  }
});
