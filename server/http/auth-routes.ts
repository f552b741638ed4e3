// Sign-in, refresh (rotation) and sign-out. Sign-ins are rate limited per address before any work,
// and per account (the email asked for, known or not) before the password is checked; both limits
// are shared by every server process through Redis.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API, type TokenPair } from '../../src-shared/sync/api.js';
import { entityId, LIMITS } from '../../src-shared/schemas.js';
import type { Accounts } from '../auth/accounts.js';
import type { TokenIssuer } from '../auth/tokens.js';
import type { Database } from '../db/database.js';
import { badInput, RateLimitedError } from './api-error.js';
import { retryAfterSeconds, type RateLimiter } from './rate-limiter.js';
import { authenticate } from './authenticate.js';

const signInBody = z.strictObject({
  email: z.string({ error: 'must be an email address' }).trim().max(200, 'must be at most 200 characters').email('must be an email address'),
  password: z.string({ error: 'must be text' }).min(1, 'cannot be empty').max(1024, 'must be at most 1024 characters'),
  deviceId: entityId,
  deviceName: z.string({ error: 'must be text' }).trim().min(1, 'cannot be empty').max(LIMITS.name),
});
const refreshBody = z.strictObject({ refreshToken: z.string().min(1, 'cannot be empty').max(200), deviceId: entityId });
const signOutBody = z.union([refreshBody, z.strictObject({ deviceId: entityId.optional() })]);

export interface AuthDeps {
  accounts: Accounts;
  tokens: TokenIssuer;
  db: Database;
  signInsPerIp: RateLimiter;
  signInsPerAccount: RateLimiter;
  /** After a successful sign-in (cache warming); must not throw. */
  onSignedIn?: (pair: TokenPair, deviceId: string) => void;
}

async function spend(limiter: RateLimiter, key: string, what: string): Promise<void> {
  const taken = await limiter.take(key);
  if (taken.allowed) return;
  const seconds = retryAfterSeconds(taken.retryAfterMs);
  throw new RateLimitedError(seconds, `too many sign-in attempts ${what}: wait a minute and try again (retry in ${seconds} s)`);
}

export function authRoutes(app: FastifyInstance, deps: AuthDeps): void {
  app.post(API.signIn, async (request) => {
    await spend(deps.signInsPerIp, `ip:${request.ip}`, 'from this address');
    const body = signInBody.safeParse(request.body);
    if (!body.success) throw badInput(body.error);
    await spend(deps.signInsPerAccount, `account:${body.data.email.toLowerCase()}`, 'for this account');
    const pair = await deps.accounts.signIn(body.data);
    deps.onSignedIn?.(pair, body.data.deviceId);
    return pair;
  });

  app.post(API.refresh, async (request) => {
    const body = refreshBody.safeParse(request.body);
    if (!body.success) throw badInput(body.error);
    return deps.accounts.refresh(body.data.refreshToken, body.data.deviceId);
  });

  // With a refresh token in the body no access token is needed (it may have expired); otherwise the
  // bearer token names the device.
  app.post(API.signOut, async (request, reply) => {
    const body = signOutBody.safeParse(request.body ?? {});
    if (!body.success) throw badInput(body.error);
    if ('refreshToken' in body.data) {
      await deps.accounts.signOutByRefreshToken(body.data.refreshToken, body.data.deviceId);
    } else {
      const caller = await authenticate(request, deps.tokens, deps.db);
      await deps.accounts.signOut(caller.id, body.data.deviceId ?? caller.deviceId);
    }
    return reply.code(204).send();
  });
}
