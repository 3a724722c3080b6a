// Drives a real Firefox through its built-in WebDriver BiDi server (no geckodriver needed).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

export const FIREFOX_BIN = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';

/** Why Firefox cannot run here, or null when it can. */
export function firefoxUnavailableReason(): string | null {
  const probe = spawnSync(FIREFOX_BIN, ['--version'], { encoding: 'utf8' });
  if (probe.error) return `${FIREFOX_BIN} is missing (apt-get install firefox-esr)`;
  if (probe.status !== 0) return `${FIREFOX_BIN} --version failed: ${probe.stderr.trim()}`;
  return null;
}

/** A BiDi remote value as the protocol serializes it (only the shapes the tests read). */
export type RemoteValue =
  | { type: 'undefined' | 'null' }
  | { type: 'string'; value: string }
  | { type: 'number'; value: number | string }
  | { type: 'boolean'; value: boolean }
  | { type: 'array'; value: RemoteValue[] }
  | { type: 'object'; value: [string | RemoteValue, RemoteValue][] }
  | { type: string; value?: unknown; sharedId?: string; handle?: string };

/** Turns a serialized BiDi value back into plain JSON-like data. */
export function fromRemote(remote: RemoteValue): unknown {
  switch (remote.type) {
    case 'undefined':
    case 'null':
      return remote.type === 'null' ? null : undefined;
    case 'string':
    case 'boolean':
      return remote.value;
    case 'number':
      return typeof remote.value === 'number' ? remote.value : Number(remote.value);
    case 'array':
      return (remote.value as RemoteValue[]).map(fromRemote);
    case 'object':
      return Object.fromEntries(
        (remote.value as [string | RemoteValue, RemoteValue][]).map(([key, value]) => [typeof key === 'string' ? key : String(fromRemote(key)), fromRemote(value)]),
      );
    default:
      return remote;
  }
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  method: string;
}

/** One WebDriver BiDi session over a websocket. */
export class BiDiSession {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(method: string, params: Record<string, unknown>) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; type: string; result?: unknown; error?: string; message?: string; method?: string; params?: Record<string, unknown> };
      if (message.type === 'event') {
        for (const listener of this.listeners) listener(message.method!, message.params!);
        return;
      }
      const pending = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id!);
      if (message.type === 'error') pending.reject(new Error(`${pending.method}: ${message.error}: ${message.message}`));
      else pending.resolve(message.result);
    });
    socket.on('close', () => {
      for (const pending of this.pending.values()) pending.reject(new Error(`${pending.method}: the BiDi connection closed`));
      this.pending.clear();
    });
  }

  static async connect(url: string): Promise<BiDiSession> {
    const socket = new WebSocket(`${url}/session`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const session = new BiDiSession(socket);
    await session.send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } });
    return session;
  }

  /** Sends a command and waits for its result (a command that hangs fails after `timeout` ms). */
  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, timeout = 30_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer in ${timeout} ms`));
      }, timeout);
      const settle = <V>(done: (value: V) => void) => (value: V) => {
        clearTimeout(timer);
        done(value);
      };
      this.pending.set(id, { resolve: settle(resolve as (result: unknown) => void), reject: settle(reject), method });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  onEvent(listener: (method: string, params: Record<string, unknown>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs `functionDeclaration` in a browsing context (a tab, or a chrome window with system access) and returns its
   * awaited result as plain data; a thrown exception becomes an Error here.
   */
  async call<T = unknown>(context: string, functionDeclaration: string, args: unknown[] = [], options: { userActivation?: boolean } = {}): Promise<T> {
    const result = await this.send<{ type: 'success' | 'exception'; result?: RemoteValue; exceptionDetails?: { text: string } }>('script.callFunction', {
      functionDeclaration,
      target: { context },
      arguments: args.map(toLocal),
      awaitPromise: true,
      userActivation: options.userActivation ?? false,
      resultOwnership: 'none',
    });
    if (result.type === 'exception') throw new Error(`script failed in ${context}: ${result.exceptionDetails?.text}`);
    return fromRemote(result.result!) as T;
  }

  close(): void {
    this.socket.close();
  }
}

function toLocal(value: unknown): unknown {
  if (value === undefined) return { type: 'undefined' };
  if (value === null) return { type: 'null' };
  if (typeof value === 'string') return { type: 'string', value };
  if (typeof value === 'number') return { type: 'number', value };
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (Array.isArray(value)) return { type: 'array', value: value.map(toLocal) };
  return { type: 'object', value: Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, toLocal(item)]) };
}

export interface FirefoxOptions {
  /** Extra prefs for the fresh profile's user.js. */
  prefs?: Record<string, string | number | boolean>;
}

export interface RunningFirefox {
  bidi: BiDiSession;
  profileDir: string;
  close(): Promise<void>;
}

/**
 * Starts firefox-esr headless with a fresh profile, its WebDriver BiDi server on a free port and system access
 * (chrome-scope scripts: the tests accept Firefox's own permission prompt and open private windows through it).
 */
export async function launchFirefox(options: FirefoxOptions = {}): Promise<RunningFirefox> {
  const profileDir = mkdtempSync(join(tmpdir(), 'session-lens-firefox-'));
  const prefs = {
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    ...options.prefs,
  };
  writeFileSync(join(profileDir, 'user.js'), Object.entries(prefs).map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});\n`).join(''));
  const child = spawn(FIREFOX_BIN, ['--headless', '--no-remote', '--profile', profileDir, '--remote-debugging-port=0', '--remote-allow-system-access', 'about:blank'], {
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1', MOZ_DISABLE_AUTO_SAFE_MODE: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Firefox did not start its BiDi server in 30 s:\n${stderr.slice(-2000)}`)), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Firefox exited with ${code}:\n${stderr.slice(-2000)}`));
    });
    createInterface({ input: child.stderr! }).on('line', (line) => {
      stderr += `${line}\n`;
      const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  }).catch(async (error: unknown) => {
    await stop(child);
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  });
  const bidi = await BiDiSession.connect(url);
  return {
    bidi,
    profileDir,
    async close() {
      await bidi.send('session.end').catch(() => undefined);
      bidi.close();
      await stop(child);
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
