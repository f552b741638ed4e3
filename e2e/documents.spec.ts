import { expect, expectSaved, openBoardroom, openFirstMeeting, test } from './fixtures';

const NOTES = 'Pre-read for the strategy day.\nSection 1: market review\nSection 2: capital plan\n';

test('attach a text file, open it again and read it; a file over 20 MiB is refused', async ({ page, host }) => {
  await openBoardroom(page, host, 'Board of Directors');
  await page.getByTestId('tab-documents').click();
  await expect(page.getByTestId('document-row')).toHaveCount(13);

  await page.getByTestId('attach-input').setInputFiles({ name: 'strategy-pre-read.txt', mimeType: 'text/plain', buffer: Buffer.from(NOTES) });
  await expectSaved(page);
  await expect(page.getByTestId('document-row')).toHaveCount(14);
  const row = page.getByTestId('document-row').filter({ hasText: 'strategy-pre-read.txt' });
  await expect(row).toContainText('text/plain');

  await page.reload();
  await row.getByTestId('document-open').click();
  await expect(page.getByTestId('document-viewer-title')).toHaveText('strategy-pre-read.txt');
  await expect(page.getByTestId('document-viewer-text')).toHaveText(NOTES);
  await expect(page.getByTestId('document-download')).toHaveAttribute('download', 'strategy-pre-read.txt');

  // Too big: refused in the UI before anything is read or sent.
  await page.getByTestId('attach-input').setInputFiles({
    name: 'scan.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.alloc(20 * 1024 * 1024 + 1),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'files over 20 MiB cannot be attached' })).toBeVisible();
  await expect(page.getByTestId('attach-progress')).toHaveCount(0);
  await expect(page.getByTestId('document-row')).toHaveCount(14);

  // A document attached to a meeting shows on that meeting and opens there.
  await openFirstMeeting(page, 'upcoming');
  await page.getByTestId('attach-input').setInputFiles({ name: 'agenda-notes.md', mimeType: 'text/markdown', buffer: Buffer.from('# Notes\n\n- one\n') });
  await expectSaved(page);
  await page.getByTestId('meeting-documents').getByTestId('document-open').filter({ hasText: 'agenda-notes.md' }).click();
  await expect(page.getByTestId('document-viewer-text')).toHaveText('# Notes\n\n- one\n');

  // Remove the first one again.
  await page.getByTestId('meeting-room-link').click();
  await page.getByTestId('tab-documents').click();
  await row.getByTestId('document-remove').click();
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId('document-row')).toHaveCount(14);
});
