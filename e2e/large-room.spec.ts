import type { Page } from '@playwright/test';
import { expect, openBoardroom, test } from './fixtures';

test.use({ largeRoomMeetings: 100_000 });
// Seeding 100,000 meetings through the real doc store takes a while before the host starts.
test.describe.configure({ timeout: 240_000 });

const ROOM = 'Group Board (100,000 meetings)';

/** Counts `meetings.page` requests the page sends over its WebSocket. */
function countPageRequests(page: Page): { count: number } {
  const counter = { count: 0 };
  page.on('websocket', (ws) =>
    ws.on('framesent', (frame) => {
      if (typeof frame.payload === 'string' && frame.payload.includes('"method":"meetings.page"')) counter.count++;
    }),
  );
  return counter;
}

const countOf = async (page: Page) => Number((await page.getByTestId('meeting-count').textContent())!.replace(/\D/g, ''));

test('a 100,000-meeting boardroom scrolls through pages of 100, never one request per row', async ({ page, host }) => {
  const requests = countPageRequests(page);
  await openBoardroom(page, host, ROOM);
  await expect(page.getByTestId('meeting-row').first()).toBeVisible();
  const upcoming = await countOf(page);
  await page.getByTestId('tab-past').click();
  await expect(page.getByTestId('meeting-row').first()).toBeVisible();
  const past = await countOf(page);
  expect(upcoming + past).toBe(100_000);

  await page.getByTestId('tab-upcoming').click();
  const list = page.getByTestId('meeting-list');
  await expect(page.getByTestId('meeting-row').first()).toBeVisible();
  const before = requests.count;

  // Jump to the very end: the last row is the latest meeting of the room.
  await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  const last = page.locator(`[data-testid="meeting-row"][aria-posinset="${upcoming}"]`);
  await expect(last).toHaveAttribute('data-index', String(upcoming - 1));
  await expect(last.getByTestId('meeting-row-title')).toHaveText('Meeting 100000');

  // And to the middle: rows there load too, each page once.
  await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
  const middle = Math.floor(upcoming / 2);
  await expect(page.locator(`[data-testid="meeting-row"][data-index="${middle}"]`)).toBeVisible();
  // Every rendered row was fetched: none is left as a placeholder.
  await expect(page.getByTestId('meeting-row-placeholder')).toHaveCount(0);

  // Only the rows near the viewport are in the DOM, and only a handful of pages were fetched.
  expect(await page.locator('[data-testid="meeting-row"], [data-testid="meeting-row-placeholder"]').count()).toBeLessThan(40);
  expect(requests.count - before).toBeGreaterThanOrEqual(2);
  expect(requests.count - before).toBeLessThanOrEqual(6);

  // The palette searches every meeting title of the workspace, not only the rows loaded so far.
  await page.getByTestId('open-palette').click();
  await page.getByTestId('palette-input').fill('Meeting 100000');
  // The first open builds the worker's index from 100,000 rows of the feed (later starts load its snapshot).
  await expect(page.getByTestId('palette-instant').first()).toContainText('Meeting 100000', { timeout: 90_000 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('meeting-title')).toHaveText('Meeting 100000');
});
