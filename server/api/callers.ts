// Who is calling `/api/v1`, fast: a verified access token is remembered until it expires (HS256
// verification is the costliest part of a cached read), and the account's active state for a few
// seconds. So a deactivated account keeps reading for at most ACTIVE_CHECK_MS; sockets and writes
// check the database every time, as before.
import type { FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { activeUser, type UserSummary } from '../auth/accounts.js';
import type { AccessClaims, TokenIssuer } from '../auth/tokens.js';
import type { Queryable } from '../db/database.js';
import { unauthorized } from '../http/api-error.js';

export const ACTIVE_CHECK_MS = 5_000;

export class Callers {
  private readonly tokens = new LRUCache<string, AccessClaims>({ max: 50_000 });
  private readonly users = new LRUCache<string, UserSummary | false>({ max: 50_000, ttl: ACTIVE_CHECK_MS });

  constructor(
    private readonly issuer: TokenIssuer,
    private readonly db: Queryable,
  ) {}

  /** A token this process just issued to an active user at sign-in: no need to verify or look it up again. */
  remember(token: string, claims: AccessClaims, user: UserSummary): void {
    const ttl = expiresInMs(token);
    if (ttl > 1000) this.tokens.set(token, claims, { ttl: ttl - 1000 });
    this.users.set(claims.userId, user);
  }

  async authenticate(request: FastifyRequest): Promise<UserSummary> {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw unauthorized('sign in first: this request needs an "Authorization: Bearer <access token>" header');
    let claims = this.tokens.get(token);
    if (!claims) {
      const verified = await this.issuer.verify(token);
      if (!verified) throw unauthorized('your access token is invalid or expired: refresh it and try again');
      claims = verified;
      const ttl = expiresInMs(token);
      if (ttl > 1000) this.tokens.set(token, verified, { ttl: ttl - 1000 });
    }
    let user = this.users.get(claims.userId);
    if (user === undefined) {
      user = (await activeUser(this.db, claims.userId)) ?? false;
      this.users.set(claims.userId, user);
    }
    if (!user) throw unauthorized('this account is deactivated: ask the server operator to reactivate it');
    return user;
  }
}

/** Milliseconds until a (verified) JWT's `exp`. */
function expiresInMs(token: string): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: number };
    return typeof payload.exp === 'number' ? payload.exp * 1000 - Date.now() : 0;
  } catch {
    return 0;
  }
}
