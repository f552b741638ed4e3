// The e2e fixture: a real headless host (src-main/host/main.ts) on a fresh temp data dir per test,
// started as its own node process so a test can kill -9 it and start it again on the same data.
import { test as base, expect, type Page } from '@playwright/test';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const READY = /Boardroom host listening on (http:\/\/\S+\/)/;

export interface Host {
  /** e.g. http://127.0.0.1:40123/ — changes on every (re)start. */
  readonly url: string;
  readonly dataDir: string;
  /** The host process itself (not a wrapper), so signals reach it. */
  readonly pid: number;
  /** Everything the host printed so far. */
  output(): string;
  /** Sends a signal and waits until the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts a new host process on the same data dir (after kill). */
  restart(): Promise<void>;
}

interface Running {
  child: ChildProcess;
  url: string;
  exited: Promise<void>;
}

function launch(dataDir: string, log: { text: string }, extraArgs: string[] = []): Promise<Running> {
  // `node --import tsx` runs the host in this very process; the tsx CLI would fork a child.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/host/main.ts', '--data-dir', dataDir, '--port', '0', ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise<Running>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start within 30 s:\n${log.text}`)), 30_000);
    const onData = (chunk: Buffer) => {
      log.text += chunk.toString();
      const match = READY.exec(log.text.slice(log.text.lastIndexOf('Boardroom host listening')));
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (log.text += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with code ${code} before it was ready:\n${log.text}`));
    });
  });
}

export async function startHost(dataDir: string, extraArgs: string[] = []): Promise<Host & { stop(): Promise<void> }> {
  const log = { text: '' };
  let running = await launch(dataDir, log, extraArgs);
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (running.child.exitCode !== null || running.child.signalCode !== null) return;
    running.child.kill(signal);
    await running.exited;
  };
  return {
    get url() {
      return running.url;
    },
    dataDir,
    get pid() {
      return running.child.pid!;
    },
    output: () => log.text,
    kill,
    async restart() {
      await kill('SIGTERM');
      running = await launch(dataDir, log, extraArgs);
    },
    async stop() {
      const stopped = kill('SIGTERM');
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5_000));
      if ((await Promise.race([stopped.then(() => 'ok' as const), timeout])) === 'timeout') await kill('SIGKILL');
    },
  };
}

/** Fills a new data dir with the demo workspace plus a boardroom of `meetings` meetings. */
export async function seedLarge(dataDir: string, meetings: number): Promise<void> {
  await promisify(execFile)('npm', ['run', 'seed:large', '--', '--data-dir', dataDir, '--meetings', String(meetings)], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
}

export const test = base.extend<{ largeRoomMeetings: number; host: Host }>({
  /** Set with test.use() to start the host on a workspace seeded by `npm run seed:large`. */
  largeRoomMeetings: [0, { option: true }],
  host: async ({ largeRoomMeetings }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'boardroom-e2e-'));
    if (largeRoomMeetings > 0) await seedLarge(dataDir, largeRoomMeetings);
    const host = await startHost(dataDir);
    try {
      await use(host);
    } finally {
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect };

/** Opens the app and waits for the boardroom list. */
export async function openHome(page: Page, host: Host): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByTestId('boardroom-row').first()).toBeVisible();
}

/** The row of the boardroom named `name` on the home list. */
export const boardroomRow = (page: Page, name: string) =>
  page.getByTestId('boardroom-row').filter({ has: page.getByTestId('boardroom-name').getByText(name, { exact: true }) });

/** Opens a boardroom from the home list. */
export async function openBoardroom(page: Page, host: Host, name: string): Promise<void> {
  await openHome(page, host);
  await boardroomRow(page, name).getByTestId('boardroom-open').click();
  await expect(page.getByTestId('room-title')).toContainText(name);
}

/** Opens the first meeting of a boardroom's upcoming or past list. */
export async function openFirstMeeting(page: Page, when: 'upcoming' | 'past' = 'upcoming'): Promise<string> {
  await page.getByTestId(`tab-${when}`).click();
  const first = page.getByTestId('meeting-row').first();
  await expect(first).toBeVisible();
  const title = (await first.getByTestId('meeting-row-title').textContent()) ?? '';
  await first.getByTestId('meeting-row-title').click();
  await expect(page.getByTestId('meeting-title')).toHaveText(title);
  return title;
}

/** Waits until the screen's save indicator says the host has committed every change. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
}

/**
 * Sends one raw request over a fresh WebSocket from inside the page, the way a buggy or hostile
 * renderer could, and returns the host's answer.
 */
export async function rawCall(page: Page, method: string, input: unknown): Promise<{ ok: boolean; output?: unknown; error?: { code: string; message: string } }> {
  return page.evaluate(
    ([method, input]) =>
      new Promise((resolve, reject) => {
        const token = document.querySelector<HTMLMetaElement>('meta[name="boardroom-token"]')!.content;
        const ws = new WebSocket(`ws://${location.host}/rpc?token=${encodeURIComponent(token)}`);
        ws.onerror = () => reject(new Error('websocket error'));
        ws.onopen = () => ws.send(JSON.stringify({ id: 1, method, input }));
        ws.onmessage = (m) => {
          const data = JSON.parse(String(m.data));
          if (data.id !== 1) return;
          ws.close();
          resolve(data);
        };
      }),
    [method, input] as const,
  );
}

/** The titles of the agenda items, in order (inputs for editors, text for observers). */
export async function agendaTitles(page: Page): Promise<string[]> {
  return page
    .getByTestId('agenda-title')
    .evaluateAll((els) => els.map((el) => (el instanceof HTMLInputElement ? el.value : (el.textContent ?? ''))));
}

/** A datetime-local value `ms` from now, in the browser's time zone (with seconds). */
export async function localDateTimeFromNow(page: Page, ms: number): Promise<{ value: string; at: number }> {
  return page.evaluate((offset) => {
    const at = Math.floor((Date.now() + offset) / 1000) * 1000;
    const d = new Date(at);
    const p = (n: number) => String(n).padStart(2, '0');
    const value = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
    return { value, at };
  }, ms);
}
