// The sync UI against the real headless host: the header's indicator, Settings (sign in and out),
// the outbox and its refusals, the save indicator's "Queued", and the focus sent on every route.
// The real sync server is not written yet; the last test signs in to a stand-in that speaks the REST
// shapes of src-shared/sync/api.ts (sign-in, rooms, import, commands) and refuses every command, the
// one answer the UI cannot otherwise be shown. Replace it with the real server when that lands.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, openBoardroom, openFirstMeeting, openHome, rawCall, test } from './fixtures';

const PERSONAL = 'Personal workspace (not synced)';

async function openSettings(page: Page): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
}

test('a fresh personal workspace says it is not synced; Settings explains what signing in does', async ({ page, host }) => {
  await openHome(page, host);
  await expect(page.getByTestId('sync-indicator')).toHaveText(PERSONAL);
  await expect(page.getByTestId('first-sync-progress')).toHaveCount(0);
  await expect(page.getByTestId('outbox-refused-badge')).toHaveCount(0);

  await openSettings(page);
  expect(page.url()).toMatch(/#\/settings$/);
  await expect(page.getByTestId('settings-sync-status')).toHaveText(PERSONAL);
  await expect(page.getByTestId('sign-in-explainer')).toContainText('uploads the boardrooms of this personal workspace that the server does not have yet');
  await expect(page.getByTestId('outbox-empty')).toBeVisible();
  await expect(page.getByTestId('sign-out')).toHaveCount(0);
});

test('signing in to a server nobody answers on says so, and the workspace stays personal', async ({ page, host }) => {
  await openHome(page, host);
  await openSettings(page);
  await page.getByTestId('sign-in-server').fill('http://127.0.0.1:9');
  await page.getByTestId('sign-in-email').fill('ada@example.com');
  await page.getByTestId('sign-in-password').fill('secret');
  await page.getByTestId('sign-in-submit').click();

  const alert = page.getByTestId('alert').filter({ hasText: 'cannot reach the sync server at http://127.0.0.1:9' });
  await expect(alert).toBeVisible();
  await expect(page.getByTestId('sign-in-error')).toContainText('cannot reach the sync server at http://127.0.0.1:9');
  await expect(page.getByTestId('sign-in-submit')).toBeEnabled();
  await expect(page.getByTestId('sync-indicator')).toHaveText(PERSONAL);
  await expect(page.getByTestId('settings-sync-status')).toHaveText(PERSONAL);
  await expect(page.getByTestId('sign-out')).toHaveCount(0);

  // Nothing of the failed attempt stuck: after a reload the host still reports a personal workspace.
  await page.reload();
  await expect(page.getByTestId('sync-indicator')).toHaveText(PERSONAL);
  await expect(page.getByTestId('sign-in-form')).toBeVisible();
});

test('every screen tells the sync engine which docs it shows, quietly while signed out', async ({ page, host }) => {
  const focus: string[][] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (frame) => {
      const message = JSON.parse(String(frame.payload)) as { method?: string; input?: { docIds: string[] } };
      if (message.method === 'sync.focus') focus.push(message.input!.docIds);
    }),
  );
  const lastFocus = () => expect.poll(() => focus.at(-1));

  await openBoardroom(page, host, 'Board of Directors');
  const roomId = page.url().split('/rooms/')[1]!.split('/')[0]!;
  await lastFocus().toEqual([`room:${roomId}`, `ledger:${roomId}`]);

  // Clicking through the tabs of one room changes nothing to send (checked at the end).
  await page.getByTestId('tab-past').click();
  await page.getByTestId('tab-decisions').click();
  await expect(page.getByTestId('decision-row').first()).toBeVisible();
  await page.getByTestId('tab-upcoming').click();
  await openFirstMeeting(page, 'upcoming');
  const meetingId = page.url().split('/meetings/')[1]!;
  await lastFocus().toEqual([`room:${roomId}`, `ledger:${roomId}`, `meeting:${meetingId}`]);

  await page.getByTestId('nav-home').click();
  await lastFocus().toEqual([]);
  await expect(page.getByTestId('alert')).toHaveCount(0);
  for (let i = 1; i < focus.length; i++) expect(focus[i], `focus #${i} repeats the one before`).not.toEqual(focus[i - 1]);
});

interface StandIn {
  url: string;
  commands: Array<{ kind: string }>;
  close(): Promise<void>;
}

/**
 * A stand-in sync server: signs in one account with the given id, says it already holds the given
 * rooms (so nothing is uploaded and the local ledgers stay), and refuses every command.
 */
async function startStandIn(user: { id: string; name: string; email: string }, refusal: string, roomIds: string[]): Promise<StandIn> {
  const commands: Array<{ kind: string }> = [];
  const tokens = { accessToken: 'access', refreshToken: 'refresh', expiresIn: 3600, user };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const json = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const route = `${req.method} ${req.url}`;
      if (route === 'POST /api/v1/auth/sign-in') {
        const { password } = JSON.parse(body) as { password: string };
        return password === 'correct horse' ? json(200, tokens) : json(401, { error: 'unauthorized', message: 'wrong email or password' });
      }
      if (route === 'POST /api/v1/auth/refresh') return json(200, tokens);
      if (route === 'POST /api/v1/auth/sign-out') return res.writeHead(204).end();
      if (route === 'GET /api/v1/sync/rooms') return json(200, roomIds.map((id) => ({ id, name: id, role: 'owner' })));
      if (route === 'POST /api/v1/commands') {
        commands.push((JSON.parse(body) as { command: { kind: string } }).command);
        return json(409, { error: 'conflict', message: refusal });
      }
      json(404, { error: 'not_found', message: `no ${route}` });
    });
  });
  // Doc sync (WebSocket upgrades) is not served: a plain HTTP server drops those connections.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    commands,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The host's fetch keeps connections alive; do not wait for them to idle out.
        server.closeAllConnections();
      }),
  };
}

test('signed in, a vote is queued; the server refuses it, the user sees why and dismisses it; signing out', async ({ page, host }) => {
  await openHome(page, host);
  const me = (await rawCall(page, 'app.info', {})).output as { userId: string };
  // The stand-in's account keeps the personal user's id, so the local ledger already lists it.
  const refusal = 'the deadline for this decision passed while you were offline';
  const rooms = ((await rawCall(page, 'boardrooms.list', {})).output as Array<{ id: string }>).map((r) => r.id);
  const server = await startStandIn({ id: me.userId, name: 'Ada Lovelace', email: 'ada@example.com' }, refusal, rooms);
  try {
    await openSettings(page);
    await page.getByTestId('sign-in-server').fill(server.url);
    await page.getByTestId('sign-in-email').fill('ada@example.com');
    await page.getByTestId('sign-in-password').fill('wrong');
    await page.getByTestId('sign-in-submit').click();
    await expect(page.getByTestId('alert').filter({ hasText: 'wrong email or password' })).toBeVisible();
    await expect(page.getByTestId('sync-indicator')).toHaveText(PERSONAL);

    await page.getByTestId('sign-in-password').fill('correct horse');
    await page.getByTestId('sign-in-submit').click();
    await expect(page.getByTestId('signed-in-user')).toHaveText('Ada Lovelace (ada@example.com)');
    await expect(page.getByTestId('signed-in-server')).toHaveText(server.url);
    await expect(page.getByTestId('current-user')).toHaveText('Ada Lovelace');
    await expect(page.getByTestId('sync-indicator')).not.toHaveText(PERSONAL);

    await page.getByTestId('nav-home').click();
    await page.getByTestId('boardroom-row').filter({ hasText: 'Board of Directors' }).getByTestId('boardroom-open').click();
    await page.getByTestId('tab-decisions').click();
    const option = page.getByTestId('vote-option').first();
    const optionName = (await option.getAttribute('data-option'))!;
    await option.click();
    await expect(page.getByTestId('save-status')).toHaveText('Queued — will be sent when online');

    // The engine sends it on its next pass (at once, or after the pass under way) and the server refuses.
    const refused = page.getByTestId('alert').filter({ hasText: `Your vote "${optionName}" was refused by the server: ${refusal}` });
    await expect(refused).toBeVisible({ timeout: 30_000 });
    expect(server.commands.map((c) => c.kind)).toEqual(['castVote']);
    await expect(page.getByTestId('outbox-refused-badge')).toHaveText('1 refused command');

    await page.getByTestId('outbox-refused-badge').click();
    const entry = page.getByTestId('outbox-entry');
    await expect(entry).toHaveCount(1);
    await expect(entry).toHaveAttribute('data-status', 'refused');
    await expect(entry.getByTestId('outbox-entry-summary')).toHaveText(`Vote "${optionName}"`);
    await expect(entry.getByTestId('outbox-entry-reason')).toHaveText(refusal);
    await entry.getByTestId('outbox-dismiss').click();
    await expect(page.getByTestId('outbox-empty')).toBeVisible();
    await expect(page.getByTestId('outbox-refused-badge')).toHaveCount(0);

    await page.getByTestId('sign-out').click();
    await expect(page.getByTestId('sync-indicator')).toHaveText(PERSONAL);
    await expect(page.getByTestId('sign-in-server')).toHaveValue(server.url);
  } finally {
    await server.close();
  }
});
