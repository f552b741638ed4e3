import { expect, expectSaved, localDateTimeFromNow, openBoardroom, rawCall, test } from './fixtures';

test('open a decision, vote, change the vote and see the tally; a second cast and a late vote are refused', async ({ page, host }) => {
  await openBoardroom(page, host, 'Board of Directors');
  const roomId = page.url().split('/rooms/')[1]!.split('/')[0]!;
  await page.getByTestId('tab-decisions').click();
  await expect(page.getByTestId('decision-row')).toHaveCount(4);

  await page.getByTestId('decision-motion-input').fill('Approve the move to the new head office');
  await page.getByTestId('decision-submit').click();
  await expectSaved(page);
  const decision = page.getByTestId('decision-row').filter({ hasText: 'Approve the move to the new head office' });
  await expect(decision.getByTestId('decision-status')).toHaveText('open');
  await expect(decision.getByTestId('decision-my-vote')).toHaveText('none');
  await expect(decision.getByTestId('tally-count')).toHaveText(['0', '0', '0']);
  // Seven voters: the observer of this room does not vote.
  await expect(decision).toContainText('0 of 7 voted');

  await decision.locator('[data-testid="vote-option"][data-option="For"]').click();
  await expect(decision.getByTestId('decision-my-vote')).toHaveText('For');
  await expect(decision.getByTestId('tally-count')).toHaveText(['1', '0', '0']);
  await expect(decision).toContainText('1 of 7 voted');

  await decision.locator('[data-testid="vote-option"][data-option="Against"]').click();
  await expect(decision.getByTestId('decision-my-vote')).toHaveText('Against');
  await expect(decision.getByTestId('tally-count')).toHaveText(['0', '1', '0']);
  await expect(decision).toContainText('1 of 7 voted');

  // A second cast (a replayed or stale client) is refused and counts nothing.
  const decisionId = (await decision.getAttribute('data-decision-id'))!;
  const second = await rawCall(page, 'votes.cast', { commandId: crypto.randomUUID(), boardroomId: roomId, decisionId, option: 'For' });
  expect(second.ok).toBe(false);
  expect(second.error?.code).toBe('conflict');
  expect(second.error?.message).toContain('you have already voted "Against" on this decision');
  await page.reload();
  await expect(decision.getByTestId('tally-count')).toHaveText(['0', '1', '0']);

  // Close it: no more voting.
  await decision.getByTestId('decision-close').click();
  await expect(decision.getByTestId('decision-status')).toHaveText('closed');
  await expect(decision.getByTestId('vote-option')).toHaveCount(0);

  // A decision whose deadline passes while the page shows it: the vote is refused with the reason.
  const soon = await localDateTimeFromNow(page, 4_000);
  await page.getByTestId('decision-motion-input').fill('Ratify the interim accounts');
  await page.getByTestId('decision-deadline-input').fill(soon.value);
  await page.getByTestId('decision-submit').click();
  const late = page.getByTestId('decision-row').filter({ hasText: 'Ratify the interim accounts' });
  await expect(late.getByTestId('decision-status')).toHaveText('open');
  await expect.poll(() => Date.now(), { timeout: 15_000 }).toBeGreaterThan(soon.at + 1_000);
  await late.locator('[data-testid="vote-option"][data-option="For"]').click();
  await expect(page.getByRole('alert').filter({ hasText: 'the deadline for this decision passed' })).toBeVisible();
  await expect(late.getByTestId('tally-count')).toHaveText(['0', '0', '0']);
  await expect(late.getByTestId('decision-my-vote')).toHaveText('none');
});
