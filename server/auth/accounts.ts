// Accounts and device sessions: sign-in with email and password, refresh-token rotation bound to a
// device, sign-out. Refusals never say whether an email has an account.
import type { SignInRequest, TokenPair } from '../../src-shared/sync/api.js';
import { newId } from '../../src-shared/ids.js';
import type { Database, Queryable } from '../db/database.js';
import { unauthorized } from '../http/api-error.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { hashRefreshToken, newRefreshToken, type TokenIssuer } from './tokens.js';

export interface UserSummary {
  id: string;
  name: string;
  email: string;
}

const WRONG_CREDENTIALS =
  'the email or password is not correct: check both and try again, or ask the server operator to reset your password';

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** The user when active and not deleted: the gate for tokens, sockets and requests. */
export async function activeUser(q: Queryable, userId: string): Promise<UserSummary | null> {
  return (await activeUsers(q, [userId])).get(userId) ?? null;
}

/** The active users among `userIds`, in one statement. */
export async function activeUsers(q: Queryable, userIds: string[]): Promise<Map<string, UserSummary>> {
  const rows = await q.query<UserSummary>(
    '/* auth.active_users */ SELECT id, name, email FROM users WHERE id = ANY($1::text[]) AND active AND deleted_at IS NULL',
    [userIds],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * A user by email, created inactive and without a password when unknown (someone added to a
 * boardroom before they have an account). `preferredId` is used for a new user when it is free.
 */
export async function ensureUser(q: Queryable, email: string, name: string, preferredId?: string): Promise<string> {
  const [found] = await q.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = $1', [normalizeEmail(email)]);
  if (found) return found.id;
  const taken = preferredId ? (await q.query('SELECT 1 FROM users WHERE id = $1', [preferredId])).length > 0 : true;
  const id = taken ? newId() : preferredId!;
  await q.query(
    `INSERT INTO users (id, email, name, password_hash, active) VALUES ($1, $2, $3, NULL, false)
     ON CONFLICT DO NOTHING`,
    [id, normalizeEmail(email), name],
  );
  const [row] = await q.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = $1', [normalizeEmail(email)]);
  return row!.id;
}

/** Creates an account, or gives an existing one (e.g. added to a boardroom) its password and activates it. */
export async function addUser(db: Database, input: { email: string; name: string; password: string }): Promise<{ id: string; created: boolean }> {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = $1 FOR UPDATE', [email]);
    if (existing) {
      await tx.query('UPDATE users SET name = $2, password_hash = $3, active = true, deleted_at = NULL WHERE id = $1', [
        existing.id,
        input.name,
        passwordHash,
      ]);
      return { id: existing.id, created: false };
    }
    const id = newId();
    await tx.query('INSERT INTO users (id, email, name, password_hash, active) VALUES ($1, $2, $3, $4, true)', [
      id,
      email,
      input.name,
      passwordHash,
    ]);
    return { id, created: true };
  });
}

export class Accounts {
  constructor(
    private readonly db: Database,
    private readonly tokens: TokenIssuer,
  ) {}

  addUser(input: { email: string; name: string; password: string }): Promise<{ id: string; created: boolean }> {
    return addUser(this.db, input);
  }

  async signIn(request: SignInRequest): Promise<TokenPair> {
    const [user] = await this.db.query<UserSummary & { password_hash: string | null; usable: boolean }>(
      `SELECT id, name, email, password_hash, (active AND deleted_at IS NULL) AS usable FROM users WHERE lower(email) = $1`,
      [normalizeEmail(request.email)],
    );
    // Unknown email, no password yet, or deactivated: one answer, after the same amount of work.
    const ok = await verifyPassword(request.password, user?.usable ? user.password_hash : null);
    if (!user || !ok) throw unauthorized(WRONG_CREDENTIALS);
    const refreshToken = newRefreshToken();
    await this.db.query(
      `INSERT INTO devices (user_id, device_id, name, refresh_hash, previous_hash) VALUES ($1, $2, $3, $4, NULL)
       ON CONFLICT (user_id, device_id) DO UPDATE SET name = excluded.name, refresh_hash = excluded.refresh_hash,
         previous_hash = NULL, last_seen_at = now()`,
      [user.id, request.deviceId, request.deviceName, hashRefreshToken(refreshToken)],
    );
    return this.pair(user, request.deviceId, refreshToken);
  }

  /** Rotates the device's refresh token: the old one stops working the moment the new one is issued. */
  async refresh(refreshToken: string, deviceId: string): Promise<TokenPair> {
    const hash = hashRefreshToken(refreshToken);
    const next = newRefreshToken();
    const rotated = await this.db.query<{ user_id: string }>(
      `UPDATE devices SET refresh_hash = $3, previous_hash = refresh_hash, last_seen_at = now()
       WHERE refresh_hash = $1 AND device_id = $2 RETURNING user_id`,
      [hash, deviceId, hashRefreshToken(next)],
    );
    if (rotated.length === 0) {
      // A token that was already rotated away is being replayed: someone may have copied it, so the
      // device's session ends for whoever holds either token.
      const revoked = await this.db.query(
        'UPDATE devices SET refresh_hash = NULL WHERE previous_hash = $1 RETURNING user_id',
        [hash],
      );
      throw unauthorized(
        revoked.length
          ? 'this refresh token was already used once, so the session was ended for safety: sign in again'
          : 'this session is no longer valid (signed out, or issued for another device): sign in again',
      );
    }
    const user = await activeUser(this.db, rotated[0]!.user_id);
    if (!user) throw unauthorized('this account is deactivated: ask the server operator to reactivate it');
    return this.pair(user, deviceId, next);
  }

  async signOut(userId: string, deviceId: string): Promise<void> {
    await this.db.query('UPDATE devices SET refresh_hash = NULL, previous_hash = NULL WHERE user_id = $1 AND device_id = $2', [
      userId,
      deviceId,
    ]);
  }

  /** Sign-out with only the refresh token in hand (the access token may have expired). */
  async signOutByRefreshToken(refreshToken: string, deviceId: string): Promise<void> {
    const rows = await this.db.query<{ user_id: string }>(
      'SELECT user_id FROM devices WHERE refresh_hash = $1 AND device_id = $2',
      [hashRefreshToken(refreshToken), deviceId],
    );
    if (rows[0]) await this.signOut(rows[0].user_id, deviceId);
  }

  private async pair(user: UserSummary, deviceId: string, refreshToken: string): Promise<TokenPair> {
    const accessToken = await this.tokens.issue({ userId: user.id, deviceId });
    return {
      accessToken,
      expiresIn: this.tokens.ttlSeconds,
      refreshToken,
      user: { id: user.id, name: user.name, email: user.email },
    };
  }
}

