// Which request's response set a cookie: the devtools panel sees every request of the inspected tab, the history
// sees every change of its cookies; a change is matched to the response whose Set-Cookie made it.
import { parseSetCookie } from '../codec/cookie-header';
import type { HistoryEvent } from './events';

/** A finished request of the inspected tab, with the cookies its response set. */
export interface SeenRequest {
  method: string;
  url: string;
  status: number;
  /** Unix milliseconds the request started. */
  startedAt: number;
  /** Unix milliseconds its response headers (and so its cookies) arrived. */
  respondedAt: number;
  /** Its `Set-Cookie` headers, one per cookie, where the browser shows them (Chromium hides them from extensions). */
  setCookies: string[];
}

/** How a change was matched to its request: the Set-Cookie that made it, or (headers hidden) the response just before. */
export type RequestMatch = { request: SeenRequest; by: 'set-cookie' | 'timing' };

/** How long before a change a response with hidden headers may have made it. */
const TIMING_WINDOW_MS = 2_000;

/** How many requests the panel keeps to match against (the newest). */
export const MAX_SEEN_REQUESTS = 300;

/**
 * The request whose response made the change: the newest one started before it whose Set-Cookie sets the cookie to
 * its new value (or deletes it); where the browser hides Set-Cookie, the last response of the site that arrived
 * before the change (within 2 s), as a timing match. Null when none fits (a change made by script, by another tab,
 * by Session Lens).
 */
export function requestFor(event: HistoryEvent, requests: readonly SeenRequest[]): RequestMatch | null {
  let exact: SeenRequest | null = null;
  let timed: SeenRequest | null = null;
  const host = hostOf(event.site);
  for (const request of requests) {
    if (request.startedAt > event.at) continue;
    if (request.setCookies.some((header) => sets(header, event, request.startedAt))) {
      if (!exact || request.startedAt >= exact.startedAt) exact = request;
    } else if (request.setCookies.length === 0 && hostOf(request.url) === host && request.respondedAt <= event.at && event.at - request.respondedAt <= TIMING_WINDOW_MS) {
      if (!timed || request.respondedAt >= timed.respondedAt) timed = request;
    }
  }
  return exact ? { request: exact, by: 'set-cookie' } : timed ? { request: timed, by: 'timing' } : null;
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
