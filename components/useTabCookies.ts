import { useEffect, useState } from 'react';
import type { TabCookiesUpdate } from '../lib/browser/tab-channel';
import { TabWatch } from '../lib/browser/tab-watch';

/**
 * The tab's cookies as the background reads them, with their reports, kept live: the background pushes a new state
 * whenever the site's cookies or its saved settings change. `started` is a watch of the same tab the page opened
 * before its views loaded; it is taken over instead of connecting again.
 */
export function useTabCookies(tabId: number | null, url?: string, started?: TabWatch): TabCookiesUpdate | null {
  const [tab, setTab] = useState<TabCookiesUpdate | null>(null);
  useEffect(() => {
    if (tabId === null) return;
    const watch = started && started.tabId === tabId && started.url === url ? started : new TabWatch(tabId, url);
    watch.listen(setTab);
    return () => watch.close();
  }, [tabId, url, started]);
  return tab;
}
