// The history as the user copies or saves it: raw cookie values (and so their signatures) and the values of
// Set-Cookie headers are left out unless the user asks for them.
import { parseSetCookie } from '../codec/cookie-header';
import type { HistoryEvent } from './events';
import type { RequestMatch } from './requests';

export const REDACTED = '[redacted]';

/** One event as exported: the event and, where the devtools panel saw it, the request that caused it. */
export interface ExportedEvent extends HistoryEvent {
  /** `matchedBy`: its Set-Cookie made the change, or (the browser hid its headers) the order of the requests shows it. */
  request?: { method: string; url: string; status: number; matchedBy: RequestMatch['by']; setCookie: string[] };
}

/** The events with the requests that caused them, redacted unless `includeRaw`. */
export function exportedEvents(events: readonly HistoryEvent[], requestOf: (event: HistoryEvent) => RequestMatch | null, includeRaw: boolean): ExportedEvent[] {
  return events.map((event) => {
    const match = requestOf(event);
    const exported: ExportedEvent = includeRaw ? { ...event } : redactEvent(event);
    if (match) {
      const { request, by } = match;
      const setCookie = request.setCookies.filter((header) => parseSetCookie(header)?.name === event.cookie);
      exported.request = { method: request.method, url: request.url, status: request.status, matchedBy: by, setCookie: includeRaw ? setCookie : setCookie.map(redactSetCookie) };
    }
    return exported;
  });
}

/** The history as JSON text: `{ site, exportedAt, redacted, events }`. */
export function historyJson(site: string, events: readonly ExportedEvent[], exportedAt: number, redacted: boolean): string {
  return JSON.stringify({ site, exportedAt: new Date(exportedAt).toISOString(), redacted, events }, null, 2);
}

function redactEvent(event: HistoryEvent): HistoryEvent {
  return {
    ...event,
    before: event.before && { ...event.before, value: REDACTED },
    after: event.after && { ...event.after, value: REDACTED },
  };
}

/** `name=value; Path=/; HttpOnly` -> `name=[redacted]; Path=/; HttpOnly`. */
export function redactSetCookie(header: string): string {
  const [pair = '', ...attributes] = header.split(';');
  const equals = pair.indexOf('=');
  const name = equals < 0 ? pair : pair.slice(0, equals);
  return [`${name}=${REDACTED}`, ...attributes].join(';');
}
