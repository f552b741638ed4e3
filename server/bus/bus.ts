// The bus carries short notices between server processes: "doc X has a new update at seq N",
// "membership of room R changed", awareness batches. It is a doorbell, never the data: whatever a
// notice points at is read from Postgres, so a lost message costs latency only.
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';

export interface Bus {
  publish(channel: string, message: string): Promise<void>;
  /** Handlers hear messages published by every process, this one included. */
  subscribe(channel: string, handler: (message: string) => void): Promise<void>;
  close(): Promise<void>;
}

/** One process: messages go round an EventEmitter, delivered asynchronously like Redis would. */
export function localBus(): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(channel, message) {
      setImmediate(() => emitter.emit(channel, message));
    },
    async subscribe(channel, handler) {
      emitter.on(channel, handler);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** Redis pub/sub; every channel is prefixed so several deployments (or test files) share one Redis. */
export async function redisBus(url: string, prefix: string): Promise<Bus> {
  const options = { lazyConnect: true, maxRetriesPerRequest: 3, enableAutoPipelining: true };
  const publisher = new Redis(url, options);
  const subscriber = new Redis(url, options);
  // ioredis reconnects by itself; errors while it does must not crash the process.
  publisher.on('error', () => undefined);
  subscriber.on('error', () => undefined);
  await Promise.all([publisher.connect(), subscriber.connect()]);
  const handlers = new Map<string, Array<(message: string) => void>>();
  subscriber.on('message', (channel: string, message: string) => {
    for (const handler of handlers.get(channel) ?? []) handler(message);
  });
  return {
    async publish(channel, message) {
      await publisher.publish(prefix + channel, message);
    },
    async subscribe(channel, handler) {
      const full = prefix + channel;
      const list = handlers.get(full) ?? [];
      list.push(handler);
      handlers.set(full, list);
      if (list.length === 1) await subscriber.subscribe(full);
    },
    async close() {
      handlers.clear();
      subscriber.disconnect();
      await publisher.quit().catch(() => publisher.disconnect());
    },
  };
}
