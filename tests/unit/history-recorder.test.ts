import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { historyRecorder, type HistoryRecorder } from '../../lib/browser/history-recorder';
import { noteOwnWrite } from '../../lib/browser/own-writes';
import { sessionHistoryStore, setBackgroundHistory, setCookieResponsesStore } from '../../lib/browser/session-history';
import { MAX_RESPONSES_PER_TAB } from '../../lib/history/requests';
import { saveSiteSettings } from '../../lib/browser/site-settings';
import { readTabCookies } from '../../lib/browser/tab-cookies';
import { writeCookie } from '../../lib/formats/registry';
import type { TabCookies } from '../../lib/browser/tab-channel';

const SITE = 'http://127.0.0.1:5000';
const TAB_ID = 7;
const SECRET = 'recorder-secret';

/** The browser's jar for the site, as the tests change it; `readable` false: the tab is mid-navigation (no URL). */
let jar: { name: string; value: string }[] = [];
let readable = true;

async function flask(payload: unknown, secret = SECRET): Promise<string> {
  const written = await writeCookie('flask', payload, secret, {});
  if (!written.ok) throw new Error(written.problem.message);
  return written.cookies[0]!.value;
}

function change(name: string, removed = false, cause = 'explicit') {
  return { removed, cause, cookie: { name, value: '', domain: '127.0.0.1', path: '/', hostOnly: true, httpOnly: true, secure: false, sameSite: 'lax', session: true, storeId: '0' } } as never;
}

async function kinds(): Promise<string[]> {
  return ((await sessionHistoryStore.getValue())[String(TAB_ID)] ?? []).map((event) => event.kind);
}

async function tabNow(): Promise<TabCookies> {
  return readTabCookies(TAB_ID);
}

describe('the history recorder (background)', () => {
  let watched: number[];
  let recorder: HistoryRecorder;

  beforeEach(() => {
    fakeBrowser.reset();
    jar = [];
    readable = true;
    watched = [];
    vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(async (tabId) => ({ id: tabId, index: 0, windowId: 1, ...(readable ? { url: `${SITE}/profile` } : {}) }) as never);
    vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation(async () => [{ id: TAB_ID, index: 0, windowId: 1, url: `${SITE}/profile` }] as never);
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async () => true);
    vi.spyOn(fakeBrowser.cookies, 'getAllCookieStores').mockImplementation(async () => [{ id: '0', tabIds: [TAB_ID] }] as never);
    vi.spyOn(fakeBrowser.cookies, 'getAll').mockImplementation(async () => jar.map((cookie) => ({ ...cookie, domain: '127.0.0.1', path: '/', hostOnly: true, httpOnly: true, secure: false, sameSite: 'lax', session: true, storeId: '0' })) as never);
    recorder = historyRecorder(() => watched);
  });
  afterEach(() => vi.restoreAllMocks());

  it('records a watched tab from the jar its page first read, with verdicts from the site\'s saved secrets', async () => {
    await saveSiteSettings(SITE, { secrets: [SECRET] });
    watched = [TAB_ID];
    recorder.watchStarted(TAB_ID, await tabNow());
    jar = [{ name: 'session', value: await flask({ user: 'alice' }) }];
    recorder.cookieChanged(change('session'));
    await vi.waitFor(async () => expect(await kinds()).toEqual(['created']));
    const [event] = (await sessionHistoryStore.getValue())[String(TAB_ID)]!;
    expect(event).toMatchObject({ site: SITE, cookie: 'session', after: { verdict: 'valid' } });
    expect(event!.bySessionLens).toBeUndefined();
  });

  it('records nothing for a tab no page watches, unless its site is switched on', async () => {
    await tabsSettle();
    jar = [{ name: 'session', value: await flask({ user: 'alice' }) }];
    recorder.cookieChanged(change('session'));
    await tabsSettle();
    expect(await kinds()).toEqual([]);
    await setBackgroundHistory(SITE, true);
    jar = [{ name: 'session', value: await flask({ user: 'alice', role: 'admin' }) }];
    recorder.cookieChanged(change('session'));
    await tabsSettle();
    jar = [];
    recorder.cookieChanged(change('session', true, 'expired'));
    await vi.waitFor(async () => expect(await kinds()).toEqual(['expired']));
  });

  it('marks what Session Lens wrote itself', async () => {
    watched = [TAB_ID];
    recorder.watchStarted(TAB_ID, await tabNow());
    const value = await flask({ user: 'mallory' });
    noteOwnWrite('session', value);
    jar = [{ name: 'session', value }];
    recorder.cookieChanged(change('session'));
    await vi.waitFor(async () => expect((await sessionHistoryStore.getValue())[String(TAB_ID)]?.[0]?.bySessionLens).toBe(true));
  });

  it('loses no change while a page reconnects (its tab navigated), read before or after the page is back', async () => {
    watched = [TAB_ID];
    recorder.watchStarted(TAB_ID, await tabNow());
    watched = [];
    recorder.watchEnded(TAB_ID);
    jar = [{ name: 'session', value: await flask({ user: 'alice' }) }];
    recorder.cookieChanged(change('session'));
    await tabsSettle();
    watched = [TAB_ID];
    recorder.watchStarted(TAB_ID, await tabNow());
    recorder.watchEnded(TAB_ID);
    jar = [];
    recorder.cookieChanged(change('session', true));
    recorder.watchStarted(TAB_ID, await tabNow());
    await vi.waitFor(async () => expect(await kinds()).toEqual(['removed', 'created']));
  });

  it('reads a change seen while the tab could not be read once the tab has loaded', async () => {
    watched = [TAB_ID];
    recorder.watchStarted(TAB_ID, await tabNow());
    readable = false;
    jar = [{ name: 'session', value: await flask({ user: 'alice' }) }];
    recorder.cookieChanged(change('session'));
    await tabsSettle();
    expect(await kinds()).toEqual([]);
    readable = true;
    recorder.tabLoaded(TAB_ID);
    await vi.waitFor(async () => expect(await kinds()).toEqual(['created']));
  });

  it('forgets a closed tab\'s history and responses', async () => {
    await sessionHistoryStore.setValue({ [String(TAB_ID)]: [], '8': [] });
    await setCookieResponsesStore.setValue({ [String(TAB_ID)]: [], '8': [] });
    recorder.tabClosed(TAB_ID);
    await vi.waitFor(async () => expect(Object.keys(await sessionHistoryStore.getValue())).toEqual(['8']));
    await vi.waitFor(async () => expect(Object.keys(await setCookieResponsesStore.getValue())).toEqual(['8']));
  });

  it('keeps the responses that set cookies of recorded tabs only, the newest MAX_RESPONSES_PER_TAB', async () => {
    const response = (path: string) => ({ method: 'POST', url: `${SITE}${path}`, status: 302, at: 1, setCookies: ['session=x; Path=/'] });
    recorder.responseSeen(TAB_ID, response('/unwatched'));
    await tabsSettle();
    expect(await setCookieResponsesStore.getValue()).toEqual({});
    watched = [TAB_ID];
    for (let index = 0; index <= MAX_RESPONSES_PER_TAB; index++) recorder.responseSeen(TAB_ID, response(`/${index}`));
    await vi.waitFor(async () => expect((await setCookieResponsesStore.getValue())[String(TAB_ID)]?.at(-1)?.url).toBe(`${SITE}/${MAX_RESPONSES_PER_TAB}`));
    const kept = (await setCookieResponsesStore.getValue())[String(TAB_ID)]!;
    expect(kept).toHaveLength(MAX_RESPONSES_PER_TAB);
    expect(kept[0]!.url).toBe(`${SITE}/1`);
  });
});

/** Waits past the recorder's settle time and its reading. */
function tabsSettle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 400));
}
