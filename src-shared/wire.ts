// Messages of the headless host's WebSocket transport (the Electron transport uses IPC instead).
import type { ErrorBody } from './errors.js';
import type { EventName, Events } from './contract.js';

export interface WireRequest {
  id: number;
  method: string;
  input: unknown;
}

export type WireResponse = { id: number; ok: true; output: unknown } | { id: number; ok: false; error: ErrorBody };

export interface WireEvent<E extends EventName = EventName> {
  event: E;
  payload: Events[E];
}

/** Electron IPC result envelope: errors cross as data so their code and message survive. */
export type IpcResult = { ok: true; output: unknown } | { ok: false; error: ErrorBody };

export const IPC_CHANNEL = 'boardroom:call';
export const IPC_EVENT_CHANNEL = 'boardroom:event';
