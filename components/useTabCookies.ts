import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { readTabCookiesUpdate, TAB_COOKIES_PORT, type TabCookiesUpdate, type WatchTab } from '../lib/browser/tab-channel';

/**
 * The tab's cookies as the background reads them, with their reports, kept live: the background pushes a new state
 * whenever the site's cookies or its saved settings change. Reconnects if the background restarts (an MV3 service
 * worker may be stopped).
 */
export function useTabCookies(tabId: number | null, url?: string): TabCookiesUpdate | null {
  const [tab, setTab] = useState<TabCookiesUpdate | null>(null);
  useEffect(() => {
    if (tabId === null) return;
    let closed = false;
    let port: ReturnType<typeof browser.runtime.connect>;
    const connect = () => {
      port = browser.runtime.connect({ name: TAB_COOKIES_PORT });
      port.onMessage.addListener((message) => {
        const update = readTabCookiesUpdate(message);
        if (update) setTab(update);
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
