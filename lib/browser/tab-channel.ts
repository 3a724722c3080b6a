// The port between a page (popup, devtools panel) and the background that watches one tab's cookies. What arrives
// is checked before it is used: a message is data from another context, not a value of our types.
import { isObject } from '../codec/json';
import type { CookieInput } from '../types';

/** What the background found for one tab: its cookies, or why there are none to show. */
export type TabCookies =
  | {
      kind: 'cookies';
      url: string;
      /** The site's origin (`https://example.com`): secrets and settings are kept per site. */
      site: string;
      /** The cookie store the tab uses (incognito, Firefox containers). */
      storeId?: string;
      /** The tab is in a private (incognito) window: secrets added there stay in memory unless the user keeps them. */
      incognito?: boolean;
      cookies: CookieInput[];
    }
  /** The extension has no host permission for this site yet: the user can grant it. */
  | { kind: 'no-access'; url: string; site: string; host: string }
  /** Pages that cannot have cookies (`chrome://`, `about:`, the web store, `file:`). */
  | { kind: 'unsupported'; url: string; reason: string }
  | { kind: 'error'; message: string };

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

/** The message as a WatchTab, or null when it is not one. */
export function readWatchTab(message: unknown): WatchTab | null {
  if (!isObject(message) || message.type !== 'watch' || !Number.isInteger(message.tabId)) return null;
  if (message.url !== undefined && typeof message.url !== 'string') return null;
  return { type: 'watch', tabId: message.tabId as number, ...(typeof message.url === 'string' ? { url: message.url } : {}) };
}

/** The message as a TabCookiesUpdate, or null when it is not one. */
export function readTabCookiesUpdate(message: unknown): TabCookiesUpdate | null {
  return isObject(message) && message.type === 'tab-cookies' && isTabCookies(message.tab) ? { type: 'tab-cookies', tab: message.tab } : null;
}

function isTabCookies(tab: unknown): tab is TabCookies {
  if (!isObject(tab)) return false;
  switch (tab.kind) {
    case 'cookies':
      return typeof tab.url === 'string' && typeof tab.site === 'string' && Array.isArray(tab.cookies) && tab.cookies.every(isCookie);
    case 'no-access':
      return typeof tab.url === 'string' && typeof tab.site === 'string' && typeof tab.host === 'string';
    case 'unsupported':
      return typeof tab.url === 'string' && typeof tab.reason === 'string';
    case 'error':
      return typeof tab.message === 'string';
    default:
      return false;
  }
}

function isCookie(cookie: unknown): cookie is CookieInput {
  return isObject(cookie) && typeof cookie.name === 'string' && typeof cookie.value === 'string';
}
