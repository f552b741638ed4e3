import { expect, expectSaved, openBoardroom, openFirstMeeting, test } from './fixtures';

test('add an action item and tick it done', async ({ page, host }) => {
  await openBoardroom(page, host, 'Board of Directors');
  await openFirstMeeting(page, 'upcoming');
  const before = await page.getByTestId('action-item').count();

  await page.getByTestId('action-add-title').fill('Send the revised budget to all directors');
  await page.getByTestId('action-add-assignee').fill('Margaret Chen');
  await page.getByTestId('action-add-due').fill('2030-01-15');
  await page.getByTestId('action-add-submit').click();
  await expect(page.getByTestId('action-item')).toHaveCount(before + 1);
  const action = page.getByTestId('action-item').filter({ hasText: 'Send the revised budget to all directors' });
  await expect(action.getByTestId('action-assignee')).toHaveText('Margaret Chen');
  await expect(action.getByTestId('action-due')).toContainText('2030');
  await expect(action.getByTestId('action-done')).not.toBeChecked();

  // Not optimistic: the box ticks once the host has the change (so click, not check()).
  await action.getByTestId('action-done').click();
  await expect(action.getByTestId('action-done')).toBeChecked();
  await expect(action).toHaveAttribute('data-done', 'true');
  await expectSaved(page);

  await page.reload();
  await expect(action.getByTestId('action-done')).toBeChecked();
});
