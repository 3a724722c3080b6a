// The history of each tab's session cookies, recorded by the background while a page watches the tab or, for sites
// the user switched on, all the time. Kept in storage.session only: gone when the browser closes, never sent.
import { storage } from 'wxt/utils/storage';
import type { HistoryEvent } from '../history/events';
import { MAX_RESPONSES_PER_TAB, type SetCookieResponse } from '../history/requests';
import type { CookieInput } from '../types';

/** The events of each tab (by tab id), newest first. */
export const sessionHistoryStore = storage.defineItem<Record<string, HistoryEvent[]>>('session:sessionHistory', { fallback: {} });

/** The sites whose tabs are recorded even while no Session Lens page is open (the user's per-site switch). */
export const backgroundHistorySitesStore = storage.defineItem<string[]>('session:backgroundHistorySites', { fallback: [] });

/** Each recorded tab's jar at its last reading: what the next reading is compared with. */
export const lastJarsStore = storage.defineItem<Record<string, { site: string; cookies: CookieInput[] }>>('session:historyJars', { fallback: {} });

/** Each recorded tab's responses that set cookies, oldest first: what names the response that made a change. */
export const setCookieResponsesStore = storage.defineItem<Record<string, SetCookieResponse[]>>('session:setCookieResponses', { fallback: {} });

/** The tab's responses with one more, at most MAX_RESPONSES_PER_TAB (the newest). */
export function withNewResponse(kept: readonly SetCookieResponse[], response: SetCookieResponse): SetCookieResponse[] {
  return [...kept, response].slice(-MAX_RESPONSES_PER_TAB);
}

/** How many events of one tab are kept. */
export const MAX_EVENTS_PER_TAB = 200;

/** The tab's events first (newest first), then the older ones, at most MAX_EVENTS_PER_TAB. */
export function withNewEvents(kept: readonly HistoryEvent[], events: readonly HistoryEvent[]): HistoryEvent[] {
  return [...[...events].reverse(), ...kept].slice(0, MAX_EVENTS_PER_TAB);
}

/** Turns background recording on or off for a site. */
export async function setBackgroundHistory(site: string, on: boolean): Promise<void> {
  const sites = (await backgroundHistorySitesStore.getValue()).filter((kept) => kept !== site);
  await backgroundHistorySitesStore.setValue(on ? [...sites, site] : sites);
}
