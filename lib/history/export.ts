// The history as the user copies or saves it: raw cookie values (and so their signatures) and the values of
// Set-Cookie headers are left out unless the user asks for them.
import type { HistoryEvent } from './events';
import { setCookieFor, type SetCookieResponse } from './requests';

export const REDACTED = '[redacted]';

/** One event as exported: the event and, where it was seen, the request whose response made it. */
export interface ExportedEvent extends HistoryEvent {
  /** `matchedBy`: the response's Set-Cookie header (`setCookie`) made the change; the only way a request is named. */
  request?: { method: string; url: string; status: number; matchedBy: 'set-cookie'; setCookie: string[] };
}

/** The events with the requests that caused them, redacted unless `includeRaw`. */
export function exportedEvents(events: readonly HistoryEvent[], responseOf: (event: HistoryEvent) => SetCookieResponse | null, includeRaw: boolean): ExportedEvent[] {
  return events.map((event) => {
    const response = responseOf(event);
    const exported: ExportedEvent = includeRaw ? { ...event } : redactEvent(event);
    const setCookie = response && setCookieFor(event, response);
    if (response && setCookie) {
      const header = includeRaw ? setCookie.header : redactSetCookie(setCookie.header);
      exported.request = { method: response.method, url: response.url, status: response.status, matchedBy: 'set-cookie', setCookie: [header] };
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
