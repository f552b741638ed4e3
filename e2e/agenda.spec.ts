import { agendaTitles, expect, expectSaved, openBoardroom, openFirstMeeting, test } from './fixtures';

test('add, reorder, edit and delete agenda items', async ({ page, host }) => {
  await openBoardroom(page, host, 'Board of Directors');
  await openFirstMeeting(page, 'upcoming');
  const original = await agendaTitles(page);
  expect(original.length).toBeGreaterThanOrEqual(4);

  await page.getByTestId('agenda-add-title').fill('Cyber incident review');
  await page.getByTestId('agenda-add-presenter').fill('Rahul Mehta');
  await page.getByTestId('agenda-add-duration').fill('20');
  await page.getByTestId('agenda-add-submit').click();
  await expect.poll(() => agendaTitles(page)).toEqual([...original, 'Cyber incident review']);

  // Up twice: it moves above the last two items.
  const items = page.getByTestId('agenda-item');
  await items.nth(original.length).getByTestId('agenda-up').click();
  await expect.poll(() => agendaTitles(page)).toEqual([...original.slice(0, -1), 'Cyber incident review', original.at(-1)]);
  await items.nth(original.length - 1).getByTestId('agenda-up').click();
  const moved = [...original.slice(0, -2), 'Cyber incident review', ...original.slice(-2)];
  await expect.poll(() => agendaTitles(page)).toEqual(moved);
  // And down again once.
  await items.nth(original.length - 2).getByTestId('agenda-down').click();
  const reordered = [...original.slice(0, -1), 'Cyber incident review', original.at(-1)];
  await expect.poll(() => agendaTitles(page)).toEqual(reordered);

  // Edit inline: title on Enter, presenter and notes on blur.
  const item = items.nth(original.length - 1);
  await item.getByTestId('agenda-title').fill('Cyber security incident review');
  await item.getByTestId('agenda-title').press('Enter');
  await item.getByTestId('agenda-presenter').fill('Elena Petrova');
  await item.getByTestId('agenda-notes').fill('Summary of the October phishing incident.');
  await item.getByTestId('agenda-duration').click();
  await expectSaved(page);

  await page.reload();
  const after = [...original.slice(0, -1), 'Cyber security incident review', original.at(-1)];
  await expect.poll(() => agendaTitles(page)).toEqual(after);
  const saved = page.getByTestId('agenda-item').nth(original.length - 1);
  await expect(saved.getByTestId('agenda-presenter')).toHaveValue('Elena Petrova');
  await expect(saved.getByTestId('agenda-notes')).toHaveValue('Summary of the October phishing incident.');
  await expect(saved.getByTestId('agenda-duration')).toHaveValue('20');

  await saved.getByTestId('agenda-delete').click();
  await expect.poll(() => agendaTitles(page)).toEqual(original);
  await page.reload();
  await expect.poll(() => agendaTitles(page)).toEqual(original);
});
