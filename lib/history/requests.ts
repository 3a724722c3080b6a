// Which request's response set a cookie: the devtools panel sees every request of the inspected tab, the history
// sees every change of its cookies; a change is matched to the response whose Set-Cookie made it.
import { parseCookieHeader, parseSetCookie } from '../codec/cookie-header';
import type { HistoryEvent } from './events';

/** A finished request of the inspected tab, with the cookies its response set. */
export interface SeenRequest {
  method: string;
  url: string;
  status: number;
  /** Unix milliseconds the request started. */
  startedAt: number;
  /** Its `Set-Cookie` headers, one per cookie, where the browser shows them (Chromium hides them from extensions). */
  setCookies: string[];
  /** Its `Cookie:` header: the cookies the browser sent with it. */
  cookieHeader: string;
}

/**
 * How a change was matched to its request: the Set-Cookie that made it; or, where the browser hides Set-Cookie, by
 * order: the site's request started last before the first request that sent the new state.
 */
export type RequestMatch = { request: SeenRequest; by: 'set-cookie' | 'order' };

/** How far from the change (either way: the browser tells of a change a little late) the requests matched by order lie. */
const ORDER_WINDOW_MS = 5_000;

/** How many requests the panel keeps to match against (the newest). */
export const MAX_SEEN_REQUESTS = 300;

/**
 * The request whose response made the change: the newest one started before it whose Set-Cookie sets the cookie to
 * its new value (or deletes it). Where the browser hides Set-Cookie: the first request that sent the new state (the
 * new value, or no longer the old one) shows the change was made before it started, so the site's request started
 * last before it made it. Null when none fits (a change made by script, by another tab, by Session Lens, or one
 * no request has shown yet).
 */
export function requestFor(event: HistoryEvent, requests: readonly SeenRequest[]): RequestMatch | null {
  let exact: SeenRequest | null = null;
  for (const request of requests) {
    if (request.startedAt > event.at || (exact && exact.startedAt > request.startedAt)) continue;
    if (request.setCookies.some((header) => sets(header, event, request.startedAt))) exact = request;
  }
  if (exact) return { request: exact, by: 'set-cookie' };
  const host = hostOf(event.site);
  const near = requests.filter((request) => hostOf(request.url) === host && Math.abs(request.startedAt - event.at) <= ORDER_WINDOW_MS).sort((a, b) => a.startedAt - b.startedAt);
  const after = firstRequestAfter(event, near);
  if (!after) return null;
  // The request started last before that one: a redirect's next request starts once its response is in.
  const setter = near.filter((request) => request.setCookies.length === 0 && request.startedAt < after.startedAt).at(-1);
  return setter ? { request: setter, by: 'order' } : null;
}

/** The first request (of those in start order) that sent the cookie as the change left it. */
function firstRequestAfter(event: HistoryEvent, requests: readonly SeenRequest[]): SeenRequest | undefined {
  const sent = (request: SeenRequest) => parseCookieHeader(request.cookieHeader).find((cookie) => cookie.name === event.cookie)?.value;
  if (event.after) return requests.find((request) => sent(request) === event.after!.value);
  // Removed: the first request without it after the last one that still sent the old value.
  const before = event.before!.value;
  const lastWithOld = requests.findLastIndex((request) => sent(request) === before);
  return requests.slice(lastWithOld + 1).find((request) => sent(request) === undefined);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function sets(header: string, event: HistoryEvent, startedAt: number): boolean {
  const cookie = parseSetCookie(header, Math.floor(startedAt / 1000));
  if (!cookie || cookie.name !== event.cookie) return false;
  if (event.after) return cookie.value === event.after.value;
  // A site deletes a cookie by setting it already expired.
  return cookie.expirationDate !== undefined && cookie.expirationDate * 1000 <= startedAt;
}

/** The Set-Cookie headers of a HAR response: one entry each, or (Chromium, for some responses) joined by newlines. */
export function setCookieHeaders(headers: readonly { name: string; value: string }[]): string[] {
  return headers.filter((header) => header.name.toLowerCase() === 'set-cookie').flatMap((header) => header.value.split('\n').filter((line) => line.trim() !== ''));
}
