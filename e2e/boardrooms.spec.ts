import { boardroomRow, expect, expectSaved, openHome, test } from './fixtures';

test('create, rename, archive and unarchive a boardroom', async ({ page, host }) => {
  await openHome(page, host);
  await page.getByTestId('create-boardroom-name').fill('Nominations Committee');
  await page.getByTestId('create-boardroom-description').fill('Board composition and appointments.');
  await page.getByTestId('create-boardroom-submit').click();
  await expectSaved(page);
  const created = boardroomRow(page, 'Nominations Committee');
  await expect(created).toBeVisible();
  await expect(created.getByTestId('boardroom-role')).toHaveText('owner');
  await expect(created.getByTestId('boardroom-member-count')).toHaveText('1');
  await expect(page.getByTestId('boardroom-row')).toHaveCount(4);

  await created.getByTestId('boardroom-rename').click();
  await page.getByTestId('boardroom-rename-input').fill('Nomination & Governance Committee');
  await page.getByTestId('boardroom-rename-save').click();
  const renamed = boardroomRow(page, 'Nomination & Governance Committee');
  await expect(renamed).toBeVisible();
  await expect(boardroomRow(page, 'Nominations Committee')).toHaveCount(0);

  await renamed.getByTestId('boardroom-archive').click();
  await expect(renamed).toHaveCount(0);
  await expect(page.getByTestId('boardroom-row')).toHaveCount(3);

  await page.getByTestId('show-archived').check();
  await expect(renamed).toContainText('Archived');
  await expect(renamed.getByTestId('boardroom-archive')).toHaveText('Unarchive');
  // Archived means read-only until unarchived.
  await renamed.getByTestId('boardroom-open').click();
  await expect(page.getByTestId('archived-banner')).toBeVisible();
  await expect(page.getByTestId('schedule-submit')).toHaveCount(0);
  await page.getByTestId('nav-home').click();
  await renamed.getByTestId('boardroom-archive').click();
  await expect(renamed.getByTestId('boardroom-archive')).toHaveText('Archive');
  await page.getByTestId('show-archived').uncheck();
  await expect(page.getByTestId('boardroom-row')).toHaveCount(4);

  // It all survives a reload: it was the host's state, not the page's.
  await page.reload();
  await expect(boardroomRow(page, 'Nomination & Governance Committee')).toBeVisible();
});
