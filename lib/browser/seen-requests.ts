// The inspected tab's requests, as the devtools panel sees them (only a devtools page has devtools.network): the
// history names the request whose response set a cookie.
import { browser } from 'wxt/browser';
import { setCookieHeaders, type SeenRequest } from '../history/requests';

/** The parts of a HAR entry Session Lens reads; what arrives is checked, a HAR entry is the page's data. */
interface HarEntry {
  startedDateTime?: unknown;
  request?: { method?: unknown; url?: unknown };
  response?: { status?: unknown; headers?: unknown };
}

/** Whether this page can see the inspected tab's requests (the devtools panel; not its deep-linked page). */
export function canSeeRequests(): boolean {
  return !!browser.devtools?.network?.onRequestFinished;
}

/** Calls `seen` with each finished request of the inspected tab that set cookies; returns the unsubscribe. */
export function watchRequests(seen: (request: SeenRequest) => void): () => void {
  const network = browser.devtools?.network;
  if (!network?.onRequestFinished) return () => undefined;
  const listener = (entry: unknown) => {
    const request = seenRequest(entry as HarEntry);
    if (request) seen(request);
  };
  network.onRequestFinished.addListener(listener);
  return () => network.onRequestFinished.removeListener(listener);
}

/** A HAR entry as a SeenRequest, or null when it sets no cookie or is not shaped as one. */
export function seenRequest(entry: HarEntry): SeenRequest | null {
  const { request, response } = entry;
  if (typeof request?.method !== 'string' || typeof request.url !== 'string' || typeof response?.status !== 'number' || !Array.isArray(response.headers)) return null;
  const headers = response.headers.filter((header): header is { name: string; value: string } => typeof header?.name === 'string' && typeof header.value === 'string');
  const setCookies = setCookieHeaders(headers);
  const startedAt = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : NaN;
  if (setCookies.length === 0 || Number.isNaN(startedAt)) return null;
  return { method: request.method, url: request.url, status: response.status, startedAt, setCookies };
}
