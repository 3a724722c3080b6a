// The one place that talks to browser.cookies / tabs / permissions (used by the background only).
import { browser, type Browser } from 'wxt/browser';
import { domainApplies, sitePattern, unsupportedPageReason } from './page-kind';
import type { TabCookies } from './tab-channel';
import type { CookieInput } from '../types';

const LEFT_GRANTED_SITE = 'This tab has moved to a site Session Lens may not read yet, and the browser hides its address until then: open Session Lens again from the tab.';

/**
 * Everything Session Lens shows for one tab: its cookies in the tab's own cookie store, or why there are none.
 * `urlHint` is what the page knows of the tab's URL; it is used only where the browser hides the URL, which it does
 * while the tab's site is not granted, and then only to offer access to that site, never to read a granted one.
 */
export async function readTabCookies(tabId: number, urlHint?: string): Promise<TabCookies> {
  // The popup waits on these calls before its first paint: those that do not need another's answer run side by side.
  const stores = cookieStores();
  let tab: Browser.tabs.Tab;
  try {
    tab = await browser.tabs.get(tabId);
  } catch {
    return { kind: 'error', message: 'This tab is gone: it was closed or replaced.' };
  }
  const url = tab.url ?? urlHint;
  const unsupported = unsupportedPageReason(url);
  if (unsupported || !url) return { kind: 'unsupported', url: url ?? '', reason: unsupported ?? '' };
  const { origin, host } = new URL(url);
  const granted = browser.permissions.contains({ origins: [sitePattern(url)] });
  // Only a URL the browser shows is read, never a hint; its cookies are listed while access is checked, and dropped without it.
  const listed = tab.url ? listCookies(tab, url, stores) : null;
  listed?.catch(() => undefined);
  if (!(await granted)) return { kind: 'no-access', url, site: origin, host };
  // The browser shows the URL of a tab on a granted site: a hint naming one is stale (the tab has left that site).
  if (!listed) return { kind: 'unsupported', url: '', reason: LEFT_GRANTED_SITE };
  try {
    const { storeId, cookies } = await listed;
    return { kind: 'cookies', url, site: origin, ...(storeId ? { storeId } : {}), ...(tab.incognito ? { incognito: true } : {}), cookies: cookies.map(toCookieInput) };
  } catch (error) {
    return { kind: 'error', message: `The browser refused to list this site's cookies (${error instanceof Error ? error.message : String(error)}).` };
  }
}

async function listCookies(tab: Browser.tabs.Tab, url: string, stores: Promise<Browser.cookies.CookieStore[]>): Promise<{ storeId: string | undefined; cookies: Browser.cookies.Cookie[] }> {
  const storeId = await cookieStoreOf(tab, stores);
  return { storeId, cookies: await getAllCookies(url, storeId) };
}

/** Every cookie store (Chromium needs them to find a tab's; Firefox names it on the tab). */
function cookieStores(): Promise<Browser.cookies.CookieStore[]> {
  const stores = browser.cookies.getAllCookieStores();
  stores.catch(() => undefined);
  return stores;
}

/** The tab's cookie store: Firefox containers and private windows, Chromium incognito. */
async function cookieStoreOf(tab: Browser.tabs.Tab, stores: Promise<Browser.cookies.CookieStore[]>): Promise<string | undefined> {
  const firefoxStore = (tab as { cookieStoreId?: string }).cookieStoreId;
  if (firefoxStore) return firefoxStore;
  return (await stores).find((store) => tab.id !== undefined && store.tabIds.includes(tab.id))?.id;
}

/**
 * Every cookie the browser would send to the URL (all applicable paths and parent domains, HttpOnly included),
 * partitioned (CHIPS) ones too. Under Firefox's first-party isolation (`privacy.firstparty.isolate`) getAll demands a
 * `firstPartyDomain`: we ask for all of them and keep the page's own first party, the only cookies the page gets.
 */
async function getAllCookies(url: string, storeId: string | undefined): Promise<Browser.cookies.Cookie[]> {
  const query = { url, ...(storeId ? { storeId } : {}) };
  const attempts: Browser.cookies.GetAllDetails[] = [
    { ...query, partitionKey: {} },
    { ...query, partitionKey: {}, firstPartyDomain: null } as Browser.cookies.GetAllDetails,
    query,
  ];
  let lastError: unknown;
  for (const details of attempts) {
    let cookies: Browser.cookies.Cookie[];
    try {
      cookies = await browser.cookies.getAll(details);
    } catch (error) {
      // Older browsers reject partitionKey; first-party isolation demands firstPartyDomain.
      lastError = error;
      continue;
    }
    if (!('firstPartyDomain' in details)) return cookies;
    const { hostname } = new URL(url);
    return cookies.filter((cookie) => isOwnFirstParty((cookie as { firstPartyDomain?: string }).firstPartyDomain, hostname));
  }
  throw lastError;
}

/** Under first-party isolation, a page's first party is its site (registrable domain): the host or a parent of it. */
function isOwnFirstParty(firstPartyDomain: string | undefined, hostname: string): boolean {
  return !!firstPartyDomain && domainApplies(firstPartyDomain, hostname);
}

/** A cookie as the browser reports it, with every attribute a write needs to reach the same cookie again. */
export function toCookieInput(cookie: Browser.cookies.Cookie): CookieInput {
  const { partitionKey, firstPartyDomain } = cookie as { partitionKey?: CookieInput['partitionKey']; firstPartyDomain?: unknown };
  return {
    name: cookie.name,
    value: cookie.value,
    domain: cookie.domain,
    path: cookie.path,
    ...(cookie.expirationDate !== undefined ? { expirationDate: cookie.expirationDate } : {}),
    hostOnly: cookie.hostOnly,
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
    sameSite: cookie.sameSite as CookieInput['sameSite'],
    session: cookie.session,
    storeId: cookie.storeId,
    ...(partitionKey ? { partitionKey } : {}),
    ...(typeof firstPartyDomain === 'string' ? { firstPartyDomain } : {}),
  };
}
