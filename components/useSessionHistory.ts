import { useCallback, useEffect, useMemo, useState } from 'react';
import { backgroundHistorySitesStore, sessionHistoryStore, setBackgroundHistory } from '../lib/browser/session-history';
import { canSeeRequests, watchRequests } from '../lib/browser/seen-requests';
import type { HistoryEvent } from '../lib/history/events';
import { MAX_SEEN_REQUESTS, requestFor, type RequestMatch, type SeenRequest } from '../lib/history/requests';
import { useStoredValue } from './useSiteSettings';

export interface SessionHistoryControls {
  /** The tab's events on this site, newest first. */
  events: readonly HistoryEvent[];
  /** The site's tabs are recorded while no Session Lens page is open. */
  recordInBackground: boolean;
  onSetRecordInBackground(on: boolean): void;
  /** The request whose response made the change (devtools panel only; null elsewhere or when none was seen). */
  requestOf(event: HistoryEvent): RequestMatch | null;
  /** Whether this page sees the tab's requests (the devtools panel). */
  seesRequests: boolean;
}

const NO_TABS: Record<string, HistoryEvent[]> = {};
const NO_SITES: string[] = [];
const NO_EVENTS: readonly HistoryEvent[] = [];

/** One tab's history on one site, live as the background records it, and (in the devtools panel) the requests. */
export function useSessionHistory(tabId: number | null, site: string | null): SessionHistoryControls {
  const all = useStoredValue(sessionHistoryStore, NO_TABS);
  const sites = useStoredValue(backgroundHistorySitesStore, NO_SITES);
  const key = String(tabId);
  const tabEvents = tabId !== null && all && Object.hasOwn(all, key) ? all[key]! : NO_EVENTS;
  const events = useMemo(() => tabEvents.filter((event) => event.site === site), [tabEvents, site]);
  const requests = useSeenRequests();
  const requestOf = useCallback((event: HistoryEvent) => requestFor(event, requests), [requests]);
  const onSetRecordInBackground = useCallback((on: boolean) => site !== null && void setBackgroundHistory(site, on), [site]);
  return { events, recordInBackground: site !== null && !!sites?.includes(site), onSetRecordInBackground, requestOf, seesRequests: canSeeRequests() };
}

/** The inspected tab's requests, the newest MAX_SEEN_REQUESTS, since the panel opened. */
function useSeenRequests(): readonly SeenRequest[] {
  const [requests, setRequests] = useState<readonly SeenRequest[]>([]);
  useEffect(() => watchRequests((request) => setRequests((seen) => [...seen, request].slice(-MAX_SEEN_REQUESTS))), []);
  return requests;
}
