// The device's session with a sync server: the server URL, the signed-in user and the tokens, kept in
// local settings. Tokens pass through a SecretBox (Electron's safeStorage in the app; plain in the
// headless host, which runs on the user's own machine for development and tests).
import type { TokenPair } from '../../src-shared/sync/api.js';
import { readSetting, writeSetting } from '../identity.js';
import type { Sqlite } from '../store/db.js';
import { ServerApi } from './server-api.js';

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

export const PLAIN_BOX: SecretBox = { seal: (s) => s, open: (s) => s };

/** Refresh when the access token has less than this left. */
const REFRESH_MARGIN_MS = 60_000;

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

export class Session {
  private refreshing: Promise<string> | null = null;

  constructor(
    private readonly sqlite: Sqlite,
    private readonly box: SecretBox = PLAIN_BOX,
    private readonly clock: () => number = Date.now,
  ) {}

  get serverUrl(): string | null {
    return readSetting(this.sqlite, 'server_url');
  }

  get user(): SessionUser | null {
    const raw = readSetting(this.sqlite, 'server_user');
    return raw ? (JSON.parse(raw) as SessionUser) : null;
  }

  get signedIn(): boolean {
    return this.serverUrl !== null && readSetting(this.sqlite, 'refresh_token') !== null;
  }

  get deviceId(): string {
    return readSetting(this.sqlite, 'device_id') ?? 'unknown-device';
  }

  api(): ServerApi {
    if (!this.serverUrl) throw new Error('no sync server configured');
    return new ServerApi(this.serverUrl);
  }

  async signIn(serverUrl: string, email: string, password: string, deviceName: string): Promise<SessionUser> {
    const pair = await new ServerApi(serverUrl).signIn(email, password, this.deviceId, deviceName);
    this.sqlite.transaction(() => {
      writeSetting(this.sqlite, 'server_url', serverUrl);
      this.store(pair);
    })();
    return pair.user;
  }

  /** Forgets the tokens (and tells the server, when reachable). Local data stays. */
  async signOut(): Promise<void> {
    const token = this.cachedAccessToken();
    if (token && this.serverUrl) await this.api().signOut(token).catch(() => undefined);
    this.sqlite.prepare("DELETE FROM settings WHERE key IN ('access_token', 'access_expires_at', 'refresh_token', 'server_user')").run();
  }

  /** A valid access token, refreshed when close to expiry (one refresh at a time). */
  async accessToken(): Promise<string> {
    const cached = this.cachedAccessToken();
    const expiresAt = Number(readSetting(this.sqlite, 'access_expires_at') ?? 0);
    if (cached && expiresAt - this.clock() > REFRESH_MARGIN_MS) return cached;
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async refresh(): Promise<string> {
    const sealed = readSetting(this.sqlite, 'refresh_token');
    if (!sealed) throw new Error('not signed in to a sync server');
    const pair = await this.api().refresh(this.box.open(sealed), this.deviceId);
    this.store(pair);
    return pair.accessToken;
  }

  private cachedAccessToken(): string | null {
    const sealed = readSetting(this.sqlite, 'access_token');
    return sealed ? this.box.open(sealed) : null;
  }

  private store(pair: TokenPair): void {
    writeSetting(this.sqlite, 'access_token', this.box.seal(pair.accessToken));
    writeSetting(this.sqlite, 'access_expires_at', String(this.clock() + pair.expiresIn * 1000));
    writeSetting(this.sqlite, 'refresh_token', this.box.seal(pair.refreshToken));
    writeSetting(this.sqlite, 'server_user', JSON.stringify(pair.user));
  }
}
