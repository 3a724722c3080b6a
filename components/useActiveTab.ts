import { useEffect, useState } from 'react';
import { browser, type Browser } from 'wxt/browser';

export interface ActiveTab {
  tabId: number | null;
  /** The tab's URL when the browser shows it (a granted site); a hint for the background, which reads the real one. */
  url?: string;
}

/**
 * The active tab of the window this page lives in (the side panel's, the sidebar's), following every switch of tab.
 * Navigations inside the tab are followed by the background, which watches the tab for the page.
 */
export function useActiveTab(): ActiveTab | null {
  const [active, setActive] = useState<ActiveTab | null>(null);
  useEffect(() => {
    let closed = false;
    let windowId: number | undefined;
    const show = (tab: Browser.tabs.Tab | undefined) => {
      if (!closed) setActive({ tabId: tab?.id ?? null, ...(tab?.url ? { url: tab.url } : {}) });
    };
    const activated = ({ tabId, windowId: where }: { tabId: number; windowId: number }) => {
      if (where === windowId) void browser.tabs.get(tabId).then(show, () => undefined);
    };
    browser.tabs.onActivated.addListener(activated);
    void (async () => {
      windowId = (await browser.windows.getCurrent()).id;
      const [tab] = await browser.tabs.query({ active: true, windowId });
      show(tab);
    })();
    return () => {
      closed = true;
      browser.tabs.onActivated.removeListener(activated);
    };
  }, []);
  return active;
}
