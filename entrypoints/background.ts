import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { readTabCookies } from '../lib/browser/tab-cookies';
import { decodedJarMessage, readDecodeTokensRequest, readWatchTab, TAB_COOKIES_PORT, tabCookiesMessage, type TabCookiesUpdate } from '../lib/browser/tab-channel';
import { decodeForSite, decodeTabCookies, watchDecodeSettings } from '../lib/browser/tab-reports';
import { readOpenPageRequest } from '../lib/browser/page-requests';
import { linkToTab } from '../lib/browser/tab-link';
import { domainApplies } from '../lib/browser/page-kind';
import { readPageStorage, readPageStorageRequest } from '../lib/browser/page-storage';
import { historyRecorder } from '../lib/browser/history-recorder';
import { watchSetCookieResponses } from '../lib/browser/set-cookie-responses';
import { forgetWrite, readForgetWriteRequest, readUndoWriteRequest, readWriteCookiesRequest, undoWrite, writeCookies } from '../lib/browser/cookie-write';

interface Watcher {
  port: Browser.runtime.Port;
  tabId: number;
  url?: string;
  /** Host of the tab's page, once known: cookie changes elsewhere are ignored. */
  host?: string;
  pending?: ReturnType<typeof setTimeout>;
  /** The reads and decodes for this page, one at a time. */
  turn: Promise<void>;
  /** A read is queued: it will see every change made before it starts. */
  queued?: boolean;
  /** Its tab's history is recorded: from the first reading that showed its cookies (after access was granted). */
  recording?: boolean;
}

/** Cookie changes come in bursts (a login sets several): one re-read per burst. */
const SETTLE_MS = 80;

export default defineBackground(() => {
  const watchers = new Set<Watcher>();
  const history = historyRecorder(() => [...watchers].map((watcher) => watcher.tabId));

  /** Reads and decodes the tab again, after the one under way: a page never gets an older state after a newer one. */
  function send(watcher: Watcher): void {
    if (watcher.queued) return;
    watcher.queued = true;
    watcher.turn = watcher.turn.catch(() => undefined).then(() => {
      watcher.queued = false;
      return readAndPost(watcher);
    });
  }

  async function readAndPost(watcher: Watcher): Promise<void> {
    const tab = await readTabCookies(watcher.tabId, watcher.url);
    watcher.host = tab.kind === 'cookies' || tab.kind === 'no-access' ? new URL(tab.url).hostname : undefined;
    if (tab.kind === 'cookies' && !watcher.recording) {
      // A page that reconnects may connect before its old port goes: the tab is recorded all along then.
      if (![...watchers].some((other) => other.recording && other.tabId === watcher.tabId)) history.watchStarted(watcher.tabId, tab);
      watcher.recording = true;
    }
    const post = (update: TabCookiesUpdate) => watcher.port.postMessage(tabCookiesMessage(update));
    try {
      if (tab.kind === 'cookies') await decodeTabCookies(tab, (decoded) => post({ type: 'tab-cookies', tab, decoded }));
      else post({ type: 'tab-cookies', tab });
    } catch {
      watchers.delete(watcher);
    }
  }

  function refresh(watcher: Watcher): void {
    clearTimeout(watcher.pending);
    watcher.pending = setTimeout(() => send(watcher), SETTLE_MS);
  }

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== TAB_COOKIES_PORT) return;
    port.onMessage.addListener((message) => {
      const watch = readWatchTab(message);
      if (!watch) return;
      const watcher: Watcher = { port, tabId: watch.tabId, ...(watch.url ? { url: watch.url } : {}), turn: Promise.resolve() };
      watchers.add(watcher);
      port.onDisconnect.addListener(() => {
        clearTimeout(watcher.pending);
        watchers.delete(watcher);
        if (![...watchers].some((other) => other.tabId === watcher.tabId)) history.watchEnded(watcher.tabId);
      });
      send(watcher);
    });
  });

  browser.cookies.onChanged.addListener((change) => history.cookieChanged(change));
  browser.tabs.onRemoved.addListener((tabId) => history.tabClosed(tabId));
  watchSetCookieResponses((tabId, response) => history.responseSeen(tabId, response));

  browser.cookies.onChanged.addListener(({ cookie }) => {
    for (const watcher of watchers) if (!watcher.host || domainApplies(cookie.domain, watcher.host)) refresh(watcher);
  });

  browser.tabs.onUpdated.addListener((tabId, change) => change.status === 'complete' && history.tabLoaded(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    for (const watcher of watchers) {
      if (watcher.tabId !== tabId || (!change.url && change.status !== 'complete')) continue;
      if (change.url) watcher.url = change.url;
      refresh(watcher);
    }
  });

  browser.runtime.onMessage.addListener((message: unknown) => {
    const request = readOpenPageRequest(message);
    if (request?.type === 'open-options') void browser.runtime.openOptionsPage();
    else if (request?.type === 'open-site-access') void openSiteAccess(request.tabId, request.url);
    return answerCookieWrite(message) ?? answerPageStorage(message) ?? answerTokenDecode(message);
  });

  /** Tokens a page found outside the cookie jar, decoded as the tab's cookies are (the site's settings, kept answers). */
  function answerTokenDecode(message: unknown): Promise<unknown> | undefined {
    const request = readDecodeTokensRequest(message);
    if (!request) return undefined;
    let answer: object = { error: 'The decoder did not answer.' };
    return decodeForSite(request.site, request.tokens, (decoded) => (answer = decodedJarMessage(decoded))).then(() => answer);
  }

  /** The tab's storage for a page that asked (the Firefox devtools panel has no scripting API itself). */
  function answerPageStorage(message: unknown): Promise<unknown> | undefined {
    const request = readPageStorageRequest(message);
    return request ? readPageStorage(request.tabId) : undefined;
  }

  /** The answer to a write, undo or forget (the promise sendMessage resolves with); undefined for other messages. */
  function answerCookieWrite(message: unknown): Promise<unknown> | undefined {
    const write = readWriteCookiesRequest(message);
    if (write) return writeCookies(write);
    const undo = readUndoWriteRequest(message);
    if (undo) return undoWrite(undo);
    const forget = readForgetWriteRequest(message);
    if (forget) return forgetWrite(forget).then(() => ({ ok: true }));
    return undefined;
  }

  /** The popup page for the tab, next to it: its "Allow" button can ask for the site (the devtools panel cannot). */
  async function openSiteAccess(tabId: number, tabUrl: string): Promise<void> {
    const url = linkToTab(browser.runtime.getURL('/popup.html'), { tabId, url: tabUrl });
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    await browser.tabs.create(tab ? { url, windowId: tab.windowId, index: tab.index + 1 } : { url });
  }

  watchDecodeSettings(() => watchers.forEach(refresh));
  browser.permissions.onAdded.addListener(() => watchers.forEach(refresh));
  browser.permissions.onRemoved.addListener(() => watchers.forEach(refresh));
});
