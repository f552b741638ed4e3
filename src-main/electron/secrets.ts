// Sync tokens at rest, sealed with the OS keychain through Electron's safeStorage where it is available
// (macOS Keychain, Windows DPAPI, libsecret on Linux). Where it is not, tokens stay plain in the local
// database, as in the headless host, rather than the app refusing to sync.
import { safeStorage } from 'electron';
import type { SecretBox } from '../sync/session.js';

export function osSecretBox(): SecretBox | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return {
    seal: (plain) => `os:${safeStorage.encryptString(plain).toString('base64')}`,
    // A value stored before encryption became available is still readable.
    open: (sealed) => (sealed.startsWith('os:') ? safeStorage.decryptString(Buffer.from(sealed.slice(3), 'base64')) : sealed),
  };
}
