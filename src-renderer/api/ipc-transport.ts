// Electron: the preload bridge answers every call with an IpcResult envelope; unwrap it here so the
// rest of the renderer sees one BoardroomApi whichever host it runs in.
import type { BoardroomApi, EventName, Events, HandlerName, Input, Output } from '../../src-shared/contract';
import type { IpcResult } from '../../src-shared/wire';
import { apiErrorOf } from './api-error';

export interface PreloadBridge {
  call(name: string, input: unknown): Promise<IpcResult>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export function ipcApi(bridge: PreloadBridge): BoardroomApi {
  return {
    async call<K extends HandlerName>(name: K, input: Input<K>): Promise<Output<K>> {
      const result = await bridge.call(name, input);
      if (result.ok) return result.output as Output<K>;
      throw apiErrorOf(result.error);
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      return bridge.on(event, listener as (payload: unknown) => void);
    },
  };
}
