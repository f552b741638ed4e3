// Electron preload: exposes the contract's two verbs as window.boardroom, and nothing else.
// Sandboxed preloads run as CommonJS with a tiny require (electron, events, timers, url), so this
// file imports only electron and types; the build bundles it to out/preload/index.cjs.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventName, Events } from '../src-shared/contract.js';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL, type IpcResult, type WireEvent } from '../src-shared/wire.js';

/** `window.boardroom` under Electron. Errors cross as data: `call` resolves to an IpcResult, never rejects on a refused call. */
export interface BoardroomBridge {
  call(method: string, input: unknown): Promise<IpcResult>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

const bridge: BoardroomBridge = {
  call: (method, input) => ipcRenderer.invoke(IPC_CHANNEL, method, input) as Promise<IpcResult>,
  on(event, listener) {
    if (typeof listener !== 'function') throw new TypeError('boardroom.on needs a listener function');
    // The IpcRendererEvent stays here: handing it to the page would leak ipcRenderer itself.
    const forward = (_event: IpcRendererEvent, message: WireEvent) => {
      if (message?.event === event) listener(message.payload as Events[typeof event]);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('boardroom', bridge);
