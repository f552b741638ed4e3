import { expect, expectSaved, openBoardroom, test } from './fixtures';

test('add a member with a role, then change the role', async ({ page, host }) => {
  await openBoardroom(page, host, 'Board of Directors');
  await page.getByTestId('tab-members').click();
  await expect(page.getByTestId('member-row')).toHaveCount(8);

  await page.getByTestId('add-member-name').fill('Priya Raman');
  await page.getByTestId('add-member-email').fill('Priya.Raman@example.com');
  await page.getByTestId('add-member-role').selectOption('admin');
  await page.getByTestId('add-member-submit').click();
  await expectSaved(page);
  const priya = page.getByTestId('member-row').filter({ hasText: 'Priya Raman' });
  await expect(priya.getByTestId('member-email')).toHaveText('priya.raman@example.com');
  await expect(priya.getByTestId('member-role-select')).toHaveValue('admin');
  await expect(page.getByTestId('member-row')).toHaveCount(9);

  await priya.getByTestId('member-role-select').selectOption('observer');
  await expect(priya.getByTestId('member-role-select')).toHaveValue('observer');
  await expectSaved(page);

  // Adding the same email again is refused with a message.
  await page.getByTestId('add-member-name').fill('Priya R.');
  await page.getByTestId('add-member-email').fill('priya.raman@example.com');
  await page.getByTestId('add-member-submit').click();
  await expect(page.getByRole('alert').filter({ hasText: 'already' })).toBeVisible();
  await expect(page.getByTestId('member-row')).toHaveCount(9);

  await page.reload();
  await expect(priya.getByTestId('member-role-select')).toHaveValue('observer');
});
