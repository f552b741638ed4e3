import { expect, openBoardroom, openHome, test } from './fixtures';

test('first start shows the three demo boardrooms; browse a boardroom, a meeting and its papers', async ({ page, host }) => {
  await openHome(page, host);
  await expect(page.getByTestId('boardroom-name')).toHaveText(['Audit & Risk Committee', 'Board of Directors', 'Remuneration Committee']);
  const board = page.getByTestId('boardroom-row').filter({ hasText: 'Board of Directors' });
  await expect(board.getByTestId('boardroom-role')).toHaveText('owner');
  await expect(board.getByTestId('boardroom-upcoming-count')).toHaveText('10');
  await expect(page.getByTestId('boardroom-row').filter({ hasText: 'Audit & Risk Committee' }).getByTestId('boardroom-role')).toHaveText('observer');

  // The palette (Ctrl+K) finds boardroom names through the search worker, from a prefix.
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-kind').selectOption('boardroom');
  await page.getByTestId('palette-input').fill('remun');
  await expect(page.getByTestId('palette-instant')).toHaveCount(1);
  await expect(page.getByTestId('palette-instant')).toContainText('Remuneration Committee');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('palette')).toHaveCount(0);

  await openBoardroom(page, host, 'Board of Directors');
  await expect(page.getByTestId('meeting-count')).toHaveText('10 upcoming meetings');
  await expect(page.getByTestId('meeting-row')).toHaveCount(10);

  // The third most recent past meeting has an agenda, minutes and its board pack (demo seed).
  await page.getByTestId('tab-past').click();
  const latest = page.getByTestId('meeting-row').nth(2);
  const title = await latest.getByTestId('meeting-row-title').textContent();
  await latest.getByTestId('meeting-row-title').click();
  await expect(page.getByTestId('meeting-title')).toHaveText(title!);
  await expect(page.getByTestId('meeting-status')).toHaveText('completed');
  expect((await page.getByTestId('agenda-item').count())).toBeGreaterThanOrEqual(4);
  await expect(page.getByTestId('agenda-title').first()).toHaveValue('Apologies and declarations of interest');
  await expect(page.getByTestId('minutes-editor').locator('h2')).toHaveText(`Minutes of the ${title}`);
  await expect(page.getByTestId('minutes-editor').locator('b').first()).toHaveText('Resolved:');
  await expect(page.getByRole('heading', { name: /Action items/ })).toBeVisible();
  const pack = page.getByTestId('meeting-documents').getByTestId('document-open').filter({ hasText: 'Board pack' });
  await expect(pack).toHaveCount(1);
  await pack.click();
  await expect(page.getByTestId('document-viewer-pdf')).toBeVisible();
  await expect(page.getByTestId('document-download')).toHaveAttribute('href', /^blob:/);

  // The room's documents tab lists every paper; a Markdown one opens as text.
  await page.getByTestId('meeting-room-link').click();
  await page.getByTestId('tab-documents').click();
  await expect(page.getByTestId('document-row')).toHaveCount(13);
  await page.getByTestId('document-open').filter({ hasText: 'terms of reference' }).first().click();
  await expect(page.getByTestId('document-viewer-text')).toContainText('## Purpose');

  // Decisions and members.
  await page.getByTestId('tab-decisions').click();
  await expect(page.getByTestId('decision-row')).toHaveCount(4);
  await expect(page.getByTestId('decision-status')).toHaveText(['open', 'open', 'closed', 'closed']);
  await page.getByTestId('tab-members').click();
  await expect(page.getByTestId('member-row')).toHaveCount(8);
});
