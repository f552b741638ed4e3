// Headless host: the contract over one WebSocket. Calls made while disconnected wait for the next
// connection; calls in flight when the socket drops are rejected, because nobody can tell whether
// the host committed them (the UI then refetches what it shows).
import type { BoardroomApi, EventName, Events, HandlerName, Input, Output } from '../../src-shared/contract';
import type { WireEvent, WireRequest, WireResponse } from '../../src-shared/wire';
import { ApiError, apiErrorOf } from './api-error';
import type { ConnectionState } from './connection';

interface Pending {
  resolve(output: unknown): void;
  reject(error: Error): void;
}

export interface WsTransportOptions {
  url: string;
  onState(state: ConnectionState): void;
  /** Called after a reconnect: events may have been missed, so everything on screen is stale. */
  onReconnect(): void;
  /** Backoff cap in ms (DESIGN: 30 s). */
  maxDelayMs?: number;
}

export function wsApi(options: WsTransportOptions): BoardroomApi {
  const pending = new Map<number, Pending>();
  const queue: WireRequest[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let attempt = 0;
  let everOpened = false;

  function connect(): void {
    const ws = new WebSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      const reconnected = everOpened;
      everOpened = true;
      attempt = 0;
      options.onState('open');
      for (const request of queue.splice(0)) ws.send(JSON.stringify(request));
      if (reconnected) options.onReconnect();
    };
    ws.onmessage = (message) => receive(String(message.data));
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(
          new ApiError('internal', 'The connection to the Boardroom host dropped before it answered; check the change and try again.'),
        );
      }
      options.onState('lost');
      const delay = Math.min(options.maxDelayMs ?? 30_000, 250 * 2 ** attempt) * (0.5 + Math.random() / 2);
      attempt++;
      setTimeout(connect, delay);
    };
  }

  function receive(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message === null || typeof message !== 'object') return;
    if ('event' in message) {
      const { event, payload } = message as WireEvent;
      for (const listener of listeners.get(event) ?? []) listener(payload);
      return;
    }
    const response = message as WireResponse;
    const p = pending.get(response.id);
    if (!p) return;
    pending.delete(response.id);
    if (response.ok) p.resolve(response.output);
    else p.reject(apiErrorOf(response.error));
  }

  function send(request: WireRequest): void {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(request));
    else queue.push(request);
  }

  connect();

  return {
    call<K extends HandlerName>(name: K, input: Input<K>): Promise<Output<K>> {
      const id = nextId++;
      return new Promise<Output<K>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (output: unknown) => void, reject });
        send({ id, method: name, input });
      });
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
  };
}
