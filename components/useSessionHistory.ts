import { useCallback, useMemo } from 'react';
import { backgroundHistorySitesStore, sessionHistoryStore, setBackgroundHistory, setCookieResponsesStore } from '../lib/browser/session-history';
import type { HistoryEvent } from '../lib/history/events';
import { responseFor, type SetCookieResponse } from '../lib/history/requests';
import { useStoredValue } from './useSiteSettings';

export interface SessionHistoryControls {
  /** The tab's events on this site, newest first. */
  events: readonly HistoryEvent[];
  /** The site's tabs are recorded while no Session Lens page is open. */
  recordInBackground: boolean;
  onSetRecordInBackground(on: boolean): void;
  /** The response whose Set-Cookie made the change; null when none did (a script, Session Lens, before recording). */
  responseOf(event: HistoryEvent): SetCookieResponse | null;
}

const NO_TABS: Record<string, HistoryEvent[]> = {};
const NO_RESPONSES_BY_TAB: Record<string, SetCookieResponse[]> = {};
const NO_SITES: string[] = [];
const NO_EVENTS: readonly HistoryEvent[] = [];
const NO_RESPONSES: readonly SetCookieResponse[] = [];

/** One tab's history on one site and the responses behind it, live as the background records them. */
export function useSessionHistory(tabId: number | null, site: string | null): SessionHistoryControls {
  const all = useStoredValue(sessionHistoryStore, NO_TABS);
  const allResponses = useStoredValue(setCookieResponsesStore, NO_RESPONSES_BY_TAB);
  const sites = useStoredValue(backgroundHistorySitesStore, NO_SITES);
  const key = String(tabId);
  const tabEvents = tabId !== null && all && Object.hasOwn(all, key) ? all[key]! : NO_EVENTS;
  const responses = tabId !== null && allResponses && Object.hasOwn(allResponses, key) ? allResponses[key]! : NO_RESPONSES;
  const events = useMemo(() => tabEvents.filter((event) => event.site === site), [tabEvents, site]);
  const responseOf = useCallback((event: HistoryEvent) => responseFor(event, responses), [responses]);
  const onSetRecordInBackground = useCallback((on: boolean) => site !== null && void setBackgroundHistory(site, on), [site]);
  return { events, recordInBackground: site !== null && !!sites?.includes(site), onSetRecordInBackground, responseOf };
}
