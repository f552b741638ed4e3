// The orchestrator's handle on bench/peers/load.ts: starts it with an IPC channel, sends commands and
// waits for their replies (each with a timeout), and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadCommand, LoadReply } from './load-protocol.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

type CommandBody = LoadCommand extends infer C ? (C extends LoadCommand ? Omit<C, 'id'> : never) : never;

export class LoadProcess {
  private readonly child: ChildProcess;
  private next = 1;
  private output = '';
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; onWindow?: (edge: 'start' | 'end') => void }>();

  constructor(maxMs: number) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'bench/peers/load.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, LOAD_MAX_MS: String(maxMs) },
    });
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-4000));
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.child.on('message', (message: LoadReply) => {
      if ('type' in message) return this.pending.get(message.id)?.onWindow?.(message.edge);
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.result);
      else waiter?.reject(new Error(`load process: ${message.error}`));
    });
    this.child.once('exit', (code, signal) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`load process exited (${code ?? signal}):\n${this.output}`));
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  request<T>(command: CommandBody, timeoutMs: number, onWindow?: (edge: 'start' | 'end') => void): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`load process: ${command.type} did not answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
        onWindow,
      });
      this.child.send({ ...command, id });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
