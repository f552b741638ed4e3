import { boardroomRow, expect, openBoardroom, openHome, rawCall, test } from './fixtures';

test('malformed input from the browser is refused with a message and changes nothing', async ({ page, host }) => {
  await openBoardroom(page, host, 'Board of Directors');
  const roomId = page.url().split('/rooms/')[1]!.split('/')[0]!;

  const wrongType = await rawCall(page, 'meetings.schedule', { boardroomId: roomId, title: 42, scheduledAt: Date.now() + 86_400_000 });
  expect(wrongType).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  expect(wrongType.error!.message).toMatch(/^title: /);

  const unknownField = await rawCall(page, 'boardrooms.update', { id: roomId, name: 'Hijacked', colour: 'red' });
  expect(unknownField).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  expect(unknownField.error!.message).toContain('colour');

  const oversize = await rawCall(page, 'boardrooms.update', { id: roomId, name: 'x'.repeat(121) });
  expect(oversize).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'name: must be at most 120 characters' } });

  const unknownMethod = await rawCall(page, 'boardrooms.drop', { id: roomId });
  expect(unknownMethod).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

  // Through the app's own transport: a page that skipped its own limit sends an oversize
  // description; the host's message is shown and nothing is created.
  await openHome(page, host);
  const description = page.getByTestId('create-boardroom-description');
  await description.evaluate((el) => el.removeAttribute('maxlength'));
  await page.getByTestId('create-boardroom-name').fill('Oversize Committee');
  await description.fill('y'.repeat(5_001));
  await page.getByTestId('create-boardroom-submit').click();
  await expect(page.getByRole('alert').filter({ hasText: 'description: must be at most 5000 characters' })).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveText('Not saved');

  await page.reload();
  await expect(page.getByTestId('boardroom-row')).toHaveCount(3);
  await expect(boardroomRow(page, 'Board of Directors')).toBeVisible();
  await expect(boardroomRow(page, 'Oversize Committee')).toHaveCount(0);
  await boardroomRow(page, 'Board of Directors').getByTestId('boardroom-open').click();
  await expect(page.getByTestId('meeting-count')).toHaveText('10 upcoming meetings');
});
