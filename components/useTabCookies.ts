import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { readTabCookiesUpdate, TAB_COOKIES_PORT, type TabCookies, type WatchTab } from '../lib/browser/tab-channel';

/**
 * The tab's cookies as the background reads them, kept live: the background pushes a new state whenever the
 * site's cookies change. Reconnects if the background restarts (an MV3 service worker may be stopped).
 */
export function useTabCookies(tabId: number | null, url?: string): TabCookies | null {
  const [tab, setTab] = useState<TabCookies | null>(null);
  useEffect(() => {
    if (tabId === null) return;
    let closed = false;
    let port: ReturnType<typeof browser.runtime.connect>;
    const connect = () => {
      port = browser.runtime.connect({ name: TAB_COOKIES_PORT });
      port.onMessage.addListener((message) => {
        const update = readTabCookiesUpdate(message);
        if (update) setTab(update.tab);
      });
      port.onDisconnect.addListener(() => {
        if (!closed) setTimeout(connect, 200);
      });
      port.postMessage({ type: 'watch', tabId, ...(url ? { url } : {}) } satisfies WatchTab);
    };
    connect();
    return () => {
      closed = true;
      port.disconnect();
    };
  }, [tabId, url]);
  return tab;
}
