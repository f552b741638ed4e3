import { expect, expectSaved, openBoardroom, openFirstMeeting, test } from './fixtures';

test('minutes written with a heading and bold text keep their formatting across a reload', async ({ page, host }) => {
  await openBoardroom(page, host, 'Board of Directors');
  await openFirstMeeting(page, 'upcoming');
  const editor = page.getByTestId('minutes-editor');
  await expect(editor).toHaveText('');

  await editor.click();
  await page.keyboard.type('Resolutions');
  await page.getByTestId('minutes-heading').click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('The board ');
  await page.getByTestId('minutes-bold').click();
  await page.keyboard.type('approved');
  await page.getByTestId('minutes-bold').click();
  await page.keyboard.type(' the budget.');
  await page.keyboard.press('Enter');
  await page.getByTestId('minutes-list').click();
  await page.keyboard.type('Circulate the papers');
  await expect(page.getByTestId('save-status')).toHaveText('Saving…');
  await expectSaved(page);

  await page.reload();
  await expect(editor.locator('h2')).toHaveText('Resolutions');
  await expect(editor.locator('b')).toHaveText('approved');
  await expect(editor.locator('p')).toHaveText('The board approved the budget.');
  await expect(editor.locator('ul > li')).toHaveText('Circulate the papers');
});
