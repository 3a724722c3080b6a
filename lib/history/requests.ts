// Which response set a cookie: the background sees the Set-Cookie headers of the recorded tabs' responses, the
// history sees every change of their cookies; a change is matched to the response whose Set-Cookie made it.
import { parseSetCookie } from '../codec/cookie-header';
import type { CookieInput } from '../types';
import type { HistoryEvent } from './events';

/** A response of a recorded tab that set cookies. */
export interface SetCookieResponse {
  method: string;
  url: string;
  status: number;
  /** Unix milliseconds the browser stamped on its headers (to the fraction: see LATE_STAMP_MS). */
  at: number;
  /** Its `Set-Cookie` headers, one per cookie. */
  setCookies: string[];
}

/** How many responses of one tab are kept to match against (the newest). */
export const MAX_RESPONSES_PER_TAB = 100;

/**
 * How long after a change the response that made it may be stamped: the browser tells of a response and of the cookie
 * change it made by two routes, and does not promise their order.
 */
const LATE_STAMP_MS = 2_000;

/**
 * The response that made the change: the newest one stamped before it whose Set-Cookie sets the cookie to its new
 * value (or deletes it); failing that, the first one stamped just after it that does. Null when none did: a change
 * made by script, by Session Lens, or before the tab was recorded. Never a guess: a response that did not set this
 * value is never named.
 */
export function responseFor(event: HistoryEvent, responses: readonly SetCookieResponse[]): SetCookieResponse | null {
  let before: SetCookieResponse | null = null;
  let after: SetCookieResponse | null = null;
  for (const response of responses) {
    if (response.at > event.at + LATE_STAMP_MS || !setCookieFor(event, response)) continue;
    if (response.at <= event.at) {
      if (!before || response.at >= before.at) before = response;
    } else if (!after || response.at < after.at) {
      after = response;
    }
  }
  return before ?? after;
}

/** The response's Set-Cookie header that made the change, read as the browser stored it; null when it has none. */
export function setCookieFor(event: HistoryEvent, response: SetCookieResponse): { header: string; cookie: CookieInput } | null {
  const now = Math.floor(response.at / 1000);
  for (const header of response.setCookies) {
    const cookie = parseSetCookie(header, now);
    if (cookie?.name === event.cookie && makes(event, cookie, now)) return { header, cookie };
  }
  return null;
}

function makes(event: HistoryEvent, cookie: CookieInput, now: number): boolean {
  if (event.after) return cookie.value === event.after.value;
  // A site deletes a cookie by setting it already expired.
  return cookie.expirationDate !== undefined && cookie.expirationDate <= now;
}

/** The Set-Cookie headers among response headers: one entry each, or (Firefox) several joined by newlines. */
export function setCookieHeaders(headers: readonly { name: string; value?: string }[]): string[] {
  return headers
    .filter((header) => header.name.toLowerCase() === 'set-cookie')
    .flatMap((header) => (header.value ?? '').split('\n').filter((line) => line.trim() !== ''));
}
