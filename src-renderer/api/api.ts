// The renderer's one BoardroomApi: the Electron preload bridge when present, else the headless
// host's WebSocket. Only types come from src-shared, so zod and yjs stay out of the bundle.
import type { BoardroomApi } from '../../src-shared/contract';
import { useConnection } from './connection';
import { ipcApi, type PreloadBridge } from './ipc-transport';
import { wsApi } from './ws-transport';

declare global {
  interface Window {
    boardroom?: PreloadBridge;
  }
}

let api: BoardroomApi | null = null;
const reconnectListeners = new Set<() => void>();

export function onReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

function rpcUrl(): string {
  const token = document.querySelector<HTMLMetaElement>('meta[name="boardroom-token"]')?.content ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/rpc?token=${encodeURIComponent(token)}`;
}

export function getApi(): BoardroomApi {
  if (api) return api;
  if (window.boardroom) {
    useConnection.getState().set('open');
    api = ipcApi(window.boardroom);
  } else {
    api = wsApi({
      url: rpcUrl(),
      onState: (state) => useConnection.getState().set(state),
      onReconnect: () => reconnectListeners.forEach((l) => l()),
    });
  }
  return api;
}
