#!/usr/bin/env node
// `npm start`: the Electron app where Electron can run, otherwise the headless host in a browser.
// Plain Node with no dependencies, because it runs before anything is installed or built.
// The decisions are pure exported functions (tested in launch.test.mjs); main() does the I/O.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const INSTALL_TIMEOUT_MS = 60_000;
/** Only mention the download when it is slow: a quick failure then prints just the one reason line. */
const DOWNLOAD_NOTICE_AFTER_MS = 3_000;
const FORWARDED_SIGNALS = process.platform === 'win32' ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Electron needs a display server on Linux; macOS and Windows always have one. */
export function hasDisplay(platform, env) {
  return platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Try the download only when Electron could then actually open a window. */
export function shouldDownload({ forceHeadless, display, binaryPresent }) {
  return !forceHeadless && display && !binaryPresent;
}

/** @returns {{ mode: 'electron' } | { mode: 'headless', reason: string }} */
export function decideLaunch({ forceHeadless, display, binaryPresent, downloadFailure }) {
  if (forceHeadless) return { mode: 'headless', reason: 'BOARDROOM_HEADLESS=1 is set' };
  if (!display) return { mode: 'headless', reason: 'Electron cannot open a window here (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  if (!binaryPresent) {
    return { mode: 'headless', reason: `Electron's binary could not be downloaded (${downloadFailure ?? 'no reason given'})` };
  }
  return { mode: 'electron' };
}

/** A few words on why electron/install.js failed, from its exit and output. */
export function summarizeInstallFailure({ timedOut, exitCode, output }) {
  if (timedOut) return `no answer within ${INSTALL_TIMEOUT_MS / 1000} s`;
  const text = String(output ?? '');
  const unresolved = /getaddrinfo (?:ENOTFOUND|EAI_AGAIN) (\S+)/.exec(text);
  if (unresolved) return `cannot resolve ${unresolved[1]}`;
  const network = /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|CERT_\w+|SELF_SIGNED_CERT\w*)\b/.exec(text);
  if (network) return `network error ${network[1]}`;
  const http = /(?:Response code|status code|HTTPError:?)\s*(\d{3})/i.exec(text);
  if (http) return `HTTP ${http[1]} from the download host`;
  if (/checksum|sha256/i.test(text) && /mismatch|match|invalid/i.test(text)) return 'checksum mismatch';
  const disk = /\b(EACCES|EPERM|ENOSPC|EROFS)\b/.exec(text);
  if (disk) return `cannot write node_modules/electron (${disk[1]})`;
  const firstError = text.split('\n').map((line) => line.trim()).find((line) => /error/i.test(line));
  if (firstError) return firstError.length > 100 ? `${firstError.slice(0, 97)}...` : firstError;
  return `the installer exited with code ${exitCode}`;
}

/** The host's URL from its "Boardroom host listening on http://... " line, once the URL has fully arrived. */
export function hostUrlIn(text) {
  const match = /Boardroom host listening on (https?:\/\/\S+)\s/.exec(text);
  return match ? match[1] : null;
}

/** How to open a URL in the default browser; null where that would not work. */
export function browserCommand(platform, env, url) {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // rundll32 hands the URL to the default browser without cmd.exe parsing "&" in a query string.
  if (platform === 'win32') return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
  // Without a display xdg-open can fall back to a terminal browser and take over this terminal.
  if (!hasDisplay(platform, env)) return null;
  return { command: 'xdg-open', args: [url] };
}

/** node_modules/electron's executable, or null when its binary was never downloaded. */
export function electronBinary(root, env = process.env) {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || join(root, 'node_modules', 'electron', 'dist');
  const binary = join(dist, relative);
  return existsSync(binary) ? binary : null;
}

async function main() {
  const env = process.env;
  if (!existsSync(join(ROOT, 'node_modules'))) {
    console.log('node_modules is missing: running npm ci first.');
    const code = await run(npmCommand(), ['ci']);
    if (code !== 0) return code;
  }

  const forceHeadless = env.BOARDROOM_HEADLESS === '1';
  const display = hasDisplay(process.platform, env);
  let binaryPresent = electronBinary(ROOT) !== null;
  let downloadFailure;
  if (shouldDownload({ forceHeadless, display, binaryPresent })) {
    const result = await downloadElectron();
    binaryPresent = electronBinary(ROOT) !== null;
    if (!binaryPresent) downloadFailure = summarizeInstallFailure(result);
  }

  const plan = decideLaunch({ forceHeadless, display, binaryPresent, downloadFailure });
  if (plan.mode === 'electron') {
    const electronEnv = { ...env };
    delete electronEnv.ELECTRON_RUN_AS_NODE; // set, it would make Electron a plain Node
    return run(npmCommand(), ['run', 'start:electron'], { env: electronEnv });
  }
  console.log(`${plan.reason}: starting the headless host in your browser instead.`);
  return startHeadless();
}

/** Runs electron/install.js (its postinstall, which allowScripts keeps npm from running). */
function downloadElectron() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'electron', 'install.js')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let timedOut = false;
    const collect = (chunk) => {
      output = (output + chunk).slice(-20_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const notice = setTimeout(() => console.log(`Downloading Electron's binary (giving up after ${INSTALL_TIMEOUT_MS / 1000} s)...`), DOWNLOAD_NOTICE_AFTER_MS);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, INSTALL_TIMEOUT_MS);
    const stopForwarding = forwardSignals(child);
    const done = (exitCode, error) => {
      clearTimeout(notice);
      clearTimeout(timer);
      stopForwarding();
      resolve({ timedOut, exitCode, output: error ? `${output}\n${error.message}` : output });
    };
    child.on('error', (error) => done(null, error));
    child.on('close', (code) => done(code));
  });
}

function startHeadless() {
  let opened = false;
  let recent = ''; // the line with the URL may arrive split across chunks
  return run(npmCommand(), ['run', 'start:web'], {
    onStdout(chunk) {
      process.stdout.write(chunk);
      if (opened) return;
      recent = (recent + chunk).slice(-2_000);
      const url = hostUrlIn(recent);
      if (url === null) return;
      opened = true;
      if (process.env.BOARDROOM_NO_BROWSER !== '1') openBrowser(url);
    },
  });
}

function openBrowser(url) {
  const browser = browserCommand(process.platform, process.env, url);
  if (browser === null) return;
  try {
    const child = spawn(browser.command, browser.args, { stdio: 'ignore', detached: true });
    child.on('error', () => {}); // no browser here: the URL is on screen already
    child.unref();
  } catch {
    // same: opening the browser is a convenience
  }
}

/**
 * Runs a command to completion with signals forwarded; resolves to its exit code. On POSIX the
 * child leads its own process group and signals go to the whole group: `npm run` -> sh -> tsx ->
 * node would otherwise stop at sh, which does not pass a forwarded SIGINT on.
 */
function run(command, args, { env = process.env, onStdout } = {}) {
  return new Promise((resolve) => {
    const posix = process.platform !== 'win32';
    // A background process group must not read the terminal (it would stop on SIGTTIN): no stdin.
    const stdio = [posix ? 'ignore' : 'inherit', onStdout ? 'pipe' : 'inherit', 'inherit'];
    const child = spawn(command, args, { cwd: ROOT, stdio, env, shell: !posix, detached: posix });
    if (onStdout) child.stdout.on('data', onStdout);
    const stopForwarding = forwardSignals(child, { group: posix });
    child.on('error', (error) => {
      stopForwarding();
      console.error(`Could not run ${command} ${args.join(' ')}: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      stopForwarding();
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** Forwards signals to the child (its whole group if it leads one); a second Ctrl+C kills it. */
function forwardSignals(child, { group = false } = {}) {
  let received = 0;
  const handlers = FORWARDED_SIGNALS.map((signal) => {
    const handler = () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      received += 1;
      const sent = received > 1 ? 'SIGKILL' : signal;
      try {
        if (group) process.kill(-child.pid, sent);
        else child.kill(sent);
      } catch {
        // already gone
      }
    };
    process.on(signal, handler);
    return [signal, handler];
  });
  return () => handlers.forEach(([signal, handler]) => process.off(signal, handler));
}

function npmCommand() {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error('npm start failed:', error);
      process.exitCode = 1;
    },
  );
}
