// A small Chrome DevTools Protocol client over the browser's WebSocket, for what Playwright does not reach:
// the real toolbar popup, the devtools frontend and the extension's panel inside it (out-of-process iframes).
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  title: string;
}

export interface CdpEvent {
  method: string;
  params: any;
  sessionId?: string;
}

/** One network request seen by any attached target, with the target that made it. */
export interface RecordedRequest {
  url: string;
  /** The document the request is for (an extension frame's own loads are made through its parent's target). */
  documentUrl: string;
  /** The target that made it (page, iframe, worker, service_worker); its URL is kept current. */
  target: TargetInfo;
}

/** One console message the browser itself logged for a target (CSP violations, failed loads, uncaught errors). */
export interface RecordedLogEntry {
  source: string;
  level: string;
  text: string;
  /** The target that logged it; its URL is kept current. */
  target: TargetInfo;
}

/** Reads DevToolsActivePort / UIDevToolsActivePort that Chromium writes into its profile when given port 0. */
export async function readActivePort(userDataDir: string, file: 'DevToolsActivePort' | 'UIDevToolsActivePort'): Promise<string[]> {
  const path = join(userDataDir, file);
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (existsSync(path)) {
      const lines = readFileSync(path, 'utf8').trim().split('\n');
      if (lines[0]) return lines;
    }
    await sleep(100);
  }
  throw new Error(`Chromium did not write ${file} in 15 s`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A WebSocket JSON-RPC client in CDP's flat-session style (also speaks Chromium's UI DevTools protocol). */
export class CdpClient {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(value: any): void; reject(error: Error): void; method: string; sessionId?: string }>();
  private readonly listeners = new Set<(event: CdpEvent) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.id !== undefined) {
        const call = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (!call) return;
        if (message.error) call.reject(new Error(`${call.method}: ${message.error.message}${message.error.data ? ` (${message.error.data})` : ''}`));
        else call.resolve(message.result);
      } else {
        for (const listener of this.listeners) listener(message);
      }
    });
    socket.on('close', () => {
      for (const call of this.pending.values()) call.reject(new Error(`${call.method}: connection closed`));
      this.pending.clear();
    });
  }

  static async connect(url: string): Promise<CdpClient> {
    const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new CdpClient(socket);
  }

  /** Sends a command; one that gets no answer in `timeoutMs` fails with its name rather than hanging the test. */
  send<T = any>(method: string, params: object = {}, sessionId?: string, timeoutMs = 30_000): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer in ${timeoutMs / 1000} s`));
      }, timeoutMs);
      const settle = <A extends unknown[]>(done: (...args: A) => void) => (...args: A) => {
        clearTimeout(timer);
        done(...args);
      };
      this.pending.set(id, { resolve: settle(resolve), reject: settle(reject), method, ...(sessionId ? { sessionId } : {}) });
      this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  /**
   * Fails the commands still waiting on a session that has ended. Chromium never answers them: a target that goes away
   * mid-command (the popup closing as the permission prompt its click opened takes focus) takes their replies along.
   */
  sessionEnded(sessionId: string): void {
    for (const [id, call] of this.pending) {
      if (call.sessionId !== sessionId) continue;
      this.pending.delete(id);
      call.reject(new Error(`${call.method}: Target closed`));
    }
  }

  on(listener: (event: CdpEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.socket.close();
  }
}

/**
 * The browser-wide CDP connection: attaches to every page, iframe, worker and service worker (recursively, paused
 * on start so nothing runs before the Network domain is on), records their network requests and the browser's own
 * console messages (Log domain: CSP violations among them), and hands out sessions for targets by URL.
 */
export class BrowserCdp {
  /** sessionId -> the target it is attached to (URL kept current). */
  readonly sessions = new Map<string, TargetInfo>();
  readonly requests: RecordedRequest[] = [];
  readonly logEntries: RecordedLogEntry[] = [];
  /** Every target ever attached (and so recorded), URLs kept current. */
  readonly attached: TargetInfo[] = [];
  private readonly attaching = new Set<string>();

  private constructor(readonly client: CdpClient) {}

  static async connect(userDataDir: string): Promise<BrowserCdp> {
    const [port, path] = await readActivePort(userDataDir, 'DevToolsActivePort');
    const browser = new BrowserCdp(await CdpClient.connect(`ws://127.0.0.1:${port}${path}`));
    browser.client.on((event) => browser.handle(event));
    await browser.client.send('Target.setDiscoverTargets', { discover: true });
    await browser.client.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
    // Targets that started before we connected, and ones browser-level auto-attach leaves out (devtools frontends).
    const { targetInfos } = await browser.client.send<{ targetInfos: TargetInfo[] }>('Target.getTargets');
    for (const target of targetInfos) browser.maybeAttach(target);
    return browser;
  }

  private handle({ method, params, sessionId }: CdpEvent): void {
    if (process.env.DEBUG_CDP && method.startsWith('Target.')) console.log(Date.now() % 100000, sessionId ?? '-', method, params.sessionId ?? '', params.targetInfo ? `${params.targetInfo.type} ${params.targetInfo.url.slice(0, 80)} ${params.targetInfo.targetId.slice(0, 8)} waiting=${params.waitingForDebugger}` : params.targetId?.slice(0, 8) ?? '');
    switch (method) {
      case 'Target.attachedToTarget':
        void this.setUpSession(params.sessionId, params.targetInfo, params.waitingForDebugger);
        break;
      case 'Target.detachedFromTarget':
        this.endSession(params.sessionId);
        break;
      case 'Target.targetDestroyed':
        for (const [id, target] of this.sessions) if (target.targetId === params.targetId) this.endSession(id);
        break;
      case 'Target.targetCreated':
      case 'Target.targetInfoChanged': {
        const info: TargetInfo = params.targetInfo;
        for (const target of this.sessions.values()) if (target.targetId === info.targetId) Object.assign(target, { url: info.url, title: info.title, type: info.type });
        this.maybeAttach(info);
        break;
      }
      case 'Log.entryAdded': {
        const target = (sessionId && this.sessions.get(sessionId)) || { targetId: '', type: 'unknown', url: '', title: '' };
        this.logEntries.push({ source: params.entry.source, level: params.entry.level, text: params.entry.text, target });
        break;
      }
      case 'Network.requestWillBeSent': {
        const target = (sessionId && this.sessions.get(sessionId)) || { targetId: '', type: 'unknown', url: '', title: '' };
        this.requests.push({ url: params.request.url, documentUrl: params.documentURL ?? '', target });
        break;
      }
    }
  }

  private endSession(sessionId: string): void {
    this.sessions.delete(sessionId);
    this.client.sessionEnded(sessionId);
  }

  /** Extension pages and workers and devtools frontends are attached even where auto-attach does not reach them. */
  private maybeAttach(target: TargetInfo & { attached?: boolean }): void {
    const interesting = target.url.startsWith('chrome-extension://') || target.url.startsWith('devtools://');
    const attachable = ['page', 'iframe', 'worker', 'service_worker', 'shared_worker'].includes(target.type);
    if (!interesting || !attachable || this.attaching.has(target.targetId)) return;
    if ([...this.sessions.values()].some((session) => session.targetId === target.targetId)) return;
    this.attaching.add(target.targetId);
    this.client.send('Target.attachToTarget', { targetId: target.targetId, flatten: true }).catch(() => this.attaching.delete(target.targetId));
  }

  private async setUpSession(sessionId: string, targetInfo: TargetInfo, waiting: boolean): Promise<void> {
    const target = { ...targetInfo };
    this.sessions.set(sessionId, target);
    this.attached.push(target);
    this.attaching.add(targetInfo.targetId);
    const send = (method: string, params: object = {}) => this.client.send(method, params, sessionId).catch(() => undefined);
    // Sent back to back, not one after the other's answer: a session handles its commands in order, and a paused
    // target must not wait on a slow answer to be resumed.
    await Promise.all([
      send('Network.enable'),
      send('Log.enable'),
      ...(['page', 'iframe'].includes(targetInfo.type) ? [send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true })] : []),
      ...(waiting ? [send('Runtime.runIfWaitingForDebugger')] : []),
    ]);
  }

  /** The session of an attached target whose URL matches, waiting for it to appear. */
  async waitForSession(matches: (target: TargetInfo) => boolean, what: string, timeoutMs = 15_000): Promise<RemotePage> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const [sessionId, target] of this.sessions) if (matches(target)) return new RemotePage(this.client, sessionId, target);
      await sleep(50);
    }
    throw new Error(`No ${what} target appeared in ${timeoutMs / 1000} s; attached: ${[...this.sessions.values()].map((t) => `${t.type} ${t.url}`).join(', ')}`);
  }

  hasSession(matches: (target: TargetInfo) => boolean): boolean {
    return [...this.sessions.values()].some(matches);
  }

  close(): void {
    this.client.close();
  }
}

/** One attached page or frame, driven with real input events. */
export class RemotePage {
  constructor(
    readonly client: CdpClient,
    readonly sessionId: string,
    readonly target: TargetInfo,
  ) {}

  send<T = any>(method: string, params: object = {}): Promise<T> {
    return this.client.send<T>(method, params, this.sessionId);
  }

  /** Runs `fn(...args)` in the page and returns its (JSON) result. */
  evaluate<R, A extends unknown[]>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R> {
    return this.evaluateExpression(`(${fn.toString()})(...${JSON.stringify(args)})`);
  }

  /** Runs an expression in the page (CDP is not bound by the page's CSP; the page's own eval would be). */
  async evaluateExpression<R>(expression: string): Promise<R> {
    const { result, exceptionDetails } = await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(`In ${this.target.url}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as R;
  }

  /** Polls `fn(...args)` in the page until it returns a truthy value; the error shows the last value seen. */
  waitFor<R, A extends unknown[]>(what: string, fn: (...args: A) => R, args: A, timeoutMs = 15_000): Promise<NonNullable<R>> {
    return this.waitForExpression(what, `(${fn.toString()})(...${JSON.stringify(args)})`, timeoutMs);
  }

  async waitForExpression<R>(what: string, expression: string, timeoutMs = 15_000): Promise<NonNullable<R>> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
      try {
        last = await this.evaluateExpression(expression);
        if (last) return last as NonNullable<R>;
      } catch (error) {
        last = error;
      }
      await sleep(50);
    }
    throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what} in ${this.target.url}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
  }

  /**
   * A real mouse click (move, press, release) at page coordinates. A page that closes in answer to the click (a
   * popup losing focus to a browser prompt) may not live to acknowledge the release: that is not an error.
   */
  async clickAt(x: number, y: number): Promise<void> {
    await this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y });
    await this.send('Input.dispatchMouseEvent', { type: 'mousePressed', x, y, button: 'left', clickCount: 1 });
    await this.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x, y, button: 'left', clickCount: 1 }).catch((error: Error) => {
      if (!/Session with given id not found|connection closed|Target closed/.test(error.message)) throw error;
    });
  }

  /** Clicks the centre of the element `find(...args)` returns (scrolled into view first), waiting for it. */
  async click<A extends unknown[]>(what: string, find: (...args: A) => Element | null | undefined, ...args: A): Promise<void> {
    const centre = (element: Element | null | undefined) => {
      if (!element) return null;
      element.scrollIntoView({ block: 'center', inline: 'center' });
      const rect = element.getBoundingClientRect();
      return rect.width > 0 && rect.height > 0 ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
    };
    const box = await this.waitForExpression<{ x: number; y: number }>(what, `(${centre.toString()})((${find.toString()})(...${JSON.stringify(args)}))`);
    await this.clickAt(box.x, box.y);
  }

  /** Types into the focused element as a keyboard would (one input event per insertion). */
  async type(text: string): Promise<void> {
    await this.send('Input.insertText', { text });
  }

  async emulateColorScheme(scheme: 'light' | 'dark'): Promise<void> {
    await this.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: scheme }] });
  }

  /**
   * A PNG of the page (or `clip` of it). Capturing waits for the compositor's next frame; headless Chromium sometimes
   * holds back frames of the devtools window for many seconds, so a capture that hangs is retried a few times.
   */
  async screenshot(path: string, clip?: { x: number; y: number; width: number; height: number }): Promise<Buffer> {
    const params = { format: 'png', ...(clip ? { clip: { ...clip, scale: 1 } } : {}) };
    let lastError: unknown;
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        const { data } = await this.client.send<{ data: string }>('Page.captureScreenshot', params, this.sessionId, 10_000);
        const png = Buffer.from(data, 'base64');
        await writeFile(path, png);
        return png;
      } catch (error) {
        lastError = error;
        await this.send('Page.bringToFront').catch(() => undefined);
      }
    }
    throw lastError;
  }
}
