import { isObject } from '../codec/json';
import type { TypedValue } from '../types';
import { decodeBase64, encodeBase64 } from '../codec/base64';

/** Flask's TaggedJSONSerializer tags: a dict with exactly one of these keys is a tagged value. */
const TAGS = new Set([' t', ' b', ' m', ' u', ' d', ' di']);

const HTTP_DATE = /^[A-Za-z]{3}, (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Plain JSON as typed values (no tags interpreted). */
export function jsonToTyped(value: unknown): TypedValue {
  return toTyped(value, false);
}

/** Flask's tagged JSON as typed values: tuples, bytes, Markup, UUIDs and datetimes restored. */
export function untagFlaskJson(value: unknown): TypedValue {
  return toTyped(value, true);
}

function toTyped(value: unknown, untag: boolean): TypedValue {
  if (value === null || value === undefined) return { type: 'null' };
  if (typeof value === 'boolean') return { type: 'bool', value };
  if (typeof value === 'number') return { type: 'number', value };
  if (typeof value === 'string') return { type: 'string', value };
  if (Array.isArray(value)) return { type: 'list', items: value.map((item) => toTyped(item, untag)) };
  const entries = Object.entries(value as Record<string, unknown>);
  if (untag && entries.length === 1 && TAGS.has(entries[0]![0])) {
    const [tag, inner] = entries[0]!;
    const tagged = untagOne(tag, inner);
    if (tagged) return tagged;
  }
  return { type: 'dict', entries: entries.map(([key, item]) => [key, toTyped(item, untag)]) };
}

/** One tagged value; null when its content does not fit the tag (then it is shown as the plain dict). */
function untagOne(tag: string, inner: unknown): TypedValue | null {
  switch (tag) {
    case ' t':
      return Array.isArray(inner) ? { type: 'tuple', items: inner.map((item) => toTyped(item, true)) } : null;
    case ' b': {
      const bytes = typeof inner === 'string' ? decodeBase64(inner) : null;
      return bytes ? { type: 'bytes', base64: encodeBase64(bytes) } : null;
    }
    case ' m':
      return typeof inner === 'string' ? { type: 'markup', value: inner } : null;
    case ' u':
      return typeof inner === 'string' && /^[0-9a-f]{32}$/i.test(inner) ? { type: 'uuid', value: dashedUuid(inner) } : null;
    case ' d': {
      const iso = typeof inner === 'string' ? httpDateToIso(inner) : null;
      return iso ? { type: 'datetime', value: iso } : null;
    }
    case ' di': {
      const entries = isObject(inner) ? Object.entries(inner) : [];
      if (entries.length !== 1) return null;
      const [key, item] = entries[0]!;
      // TagDict appends "__" to the real key so the stored dict is not mistaken for a tag.
      return { type: 'dict', entries: [[key.endsWith('__') ? key.slice(0, -2) : key, toTyped(item, true)]] };
    }
    default:
      return null;
  }
}

function dashedUuid(hex: string): string {
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function httpDateToIso(text: string): string | null {
  const match = HTTP_DATE.exec(text);
  if (!match) return null;
  const [, day, monthName, year, hour, minute, second] = match;
  const month = MONTHS.indexOf(monthName!);
  if (month < 0) return null;
  const pad = (n: string | number) => String(n).padStart(2, '0');
  return `${year}-${pad(month + 1)}-${day}T${hour}:${minute}:${second}Z`;
}
