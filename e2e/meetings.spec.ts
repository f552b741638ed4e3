import { expect, expectSaved, localDateTimeFromNow, openBoardroom, test } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;

test('schedule, reschedule and cancel a meeting', async ({ page, host }) => {
  await openBoardroom(page, host, 'Board of Directors');
  await expect(page.getByTestId('meeting-count')).toHaveText('10 upcoming meetings');

  const when = await localDateTimeFromNow(page, 3 * DAY);
  await page.getByTestId('schedule-title').fill('Extraordinary Board Meeting');
  await page.getByTestId('schedule-when').fill(when.value.slice(0, 16));
  await page.getByTestId('schedule-duration').fill('90');
  await page.getByTestId('schedule-location').fill('Edinburgh office');
  await page.getByTestId('schedule-video').fill('https://meet.example.com/egm');
  await page.getByTestId('schedule-submit').click();
  await expectSaved(page);
  await expect(page.getByTestId('meeting-count')).toHaveText('11 upcoming meetings');
  await expect(page.getByTestId('meeting-row').filter({ hasText: 'Extraordinary Board Meeting' })).toContainText('scheduled');

  await page.getByTestId('schedule-created-open').click();
  await expect(page.getByTestId('meeting-title')).toHaveText('Extraordinary Board Meeting');
  await expect(page.getByTestId('meeting-location')).toHaveText('Edinburgh office');
  await expect(page.getByTestId('meeting-status')).toHaveText('scheduled');
  const before = await page.getByTestId('meeting-date').textContent();

  await page.getByTestId('meeting-edit').click();
  const later = await localDateTimeFromNow(page, 5 * DAY);
  await page.getByTestId('meeting-edit-title').fill('Extraordinary General Meeting');
  await page.getByTestId('meeting-edit-when').fill(later.value.slice(0, 16));
  await page.getByTestId('meeting-edit-location').fill('Glasgow office');
  await page.getByTestId('meeting-edit-save').click();
  await expectSaved(page);
  await expect(page.getByTestId('meeting-title')).toHaveText('Extraordinary General Meeting');
  await expect(page.getByTestId('meeting-location')).toHaveText('Glasgow office');
  await expect(page.getByTestId('meeting-date')).not.toHaveText(before!);

  await page.getByTestId('meeting-cancel').click();
  await expect(page.getByTestId('meeting-status')).toHaveText('cancelled');
  await expect(page.getByTestId('meeting-edit')).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('meeting-status')).toHaveText('cancelled');
  await page.getByTestId('meeting-room-link').click();
  await expect(page.getByTestId('meeting-row').filter({ hasText: 'Extraordinary General Meeting' })).toContainText('cancelled');
});
