// The inspected tab's requests, as the devtools panel sees them (only a devtools page has devtools.network): the
// history names the request whose response set a cookie.
import { browser } from 'wxt/browser';
import { setCookieHeaders, type SeenRequest } from '../history/requests';

/** The parts of a HAR entry Session Lens reads; what arrives is checked, a HAR entry is the page's data. */
interface HarEntry {
  startedDateTime?: unknown;
  request?: { method?: unknown; url?: unknown; headers?: unknown };
  response?: { status?: unknown; headers?: unknown };
}

/** Whether this page can see the inspected tab's requests (the devtools panel; not its deep-linked page). */
export function canSeeRequests(): boolean {
  return !!browser.devtools?.network?.onRequestFinished;
}

/** Calls `seen` with each finished request of the inspected tab; returns the unsubscribe. */
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

/** A HAR entry as a SeenRequest, or null when it is not shaped as one. */
export function seenRequest(entry: HarEntry): SeenRequest | null {
  const { request, response } = entry;
  if (typeof request?.method !== 'string' || typeof request.url !== 'string' || typeof response?.status !== 'number' || !Array.isArray(response.headers)) return null;
  const headers = namedHeaders(response.headers);
  const startedAt = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : NaN;
  if (Number.isNaN(startedAt)) return null;
  return { method: request.method, url: request.url, status: response.status, startedAt, setCookies: setCookieHeaders(headers), cookieHeader: cookieHeader(namedHeaders(request.headers)) };
}

function namedHeaders(headers: unknown): { name: string; value: string }[] {
  return Array.isArray(headers) ? headers.filter((header): header is { name: string; value: string } => typeof header?.name === 'string' && typeof header.value === 'string') : [];
}

/** The request's `Cookie:` header ('' when it sent none). */
function cookieHeader(headers: readonly { name: string; value: string }[]): string {
  return headers.filter((header) => header.name.toLowerCase() === 'cookie').map((header) => header.value).join('; ');
}
