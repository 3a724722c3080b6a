import type { TabCookies } from '../tab';

/** Pages (popup, devtools panel) connect a port with this name to watch one tab's cookies. */
export const TAB_COOKIES_PORT = 'tab-cookies';

/** Page -> background: which tab to watch (the URL helps where the page knows it and the tab API hides it). */
export interface WatchTab {
  type: 'watch';
  tabId: number;
  url?: string;
}

/** Background -> page: the tab's cookies, now and again whenever they change. */
export interface TabCookiesUpdate {
  type: 'tab-cookies';
  tab: TabCookies;
}

/**
 * Page -> background (runtime.sendMessage), from a page that lacks the API itself: Firefox's devtools panel has no
 * `permissions` and no `runtime.openOptionsPage`. `site-access` opens the popup page for that tab in a new tab,
 * where the user can grant the site (a permission request needs the click of a page that has the API).
 */
export type OpenPageRequest = { type: 'open-options' } | { type: 'open-site-access'; tabId: number; url: string };
