// REST shapes shared by the sync server and the desktop client (auth, commands, rooms, blobs).
import type { LedgerCommand } from '../commands.js';
import type { Role } from '../domain.js';

export interface SignInRequest {
  email: string;
  password: string;
  /** The device's stable id (from local settings) and a name the user recognises. */
  deviceId: string;
  deviceName: string;
}

export interface TokenPair {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  user: { id: string; name: string; email: string };
}

export interface RefreshRequest {
  refreshToken: string;
  deviceId: string;
}

export interface CommandRequest {
  command: LedgerCommand;
}

export interface RoomSummary {
  id: string;
  name: string;
  role: Role;
}

/** Uploading a personal workspace's boardroom: the server adopts its ledger as the starting state. */
export interface ImportRoomRequest {
  roomId: string;
  /** The uploader's user id in the personal workspace: the server maps that member to the caller. */
  localUserId: string;
  /** Y update of the local `ledger:<roomId>` doc. */
  ledgerUpdateBase64: string;
  /** The room's name, so the server can list it before its room doc has synced. */
  name?: string;
}

export interface ApiErrorBody {
  error: string;
  message: string;
}

export const API = {
  signIn: '/api/v1/auth/sign-in',
  refresh: '/api/v1/auth/refresh',
  signOut: '/api/v1/auth/sign-out',
  rooms: '/api/v1/sync/rooms',
  importRoom: '/api/v1/sync/rooms/import',
  commands: '/api/v1/commands',
  blob: (hash: string) => `/api/v1/blobs/${hash}`,
} as const;
