// REST calls to the sync server. Errors become AppErrors carrying the server's own message, or say the
// server is unreachable, so the UI can tell "refused" (final) from "offline" (try again).
import type { LedgerCommand } from '../../src-shared/commands.js';
import { AppError, type ErrorCode } from '../../src-shared/errors.js';
import { API, type ApiErrorBody, type RoomSummary, type TokenPair } from '../../src-shared/sync/api.js';
import type { CommandResult } from '../../src-shared/views.js';

/** The server could not be reached or failed (5xx): worth trying again later, unlike a refusal. */
export class ServerUnreachable extends AppError {
  constructor(serverUrl: string, cause: unknown) {
    super('unavailable', `cannot reach the sync server at ${serverUrl}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ServerUnreachable';
  }
}

const CODE_BY_STATUS: Record<number, ErrorCode> = { 400: 'invalid_input', 401: 'forbidden', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 413: 'too_large', 422: 'invalid_input' };

export class ServerApi {
  constructor(
    readonly serverUrl: string,
    private readonly timeoutMs = 15_000,
  ) {}

  async request<T>(method: string, path: string, body?: unknown, token?: string, raw?: Uint8Array, expect: 'json' | 'bytes' = 'json'): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.serverUrl), {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(raw ? { 'content-type': 'application/octet-stream' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: raw ? Buffer.from(raw) : body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ServerUnreachable(this.serverUrl, error);
    }
    if (response.status >= 500) throw new ServerUnreachable(this.serverUrl, new Error(`HTTP ${response.status}`));
    if (!response.ok) {
      const payload = (await response.json().catch(() => null)) as ApiErrorBody | null;
      throw new AppError(CODE_BY_STATUS[response.status] ?? 'invalid_input', payload?.message ?? `the server refused the request (HTTP ${response.status})`);
    }
    if (response.status === 204) return undefined as T;
    return (expect === 'bytes' ? new Uint8Array(await response.arrayBuffer()) : await response.json()) as T;
  }

  signIn(email: string, password: string, deviceId: string, deviceName: string): Promise<TokenPair> {
    return this.request('POST', API.signIn, { email, password, deviceId, deviceName });
  }

  refresh(refreshToken: string, deviceId: string): Promise<TokenPair> {
    return this.request('POST', API.refresh, { refreshToken, deviceId });
  }

  signOut(token: string): Promise<void> {
    return this.request('POST', API.signOut, {}, token);
  }

  rooms(token: string): Promise<RoomSummary[]> {
    return this.request('GET', API.rooms, undefined, token);
  }

  createRoom(token: string, roomId: string, name: string): Promise<unknown> {
    return this.request('POST', API.rooms, { roomId, name }, token);
  }

  importRoom(token: string, roomId: string, name: string, localUserId: string, ledgerUpdate: Uint8Array): Promise<unknown> {
    return this.request('POST', API.importRoom, { roomId, name, localUserId, ledgerUpdateBase64: Buffer.from(ledgerUpdate).toString('base64') }, token);
  }

  command(token: string, command: LedgerCommand): Promise<CommandResult> {
    return this.request('POST', API.commands, { command }, token);
  }

  uploadBlob(token: string, hash: string, roomId: string, mime: string, data: Uint8Array): Promise<unknown> {
    const path = `${API.blob(hash)}?roomId=${encodeURIComponent(roomId)}&mime=${encodeURIComponent(mime)}`;
    return this.request('PUT', path, undefined, token, data);
  }

  downloadBlob(token: string, hash: string): Promise<Uint8Array> {
    return this.request('GET', API.blob(hash), undefined, token, undefined, 'bytes');
  }
}
