// Who is calling `/api/v1`, fast: a verified access token is remembered until it expires (HS256
// verification is the costliest part of a cached read), and the account's active state for a few
// seconds. So a deactivated account keeps reading for at most ACTIVE_CHECK_MS; sockets and writes
// check the database every time, as before.
//
// A caller who keeps reading has their active state re-checked in the background once it is half
// that old, so their requests do not wait for it; the checks of one turn share one statement. (When
// every entry of a busy minute expired together, a hundred requests each waited for their own
// statement: p95 8 ms became 23 ms in that round of the seed's load test.)
import { LRUCache } from 'lru-cache';
import { activeUsers, type UserSummary } from '../auth/accounts.js';
import type { AccessClaims, TokenIssuer } from '../auth/tokens.js';
import type { Queryable } from '../db/database.js';
import { turnBatcher } from '../db/turn-batch.js';
import { unauthorized } from '../http/api-error.js';

export const ACTIVE_CHECK_MS = 5_000;
const REFRESH_AFTER_MS = ACTIVE_CHECK_MS / 2;

interface Checked {
  user: UserSummary | false;
  /** When the database was asked (or the account was seen active at sign-in). */
  at: number;
}

export class Callers {
  private readonly tokens = new LRUCache<string, AccessClaims>({ max: 50_000 });
  private readonly users: LRUCache<string, Checked>;
  private readonly refreshing = new Set<string>();
  private readonly loadActive: (userId: string) => Promise<UserSummary | null>;

  constructor(
    private readonly issuer: TokenIssuer,
    db: Queryable,
    private readonly now: () => number = Date.now,
  ) {
    this.users = new LRUCache<string, Checked>({ max: 50_000, ttl: ACTIVE_CHECK_MS, ttlResolution: 0, perf: { now } });
    this.loadActive = turnBatcher((ids: string[]) => activeUsers(db, ids), null);
  }

  /** A token this process just issued to an active user at sign-in: no need to verify or look it up again. */
  remember(token: string, claims: AccessClaims, user: UserSummary): void {
    const ttl = expiresInMs(token);
    if (ttl > 1000) this.tokens.set(token, claims, { ttl: ttl - 1000 });
    this.users.set(claims.userId, { user, at: this.now() });
  }

  /** The active user an `Authorization` header's bearer token names; 401 otherwise. */
  async authenticate(authorization: string | undefined): Promise<UserSummary> {
    const header = authorization ?? '';
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
    const known = this.users.get(claims.userId);
    let user: UserSummary | false;
    if (!known) user = await this.check(claims.userId);
    else {
      user = known.user;
      if (this.now() - known.at >= REFRESH_AFTER_MS) this.refresh(claims.userId);
    }
    if (!user) throw unauthorized('this account is deactivated: ask the server operator to reactivate it');
    return user;
  }

  private async check(userId: string): Promise<UserSummary | false> {
    const at = this.now();
    const user = (await this.loadActive(userId)) ?? false;
    this.users.set(userId, { user, at });
    return user;
  }

  /** A check in the background, once at a time per user; if it fails, the entry expires as before. */
  private refresh(userId: string): void {
    if (this.refreshing.has(userId)) return;
    this.refreshing.add(userId);
    this.check(userId)
      .catch(() => undefined)
      .finally(() => this.refreshing.delete(userId));
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
