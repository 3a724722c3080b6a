import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readTabCookies } from '../../lib/browser/tab-cookies';

const SITE_A = 'http://127.0.0.1:5000';
const SITE_B = 'http://localhost:5000';
const TAB_ID = 7;
const A_COOKIE = { name: 'session', value: 'a-session', domain: '127.0.0.1', path: '/', hostOnly: true, httpOnly: true, secure: false, sameSite: 'lax', session: true, storeId: '0' };

/**
 * A browser where Session Lens was granted `granted` (match patterns) and the tab shows `tabUrl`. Like real browsers,
 * tabs.get names the tab's URL only when its site is granted.
 */
function browserWith({ tabUrl, granted }: { tabUrl: string; granted: string[] }): void {
  const isGranted = (url: string) => granted.includes(`${new URL(url).protocol}//${new URL(url).hostname}/*`);
  vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(async (tabId) => ({ id: tabId, index: 0, windowId: 1, ...(isGranted(tabUrl) ? { url: tabUrl } : {}) }) as never);
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async ({ origins }) => (origins ?? []).every((pattern) => granted.includes(pattern)));
  vi.spyOn(fakeBrowser.cookies, 'getAllCookieStores').mockImplementation(async () => [{ id: '0', tabIds: [TAB_ID] }] as never);
  vi.spyOn(fakeBrowser.cookies, 'getAll').mockImplementation(async ({ url }) => (url && new URL(url).origin === SITE_A ? [A_COOKIE] : []) as never);
}

describe('readTabCookies: which site a tab is on', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('reads the granted site the tab shows, whatever the page\'s hint says', async () => {
    browserWith({ tabUrl: `${SITE_A}/profile`, granted: [`http://127.0.0.1/*`] });
    const tab = await readTabCookies(TAB_ID, `${SITE_B}/old`);
    expect(tab).toMatchObject({ kind: 'cookies', url: `${SITE_A}/profile`, site: SITE_A });
    expect(tab.kind === 'cookies' && tab.cookies.map((cookie) => cookie.value)).toEqual(['a-session']);
  });

  it('uses the hint for a tab the browser hides (its site is not granted) to offer that site\'s access', async () => {
    browserWith({ tabUrl: `${SITE_B}/profile`, granted: [] });
    expect(await readTabCookies(TAB_ID, `${SITE_B}/profile`)).toEqual({ kind: 'no-access', url: `${SITE_B}/profile`, site: SITE_B, host: 'localhost:5000' });
  });

  it('never reads a granted site from a stale hint: the tab left it for a site it hides', async () => {
    // The panel was opened on A (granted) and the tab went to B (not granted): the hint still names A.
    browserWith({ tabUrl: `${SITE_B}/profile`, granted: [`http://127.0.0.1/*`] });
    const getAll = vi.mocked(fakeBrowser.cookies.getAll);
    const tab = await readTabCookies(TAB_ID, `${SITE_A}/profile`);
    expect(tab.kind).toBe('unsupported');
    expect(JSON.stringify(tab)).not.toContain('127.0.0.1');
    expect(getAll).not.toHaveBeenCalled();
  });
});

describe('readTabCookies: the browser calls the popup waits on', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('asks for the cookies while site access is being checked, not after its answer (two round trips, not four)', async () => {
    browserWith({ tabUrl: `${SITE_A}/profile`, granted: [`http://127.0.0.1/*`] });
    let answerAccess!: (granted: boolean) => void;
    vi.mocked(fakeBrowser.permissions.contains).mockImplementation(() => new Promise((resolve) => (answerAccess = resolve)));
    const reading = readTabCookies(TAB_ID);
    await vi.waitFor(() => expect(answerAccess).toBeTypeOf('function'));
    await vi.waitFor(() => expect(fakeBrowser.cookies.getAll).toHaveBeenCalledTimes(1));
    expect(fakeBrowser.cookies.getAllCookieStores).toHaveBeenCalledTimes(1);
    answerAccess(true);
    expect(await reading).toMatchObject({ kind: 'cookies', storeId: '0', cookies: [{ value: 'a-session' }] });
  });

  it('drops the cookies it listed when the site is not granted (activeTab shows the URL, not the cookies)', async () => {
    browserWith({ tabUrl: `${SITE_A}/profile`, granted: [] });
    vi.mocked(fakeBrowser.tabs.get).mockImplementation(async (tabId) => ({ id: tabId, index: 0, windowId: 1, url: `${SITE_A}/profile` }) as never);
    expect(await readTabCookies(TAB_ID)).toEqual({ kind: 'no-access', url: `${SITE_A}/profile`, site: SITE_A, host: '127.0.0.1:5000' });
  });
});
