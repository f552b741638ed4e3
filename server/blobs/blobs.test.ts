// Files over HTTP against real PostgreSQL: the server checks the hash, the size limit and the
// uploader's role; members of any room referencing the file can download it, nobody else.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../src-shared/sync/api.js';
import type { RunningServer } from '../app.js';
import { createRoom, createTestEnv, signUp, startTestServer, type TestEnv } from '../testing.js';

let env: TestEnv;
let server: RunningServer;

beforeAll(async () => {
  env = await createTestEnv();
  server = await startTestServer(env, { maxBlobBytes: 3 * 1024 * 1024 });
});
afterAll(async () => {
  await server.close();
  await env.dispose();
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const put = (token: string, hash: string, roomId: string, data: Buffer, mime = 'application/pdf') =>
  fetch(new URL(`${API.blob(hash)}?roomId=${roomId}&mime=${encodeURIComponent(mime)}`, server.url), {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(data),
  });
const get = (token: string, hash: string) =>
  fetch(new URL(API.blob(hash), server.url), { headers: { authorization: `Bearer ${token}` } });

describe('blobs', () => {
  it('stores a file in chunks under its verified hash and serves it to members only', async () => {
    const owner = await signUp(server);
    const roomId = await createRoom(server, owner);
    const data = randomBytes(2 * 1024 * 1024 + 5);
    const hash = sha256(data);
    expect((await put(owner.accessToken, hash, roomId, data)).status).toBe(201);
    expect((await put(owner.accessToken, hash, roomId, data)).status).toBe(200);

    const download = await get(owner.accessToken, hash);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(hash);

    const stranger = await signUp(server);
    const refused = await get(stranger.accessToken, hash);
    expect(refused.status).toBe(404);
    expect(await refused.json()).toEqual({ error: 'not_found', message: 'no file with this hash in any boardroom you are a member of' });
    // Once a room of the stranger references it, the stranger may read it.
    const strangersRoom = await createRoom(server, stranger);
    expect((await put(stranger.accessToken, hash, strangersRoom, data)).status).toBe(200);
    expect((await get(stranger.accessToken, hash)).status).toBe(200);
  });

  it('refuses a wrong hash, a file over the limit, and an upload by a non-member', async () => {
    const owner = await signUp(server);
    const roomId = await createRoom(server, owner);
    const data = randomBytes(1000);
    const wrong = await put(owner.accessToken, sha256(randomBytes(10)), roomId, data);
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).message).toMatch(/^the file's sha256 is [0-9a-f]{64}, not/);

    const big = randomBytes(3 * 1024 * 1024 + 1);
    const tooBig = await put(owner.accessToken, sha256(big), roomId, big);
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).error).toBe('too_large');

    const stranger = await signUp(server);
    const byStranger = await put(stranger.accessToken, sha256(data), roomId, data);
    expect(byStranger.status).toBe(403);
    expect((await get(owner.accessToken, sha256(data))).status).toBe(404);
  });
});
