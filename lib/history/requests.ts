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
  /** Its `Set-Cookie` headers, one per cookie. */
  setCookies: string[];
}

/** How many requests the panel keeps to match against (the newest). */
export const MAX_SEEN_REQUESTS = 300;

/**
 * The request whose response set the event's cookie to its new value (or deleted it), the newest one that started
 * before the change was seen; null when none of those seen did (a change made by script, by another tab, or by
 * Session Lens).
 */
export function requestFor(event: HistoryEvent, requests: readonly SeenRequest[]): SeenRequest | null {
  let found: SeenRequest | null = null;
  for (const request of requests) {
    if (request.startedAt > event.at || (found && found.startedAt > request.startedAt)) continue;
    if (request.setCookies.some((header) => sets(header, event, request.startedAt))) found = request;
  }
  return found;
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
