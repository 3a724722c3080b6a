import { browser } from 'wxt/browser';
import { readTabCookiesUpdate, TAB_COOKIES_PORT, type TabCookiesUpdate, type WatchTab } from './tab-channel';

/**
 * One tab watched through the background: its cookies and their reports, now and whenever they change. Connects at
 * once, so a page can start it before its views load (a stopped background starts meanwhile), and reconnects if the
 * background restarts (an MV3 service worker may be stopped). The latest update is kept for a listener that comes later.
 */
export class TabWatch {
  private latest: TabCookiesUpdate | null = null;
  private listener: ((update: TabCookiesUpdate) => void) | null = null;
  private port: ReturnType<typeof browser.runtime.connect> | null = null;
  private closed = false;

  constructor(
    readonly tabId: number,
    readonly url?: string,
  ) {
    this.connect();
  }

  /** Calls `listener` with the latest update (if one came) and every later one, instead of any earlier listener. */
  listen(listener: (update: TabCookiesUpdate) => void): void {
    this.listener = listener;
    if (this.latest) listener(this.latest);
  }

  close(): void {
    this.closed = true;
    this.listener = null;
    this.port?.disconnect();
  }

  private connect(): void {
    const port = browser.runtime.connect({ name: TAB_COOKIES_PORT });
    this.port = port;
    port.onMessage.addListener((message) => {
      const update = readTabCookiesUpdate(message);
      if (!update) return;
      this.latest = update;
      this.listener?.(update);
    });
    port.onDisconnect.addListener(() => {
      if (!this.closed) setTimeout(() => this.connect(), 200);
    });
    port.postMessage({ type: 'watch', tabId: this.tabId, ...(this.url ? { url: this.url } : {}) } satisfies WatchTab);
  }
}
