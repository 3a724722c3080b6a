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

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const ISO_SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const DASHED_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type TaggedJson = { ok: true; json: unknown } | { ok: false; message: string };

/**
 * Typed values as Flask's TaggedJSONSerializer tags them: the inverse of `untagFlaskJson`. A dict whose only key is a
 * tag is wrapped in `{" di": {key + "__": …}}` as TagDict does; what Flask cannot carry (an object a serializer named)
 * or a value not in the form `TypedValue` gives it is a message naming where it is.
 */
export function tagFlaskJson(value: TypedValue): TaggedJson {
  try {
    return { ok: true, json: tagged(value, []) };
  } catch (error) {
    if (error instanceof CannotTag) return { ok: false, message: error.message };
    throw error;
  }
}

class CannotTag extends Error {}

function tagged(value: TypedValue, path: readonly (string | number)[]): unknown {
  const fail = (why: string): never => {
    throw new CannotTag(`${path.length === 0 ? 'the payload' : `at ${path.map((step) => `[${JSON.stringify(step)}]`).join('')}`}: ${why}`);
  };
  switch (value.type) {
    case 'null':
      return null;
    case 'bool':
    case 'number':
    case 'string':
      return value.value;
    case 'list':
      return value.items.map((item, i) => tagged(item, [...path, i]));
    case 'tuple':
      return { ' t': value.items.map((item, i) => tagged(item, [...path, i])) };
    case 'bytes':
      return decodeBase64(value.base64) ? { ' b': value.base64 } : fail('the bytes are not base64');
    case 'markup':
      return { ' m': value.value };
    case 'uuid':
      return DASHED_UUID.test(value.value) ? { ' u': value.value.replace(/-/g, '') } : fail(`${JSON.stringify(value.value)} is not a lowercase 8-4-4-4-12 UUID`);
    case 'datetime': {
      const date = isoToHttpDate(value.value);
      return date ?? fail(`${JSON.stringify(value.value)} is not a date and time like 2024-01-02T03:04:05Z`);
    }
    case 'dict': {
      const keys = new Set<string>();
      const entries = value.entries.map(([key, item]): [string, unknown] => {
        if (keys.has(key)) fail(`the key ${JSON.stringify(key)} is there twice`);
        keys.add(key);
        return [key, tagged(item, [...path, key])];
      });
      // TagDict: a one-key dict that would read as a tag keeps its key with "__" appended.
      if (entries.length === 1 && TAGS.has(entries[0]![0])) return { ' di': Object.fromEntries([[`${entries[0]![0]}__`, entries[0]![1]]]) };
      return Object.fromEntries(entries);
    }
    case 'object':
      return fail(`a ${value.className} object cannot be written in a Flask session`);
  }
}

/** `werkzeug.http.http_date`: what TagDateTime stores; null for text that is not a real UTC time. */
function isoToHttpDate(iso: string): { ' d': string } | null {
  const match = ISO_SECONDS.exec(iso);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { ' d': `${WEEKDAYS[date.getUTCDay()]}, ${pad(day)} ${MONTHS[month - 1]} ${year} ${pad(hour)}:${pad(minute)}:${pad(second)} GMT` };
}
