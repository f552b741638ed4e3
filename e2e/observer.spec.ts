import { boardroomRow, expect, openBoardroom, openFirstMeeting, rawCall, test } from './fixtures';

const BANNER =
  'You are an observer in "Audit & Risk Committee": you can read everything but change nothing. Ask an admin for member access.';

test('an observer sees the banner and no editing controls anywhere in the room', async ({ page, host }) => {
  await openBoardroom(page, host, 'Audit & Risk Committee');
  await expect(page.getByTestId('observer-banner')).toHaveText(BANNER);
  await expect(page.getByTestId('meeting-row').first()).toBeVisible();
  await expect(page.getByTestId('schedule-submit')).toHaveCount(0);

  await page.getByTestId('tab-documents').click();
  await expect(page.getByTestId('document-row').first()).toBeVisible();
  await expect(page.getByTestId('attach-input')).toHaveCount(0);
  await expect(page.getByTestId('document-remove')).toHaveCount(0);

  await page.getByTestId('tab-decisions').click();
  await expect(page.getByTestId('decision-row').first()).toBeVisible();
  await expect(page.getByTestId('decision-submit')).toHaveCount(0);
  await expect(page.getByTestId('vote-option')).toHaveCount(0);
  await expect(page.getByTestId('decision-close')).toHaveCount(0);

  await page.getByTestId('tab-members').click();
  await expect(page.getByTestId('member-row').first()).toBeVisible();
  await expect(page.getByTestId('add-member-submit')).toHaveCount(0);
  await expect(page.getByTestId('member-remove')).toHaveCount(0);
  await expect(page.getByTestId('member-role-select')).toHaveCount(0);

  await openFirstMeeting(page, 'past');
  await expect(page.getByTestId('observer-banner')).toHaveText(BANNER);
  await expect(page.getByTestId('agenda-item').first()).toBeVisible();
  await expect(page.locator('[data-testid="agenda-item"] input, [data-testid="agenda-item"] textarea')).toHaveCount(0);
  for (const id of ['agenda-add-title', 'agenda-up', 'agenda-delete', 'meeting-edit', 'meeting-cancel', 'action-add-title', 'attach-input', 'rsvp-yes', 'minutes-bold']) {
    await expect(page.getByTestId(id)).toHaveCount(0);
  }
  await expect(page.getByTestId('minutes-editor')).toHaveAttribute('contenteditable', 'false');
  await expect(page.getByTestId('minutes-editor')).toContainText('Minutes of the');
  for (const box of await page.getByTestId('action-done').all()) await expect(box).toBeDisabled();

  // The host enforces the same rule, whatever a page sends.
  const meetingId = page.url().split('/').pop()!;
  const refused = await rawCall(page, 'agenda.add', { meetingId, title: 'Sneaky item' });
  expect(refused.ok).toBe(false);
  expect(refused.error?.message).toContain('observer');

  // On the home list the observer's room has no rename or archive.
  await page.getByTestId('nav-home').click();
  const audit = boardroomRow(page, 'Audit & Risk Committee');
  await expect(audit).toBeVisible();
  await expect(audit.getByTestId('boardroom-rename')).toHaveCount(0);
  await expect(audit.getByTestId('boardroom-archive')).toHaveCount(0);
});

test('a member who is not an owner or admin sees members but cannot manage them', async ({ page, host }) => {
  // In the Remuneration Committee the local user is an admin: step down to member.
  await openBoardroom(page, host, 'Remuneration Committee');
  await page.getByTestId('tab-members').click();
  const me = (await page.getByTestId('current-user').textContent())!;
  await expect(page.getByTestId('add-member-submit')).toBeVisible();
  await page.getByTestId('member-row').filter({ hasText: me }).getByTestId('member-role-select').selectOption('member');

  await expect(page.getByTestId('room-role')).toHaveText('You are a member');
  await expect(page.getByTestId('member-row').filter({ hasText: me }).getByTestId('member-role')).toHaveText('member');
  await expect(page.getByTestId('add-member-submit')).toHaveCount(0);
  await expect(page.getByTestId('member-role-select')).toHaveCount(0);
  await expect(page.getByTestId('member-remove')).toHaveCount(0);
  // A member still edits content: no observer banner, the schedule form is there.
  await expect(page.getByTestId('observer-banner')).toHaveCount(0);
  await page.getByTestId('tab-upcoming').click();
  await expect(page.getByTestId('schedule-submit')).toBeVisible();
});
