// Deep links to the popup and panel pages for one tab: `popup.html?tabId=N`, `devtools-panel.html?tabId=N`, with an
// optional `&url=` hint (the browser hides a tab's URL from Session Lens until the site is granted). Used where the
// page cannot tell which tab to show by itself: the popup page opened in a tab (Firefox's devtools panel opens it to
// ask for site access, which that panel's API cannot do) and the end-to-end tests.

interface LinkedTab {
  tabId: number;
  url?: string;
}

/** The tab named by the page's query (`?tabId=N&url=…`), or null. */
export function linkedTab(search: string): LinkedTab | null {
  const query = new URLSearchParams(search);
  const value = query.get('tabId');
  if (value === null || !/^\d+$/.test(value)) return null;
  const tabId = Number(value);
  if (!Number.isSafeInteger(tabId)) return null;
  const url = query.get('url');
  return url ? { tabId, url } : { tabId };
}

/** The deep link to an extension page (`browser.runtime.getURL('/popup.html')`) for one tab. */
export function linkToTab(pageUrl: string, { tabId, url }: LinkedTab): string {
  const query = new URLSearchParams({ tabId: String(tabId), ...(url ? { url } : {}) });
  return `${pageUrl}?${query}`;
}
