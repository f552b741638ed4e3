// Who the local user is (for "my vote", who opened a decision, ...). Fetched once, and again after
// signing in or out of a sync server (the server's account becomes the local user).
import { create } from 'zustand';
import type { AppInfo } from '../../src-shared/views';
import { getApi } from '../api/api';

interface AppInfoStore {
  info: AppInfo | null;
}

export const useAppInfo = create<AppInfoStore>()(() => ({ info: null }));

let requested = false;
export function loadAppInfo(): void {
  if (requested) return;
  requested = true;
  getApi()
    .call('app.info', {})
    .then((info) => useAppInfo.setState({ info }))
    .catch(() => {
      requested = false;
    });
}

export function reloadAppInfo(): void {
  requested = false;
  loadAppInfo();
}
