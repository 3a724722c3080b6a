// The port between a page (popup, devtools panel) and the background that watches one tab's cookies. What arrives
// is checked before it is used: a message is data from another context, not a value of our types.
import { isObject } from '../codec/json';
import type { DecodedJar } from '../decode/request';
import type { CookieInput, SessionReport } from '../types';

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

/**
 * Background -> page: the tab's cookies, now and again whenever they change, and for a tab with cookies their reports,
 * decoded with the site's saved settings (so the page shows them without decoding first).
 */
export interface TabCookiesUpdate {
  type: 'tab-cookies';
  tab: TabCookies;
  decoded?: DecodedJar;
}

/** The message as a WatchTab, or null when it is not one. */
export function readWatchTab(message: unknown): WatchTab | null {
  if (!isObject(message) || message.type !== 'watch' || !Number.isInteger(message.tabId)) return null;
  if (message.url !== undefined && typeof message.url !== 'string') return null;
  return { type: 'watch', tabId: message.tabId as number, ...(typeof message.url === 'string' ? { url: message.url } : {}) };
}

/**
 * The update as it travels. Chromium passes extension messages as JSON, where a float a PHP or Ruby session holds
 * (NaN, ±Infinity) would arrive as null: the reports travel as JSON text that keeps them. Throws when a report cannot
 * be written (see answerDecode).
 */
export function tabCookiesMessage(update: TabCookiesUpdate): object {
  const { decoded, ...rest } = update;
  return decoded ? { ...rest, decoded: decodedJarMessage(decoded) } : update;
}

/** A jar's reports as they travel (see tabCookiesMessage); throws when a report cannot be written. */
export function decodedJarMessage(decoded: DecodedJar): object {
  return 'error' in decoded ? decoded : { reportsJson: JSON.stringify(decoded.reports, keepNonFinite) };
}

/** Page -> background: decode tokens found outside the cookie jar (page storage, request headers) with the site's settings. */
export interface DecodeTokensRequest {
  type: 'decode-tokens';
  site: string;
  tokens: CookieInput[];
}

/** As many tokens as the page finds at most (storage entries and request tokens, see lib/decode/page-tokens.ts). */
const MAX_TOKENS = 1000;

/** The message as a DecodeTokensRequest, or null when it is not one. */
export function readDecodeTokensRequest(message: unknown): DecodeTokensRequest | null {
  if (!isObject(message) || message.type !== 'decode-tokens' || typeof message.site !== 'string' || !Array.isArray(message.tokens)) return null;
  if (message.tokens.length > MAX_TOKENS || !message.tokens.every(isCookie)) return null;
  return { type: 'decode-tokens', site: message.site, tokens: message.tokens.map(({ name, value }) => ({ name, value })) };
}

/** Stands for a number JSON has no word for. */
const NON_FINITE = '@non-finite-number';

function keepNonFinite(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? { [NON_FINITE]: String(value) } : value;
}

function restoreNonFinite(_key: string, value: unknown): unknown {
  if (!isObject(value) || Object.keys(value).length !== 1) return value;
  const text = value[NON_FINITE];
  return text === 'NaN' || text === 'Infinity' || text === '-Infinity' ? Number(text) : value;
}

/** The message as a TabCookiesUpdate, or null when it is not one. */
export function readTabCookiesUpdate(message: unknown): TabCookiesUpdate | null {
  if (!isObject(message) || message.type !== 'tab-cookies' || !isTabCookies(message.tab)) return null;
  if (message.decoded === undefined) return { type: 'tab-cookies', tab: message.tab };
  const decoded = readDecoded(message.decoded);
  if (!decoded || message.tab.kind !== 'cookies' || ('reports' in decoded && decoded.reports.length !== message.tab.cookies.length)) return null;
  return { type: 'tab-cookies', tab: message.tab, decoded };
}

/** A jar's reports as they arrived (see decodedJarMessage), or null when the answer is not one. */
export function readDecoded(decoded: unknown): DecodedJar | null {
  if (!isObject(decoded)) return null;
  if (typeof decoded.error === 'string') return { error: decoded.error };
  if (typeof decoded.reportsJson !== 'string') return null;
  try {
    const reports: unknown = JSON.parse(decoded.reportsJson, restoreNonFinite);
    return Array.isArray(reports) && reports.every(isObject) ? { reports: reports as unknown as SessionReport[] } : null;
  } catch {
    return null;
  }
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
