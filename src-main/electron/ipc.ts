// The Electron transport of the contract: one invoke channel in, one event channel out.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL, type IpcResult } from '../../src-shared/wire.js';
import type { AppCore } from '../app.js';
import { isTrustedSender, type SenderFrame } from './origin.js';

/**
 * Registers the handler before the window loads, so the first call cannot race it. Returns a
 * function that unregisters both directions.
 */
export function serveContract(core: AppCore, appWindow: () => BrowserWindow | null, appOrigin: string): () => void {
  ipcMain.handle(IPC_CHANNEL, async (event, method: unknown, input: unknown): Promise<IpcResult> => {
    if (!isTrustedSender(senderOf(event, appWindow()), appOrigin)) {
      console.warn(`Refused IPC call ${String(method).slice(0, 80)} from ${event.senderFrame?.url ?? 'a closed frame'}.`);
      return { ok: false, error: { code: 'forbidden', message: 'Only the Boardroom window may call the app.' } };
    }
    // dispatch validates the method name and input against the contract and never throws.
    return core.dispatch(typeof method === 'string' ? method : String(method), input);
  });

  const unsubscribe = core.subscribe((wireEvent) => {
    const window = appWindow();
    if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, wireEvent);
  });

  return () => {
    ipcMain.removeHandler(IPC_CHANNEL);
    unsubscribe();
  };
}

function senderOf(event: IpcMainInvokeEvent, window: BrowserWindow | null): SenderFrame | null {
  const frame = event.senderFrame;
  if (!frame || !window || window.isDestroyed()) return null;
  return { url: frame.url, isAppMainFrame: event.sender === window.webContents && frame.parent === null };
}
