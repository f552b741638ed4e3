// Accounts over HTTP against real PostgreSQL: sign-in refusals that do not reveal accounts, refresh
// rotation bound to a device (a replayed token ends the session), sign-out, and the CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type ApiErrorBody, type RoomSummary, type TokenPair } from '../../src-shared/sync/api.js';
import type { RunningServer } from '../app.js';
import { runCli } from '../cli.js';
import { api, createTestEnv, startTestServer, type TestEnv } from '../testing.js';
import { ensureUser } from './accounts.js';

let env: TestEnv;
let server: RunningServer;
const password = 'a long enough password';

beforeAll(async () => {
  env = await createTestEnv();
  server = await startTestServer(env);
});
afterAll(async () => {
  await server.close();
  await env.dispose();
});

const signIn = (email: string, pass: string, deviceId = 'laptop-1') =>
  api<TokenPair & ApiErrorBody>(server.url, API.signIn, { body: { email, password: pass, deviceId, deviceName: 'Laptop' } });
const refresh = (refreshToken: string, deviceId = 'laptop-1') =>
  api<TokenPair & ApiErrorBody>(server.url, API.refresh, { body: { refreshToken, deviceId } });
const rooms = (token: string) => api<RoomSummary[] & ApiErrorBody>(server.url, API.rooms, { token });

describe('accounts', () => {
  it('creates an account from the CLI and signs in with it; refusals do not say whether the email exists', async () => {
    const cliEnv = { DATABASE_URL: env.db.url, LOG_LEVEL: 'silent' };
    const added = await runCli(['user', 'add', '--email', 'Ada@Example.com', '--name', 'Ada Lovelace', '--password', password], cliEnv);
    expect(added).toMatchObject({ kind: 'done', exitCode: 0, output: expect.stringMatching(/^created Ada@Example.com/) });

    const ok = await signIn('ada@example.com', password);
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
    expect(ok.body.expiresIn).toBe(900);
    expect((await rooms(ok.body.accessToken)).status).toBe(200);

    const wrongPassword = await signIn('ada@example.com', 'not the password');
    const unknownEmail = await signIn('nobody@example.com', password);
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail).toEqual(wrongPassword);
    expect(wrongPassword.body.message).toMatch(/^the email or password is not correct/);

    const malformed = await api<ApiErrorBody>(server.url, API.signIn, { body: { email: 'x', password: '' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/email: must be an email address; password: cannot be empty/);
  });

  it('lets someone added to a boardroom sign in only once the operator gives them a password', async () => {
    await ensureUser(server.db, 'bea@example.com', 'Bea');
    expect((await signIn('bea@example.com', '')).status).toBe(400);
    expect((await signIn('bea@example.com', 'anything at all')).status).toBe(401);
    const added = await runCli(['user', 'add', '--email', 'bea@example.com', '--name', 'Bea Board', '--password', password], {
      DATABASE_URL: env.db.url,
    });
    expect(added).toMatchObject({ exitCode: 0, output: expect.stringMatching(/^updated bea@example.com/) });
    expect((await signIn('bea@example.com', password)).status).toBe(200);
  });

  it('rotates refresh tokens: the new one works, and replaying the old one ends the session', async () => {
    await server.accounts.addUser({ email: 'cy@example.com', name: 'Cy', password });
    const first = (await signIn('cy@example.com', password)).body;
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await rooms(second.body.accessToken)).status).toBe(200);

    const wrongDevice = await refresh(second.body.refreshToken, 'phone-9');
    expect(wrongDevice.status).toBe(401);

    const replay = await refresh(first.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.message).toMatch(/already used once, so the session was ended/);
    // The thief's replay revoked the rotated token too.
    expect((await refresh(second.body.refreshToken)).status).toBe(401);
  });

  it('signs a device out: its refresh token stops working, other devices keep theirs', async () => {
    await server.accounts.addUser({ email: 'di@example.com', name: 'Di', password });
    const laptop = (await signIn('di@example.com', password, 'laptop')).body;
    const desktop = (await signIn('di@example.com', password, 'desktop')).body;
    const out = await api(server.url, API.signOut, { token: laptop.accessToken, body: {} });
    expect(out.status).toBe(204);
    expect((await refresh(laptop.refreshToken, 'laptop')).status).toBe(401);
    expect((await refresh(desktop.refreshToken, 'desktop')).status).toBe(200);
    // With only the refresh token in hand (the access token expired), sign-out works too.
    const desktopAgain = (await signIn('di@example.com', password, 'desktop')).body;
    expect((await api(server.url, API.signOut, { body: { refreshToken: desktopAgain.refreshToken, deviceId: 'desktop' } })).status).toBe(204);
    expect((await refresh(desktopAgain.refreshToken, 'desktop')).status).toBe(401);
  });

  it('limits sign-in attempts per address before checking any password', async () => {
    const strict = await startTestServer(env, { signInsPerMinutePerIp: 2 });
    try {
      const attempt = () =>
        api<ApiErrorBody>(strict.url, API.signIn, { body: { email: 'x@example.com', password: 'guess', deviceId: 'd', deviceName: 'D' } });
      expect((await attempt()).status).toBe(401);
      expect((await attempt()).status).toBe(401);
      const limited = await attempt();
      expect(limited).toEqual({ status: 429, body: { error: 'rate_limited', message: expect.stringMatching(/wait a minute/) } });
    } finally {
      await strict.close();
    }
  });

  it('refuses requests without a valid access token, saying what to do', async () => {
    const none = await rooms('');
    expect(none).toEqual({ status: 401, body: { error: 'unauthorized', message: expect.stringMatching(/^sign in first/) } });
    const forged = await rooms('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl');
    expect(forged.body.message).toMatch(/invalid or expired: refresh it/);
  });

  it('prints help, and reports every bad setting at once', async () => {
    const help = await runCli(['--help']);
    expect(help).toMatchObject({ exitCode: 0, output: expect.stringContaining('user add --email E --name N --password P') });
    const bad = await runCli(['serve'], { PORT: '99999', MAX_MESSAGE_BYTES: 'lots', REDIS_URL: 'http://x' });
    expect(bad.kind).toBe('done');
    const output = (bad as { output: string }).output;
    expect(output).toContain('PORT must be a whole number between 0 and 65535 (got "99999")');
    expect(output).toContain('MAX_MESSAGE_BYTES must be a whole number');
    expect(output).toContain('REDIS_URL must be a redis:// or rediss:// URL');
    const usage = await runCli(['user', 'add', '--email', 'nope'], { DATABASE_URL: env.db.url });
    expect(usage).toMatchObject({ exitCode: 2, output: expect.stringContaining('--password must be at least 10 characters') });
  });
});
