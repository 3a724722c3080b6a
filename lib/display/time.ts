/** How Session Lens says when something happened: local clock time plus "3 min ago". */

/**
 * Whether a date can be made of a unix-seconds instant: a cookie may claim any number (`exp: 1e20`), a Date holds
 * ±8.64e15 ms, and its toISOString throws outside that.
 */
export function inDateRange(seconds: number): boolean {
  return Number.isFinite(seconds) && Math.abs(seconds) <= 8.64e12;
}

/** What an instant no date can hold is shown as, in place of its date and how long ago it is. */
export function outOfRangeText(seconds: number): string {
  return `out of range (${seconds})`;
}

/**
 * Made once: `toLocaleString` with options makes a formatter on every call, and a page shows a time for every cookie.
 * The first one costs the most (the locale's data is loaded), so a page may call this early, while it waits.
 */
let localTimeFormat: Intl.DateTimeFormat | undefined;

export function prepareLocalTime(): Intl.DateTimeFormat {
  localTimeFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  return localTimeFormat;
}

/** Local date and time of a unix-seconds instant, e.g. "Nov 21, 2026, 3:04:05 PM". */
export function localTime(seconds: number): string {
  if (!inDateRange(seconds)) return outOfRangeText(seconds);
  return prepareLocalTime().format(seconds * 1000);
}

/** ISO 8601 UTC of a unix-seconds instant (`2026-11-21T23:15:59Z`, milliseconds only when there are some), or undefined when out of range. */
export function isoTime(seconds: number): string | undefined {
  return inDateRange(seconds) ? new Date(seconds * 1000).toISOString().replace('.000Z', 'Z') : undefined;
}

const UNITS: readonly { limit: number; size: number; one: string; many: string }[] = [
  { limit: 55 * 60, size: 60, one: '1 min', many: 'min' },
  { limit: 22 * 3600, size: 3600, one: '1 hour', many: 'hours' },
  { limit: 60 * 86400, size: 86400, one: '1 day', many: 'days' },
  { limit: 730 * 86400, size: 30 * 86400, one: '1 month', many: 'months' },
  { limit: Infinity, size: 365 * 86400, one: '1 year', many: 'years' },
];

/** A span of seconds in round words: "45 s", "3 min", "2 hours", "31 days". */
export function durationText(seconds: number): string {
  const span = Math.abs(seconds);
  if (span < 60) return `${Math.round(span)} s`;
  for (const unit of UNITS) {
    if (span < unit.limit) {
      const count = Math.round(span / unit.size);
      return count === 1 ? unit.one : `${count.toLocaleString('en')} ${unit.many}`;
    }
  }
  return `${Math.round(span)} s`;
}

/** "3 min ago", "in 31 days", "just now", relative to `now` (both unix seconds). */
export function relativeTime(seconds: number, now: number): string {
  const delta = seconds - now;
  if (Math.abs(delta) < 10) return 'just now';
  return delta < 0 ? `${durationText(delta)} ago` : `in ${durationText(delta)}`;
}
