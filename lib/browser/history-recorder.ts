// Recording the history (the background's side): each tab's jar read again after its cookies change, decoded, and
// compared with the last reading.
import { browser, type Browser } from 'wxt/browser';
import { decodeCookies } from '../decode/decode';
import { historyEvents, sessionStates } from '../history/events';
import type { CookieInput } from '../types';
import { isOwnWrite } from './own-writes';
import type { SetCookieResponse } from '../history/requests';
import { backgroundHistorySitesStore, lastJarsStore, sessionHistoryStore, setCookieResponsesStore, withNewEvents, withNewResponse } from './session-history';
import { siteDecodeOptions } from './site-settings';
import type { TabCookies } from './tab-channel';
import { readTabCookies } from './tab-cookies';

/** Cookie changes come in bursts (a login sets several): one reading per burst. */
const SETTLE_MS = 80;
/**
 * A page reconnects its port when its tab navigates: the tab stays recorded for this long after its last page went,
 * so a change in between is seen and the page that comes back goes on from the same jar.
 */
const RECONNECT_GRACE_MS = 5_000;
/** How long the browser's word that a cookie expired (rather than was deleted) is taken for a change seen next. */
const EXPIRED_NOTE_MS = 5_000;

export interface HistoryRecorder {
  /** A page started watching the tab and read its cookies (`tab`): where its history goes on from. */
  watchStarted(tabId: number, tab: TabCookies): void;
  /** The last page watching the tab went (or reconnects: a page does when its tab's URL changes). */
  watchEnded(tabId: number): void;
  cookieChanged(change: Browser.cookies.CookieChangeInfo): void;
  /** A response of the tab set cookies: kept while the tab is recorded, to name the response behind each change. */
  responseSeen(tabId: number, response: SetCookieResponse): void;
  /** The tab finished loading: a change seen while it could not be read (mid-navigation) is read now. */
  tabLoaded(tabId: number): void;
  tabClosed(tabId: number): void;
}

/** `watchedTabs` are the tabs a Session Lens page shows now (they are recorded whatever the switch says). */
export function historyRecorder(watchedTabs: () => Iterable<number>): HistoryRecorder {
  const pending = new Map<number, { timer: ReturnType<typeof setTimeout>; since: number }>();
  const expired = new Map<string, number>();
  /** Tabs whose cookies changed while they could not be read (Firefox, mid-navigation), and since when. */
  const unread = new Map<number, number>();
  /** Tabs whose last page went, and when. */
  const unwatched = new Map<number, number>();
  let turn: Promise<unknown> = Promise.resolve();

  /** Readings one at a time: each reads the last jar, then replaces it. */
  function inTurn(work: () => Promise<unknown>): void {
    turn = turn.then(work).catch(() => undefined);
  }

  /** `changedAt`: when the browser said the cookie changed; a burst is dated by its first change. */
  function schedule(tabId: number, changedAt: number): void {
    const waiting = pending.get(tabId);
    clearTimeout(waiting?.timer);
    const since = waiting?.since ?? unread.get(tabId) ?? changedAt;
    const timer = setTimeout(() => {
      pending.delete(tabId);
      inTurn(async () => {
        const read = await recordTab(tabId, { at: since, expired: recentlyExpired() }, 'changed');
        if (read) unread.delete(tabId);
        else unread.set(tabId, since);
      });
    }, SETTLE_MS);
    pending.set(tabId, { timer, since });
  }

  /** The tabs recorded now: those a page shows or showed a moment ago (it may be reconnecting), and switched-on sites'. */
  function recordedTabs(): Promise<number[]> {
    const now = Date.now();
    const recentlyUnwatched = [...unwatched].filter(([, at]) => now - at <= RECONNECT_GRACE_MS).map(([tabId]) => tabId);
    return tabsToRecord([...watchedTabs(), ...recentlyUnwatched]);
  }

  function recentlyExpired(): Set<string> {
    const now = Date.now();
    return new Set([...expired].filter(([, at]) => now - at <= EXPIRED_NOTE_MS).map(([name]) => name));
  }

  return {
    watchStarted(tabId, tab) {
      const continues = Date.now() - (unwatched.get(tabId) ?? -Infinity) <= RECONNECT_GRACE_MS;
      unwatched.delete(tabId);
      // A tab still recorded needs no new start: its pending reading (if any) goes on from its jar.
      if (continues || pending.has(tabId)) return;
      inTurn(() => recordTab(tabId, { at: Date.now(), expired: new Set() }, 'watch-started', tab));
    },
    tabLoaded(tabId) {
      const since = unread.get(tabId);
      if (since !== undefined) schedule(tabId, since);
    },
    watchEnded(tabId) {
      unwatched.set(tabId, Date.now());
    },
    cookieChanged({ cookie, removed, cause }) {
      const changedAt = Date.now();
      for (const [name, at] of expired) if (changedAt - at > EXPIRED_NOTE_MS) expired.delete(name);
      if (removed && cause === 'expired') expired.set(cookie.name, changedAt);
      void recordedTabs().then((tabs) => tabs.forEach((tabId) => schedule(tabId, changedAt)));
    },
    responseSeen(tabId, response) {
      void recordedTabs().then((tabs) => tabs.includes(tabId) && inTurn(() => keepResponse(tabId, response)));
    },
    tabClosed(tabId) {
      clearTimeout(pending.get(tabId)?.timer);
      pending.delete(tabId);
      unwatched.delete(tabId);
      unread.delete(tabId);
      inTurn(() => forgetTab(tabId));
    },
  };
}

/** The watched tabs and the tabs of switched-on sites. */
async function tabsToRecord(watched: Iterable<number>): Promise<number[]> {
  const tabs = new Set(watched);
  const sites = await backgroundHistorySitesStore.getValue();
  if (sites.length > 0) {
    for (const tab of await browser.tabs.query({})) if (tab.id !== undefined && tab.url && sites.includes(originOf(tab.url))) tabs.add(tab.id);
  }
  return [...tabs];
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/**
 * Reads the tab's jar and records what changed since the last reading, decoding both with the site's saved secrets
 * now, so that before and after are judged alike. A first reading, or one on another site, only sets where the
 * history goes on from; so does a page that starts watching a tab not recorded in the background (its last jar may be
 * old: what changed meanwhile was not seen when it changed). False when the tab's cookies could not be read.
 */
async function recordTab(tabId: number, change: { at: number; expired: ReadonlySet<string> }, reason: 'watch-started' | 'changed', read?: TabCookies): Promise<boolean> {
  const tab = read ?? (await readTabCookies(tabId));
  if (tab.kind !== 'cookies') return false;
  const key = String(tabId);
  const jars = await lastJarsStore.getValue();
  const last = Object.hasOwn(jars, key) ? jars[key]! : undefined;
  if (last && last.site === tab.site && sameJar(last.cookies, tab.cookies)) return true;
  await lastJarsStore.setValue({ ...jars, [key]: { site: tab.site, cookies: tab.cookies } });
  if (!last || last.site !== tab.site) return true;
  if (reason === 'watch-started' && !(await backgroundHistorySitesStore.getValue()).includes(tab.site)) return true;
  const options = await siteDecodeOptions(tab.site);
  const [before, after] = await Promise.all([decodeCookies(last.cookies, options), decodeCookies(tab.cookies, options)]);
  let serial = 0;
  const { at, expired } = change;
  const events = historyEvents(sessionStates(last.cookies, before), sessionStates(tab.cookies, after), {
    at,
    site: tab.site,
    expired,
    ownWrite: isOwnWrite,
    newId: () => `${at}-${tabId}-${serial++}`,
  });
  if (events.length === 0) return true;
  const all = await sessionHistoryStore.getValue();
  await sessionHistoryStore.setValue({ ...all, [key]: withNewEvents(Object.hasOwn(all, key) ? all[key]! : [], events) });
  return true;
}

function sameJar(a: readonly CookieInput[], b: readonly CookieInput[]): boolean {
  return a.length === b.length && a.every((cookie, index) => cookie.name === b[index]!.name && cookie.value === b[index]!.value && cookie.expirationDate === b[index]!.expirationDate);
}

async function keepResponse(tabId: number, response: SetCookieResponse): Promise<void> {
  const key = String(tabId);
  const all = await setCookieResponsesStore.getValue();
  await setCookieResponsesStore.setValue({ ...all, [key]: withNewResponse(Object.hasOwn(all, key) ? all[key]! : [], response) });
}

async function forgetTab(tabId: number): Promise<void> {
  const key = String(tabId);
  const { [key]: _events, ...history } = await sessionHistoryStore.getValue();
  const { [key]: _jar, ...jars } = await lastJarsStore.getValue();
  const { [key]: _responses, ...responses } = await setCookieResponsesStore.getValue();
  await sessionHistoryStore.setValue(history);
  await lastJarsStore.setValue(jars);
  await setCookieResponsesStore.setValue(responses);
}
