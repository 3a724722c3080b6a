import { decodeBase64, encodeBase64 } from '../lib/codec/base64';
import { decodeUtf8, encodeUtf8 } from '../lib/codec/text';
import { isoTime } from '../lib/display/time';
import type { TypedValue } from '../lib/types';
import { truncateText } from './display-text';

/** How the payload editor reads, converts and names typed values (no React here). */

export type ValueType = TypedValue['type'];
/** The types the tree edits; objects and sets (from Marshal, PHP, pickle) are only shown. */
export type EditableType = Exclude<ValueType, 'object' | 'set'>;

export function isEditableType(type: ValueType): type is EditableType {
  return type !== 'object' && type !== 'set';
}
export type ContainerValue = Extract<TypedValue, { type: 'dict' | 'list' | 'tuple' }>;
/** Dict keys and list indexes from the top level down. */
export type KeyPath = readonly (string | number)[];
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What a datetime-local input gives: seconds are left out when they are 0, fractions only with a small step. */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const KEY_IN_PATH_LIMIT = 40;

export function isContainer(value: TypedValue): value is ContainerValue {
  return value.type === 'dict' || value.type === 'list' || value.type === 'tuple';
}

/** A number as typed: decimal notation only (`0x10`, `Infinity` and a blank field are refused, unlike `Number()`). */
export function parseNumber(text: string): Parsed<number> {
  const trimmed = text.trim();
  const number = DECIMAL.test(trimmed) ? Number(trimmed) : NaN;
  return Number.isFinite(number) ? { ok: true, value: number } : { ok: false, message: 'Enter a number, like 42 or -1.5.' };
}

/** A UUID in its canonical lowercase 8-4-4-4-12 form. */
export function parseUuid(text: string): Parsed<string> {
  const trimmed = text.trim();
  return UUID.test(trimmed)
    ? { ok: true, value: trimmed.toLowerCase() }
    : { ok: false, message: 'Enter a UUID: 32 hexadecimal digits as 8-4-4-4-12, like 12345678-1234-5678-1234-567812345678.' };
}

/** Bytes as standard base64, re-encoded so the padding is canonical. */
export function parseBase64(text: string): Parsed<string> {
  const bytes = decodeBase64(text.trim());
  return bytes ? { ok: true, value: encodeBase64(bytes) } : { ok: false, message: 'Enter standard base64: A-Z, a-z, 0-9, + and /, with = padding.' };
}

/** A datetime-local input's text read as UTC, as `YYYY-MM-DDTHH:MM:SSZ` (fractions of a second dropped). */
export function parseUtcDateTime(text: string): Parsed<string> {
  const match = LOCAL_DATE_TIME.exec(text.trim());
  if (!match) return { ok: false, message: 'Enter a date and a time.' };
  const [, year, month, day, hour, minute, second = '00'] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)));
  date.setUTCFullYear(Number(year));
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${second}Z`;
  // Date.UTC rolls Feb 30 over to Mar 2: a date that does not come back unchanged does not exist.
  return date.toISOString().replace('.000Z', 'Z') === iso ? { ok: true, value: iso } : { ok: false, message: 'This date or time does not exist.' };
}

/** The text a datetime-local input shows for a datetime value. */
export function localInputText(iso: string): string {
  return iso.replace(/Z$/, '');
}

/** Why a dict key cannot take this name, or null when it can. */
export function keyNameProblem(name: string, otherNames: readonly string[]): string | null {
  if (name === '') return 'A key needs a name.';
  return otherNames.includes(name) ? 'Another key here already has this name.' : null;
}

/** `new_key`, or `new_key_2`... when taken. */
export function newKeyName(names: readonly string[]): string {
  const taken = new Set(names);
  let name = 'new_key';
  for (let number = 2; taken.has(name); number++) name = `new_key_${number}`;
  return name;
}

/** Where a value is, for accessible names: `user.role`, `items[0]`; long keys cut. */
export function keyPathLabel(path: KeyPath): string {
  if (path.length === 0) return 'the top level';
  return path
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`;
      const short = part === '' ? '""' : truncateText(part, KEY_IN_PATH_LIMIT) + (part.length > KEY_IN_PATH_LIMIT ? '…' : '');
      return index === 0 ? short : `.${short}`;
    })
    .join('');
}

const sizes = new WeakMap<TypedValue, number>();

/** How many values the tree holds, itself included. Values are never mutated, so sizes are kept per object. */
export function nodeCount(value: TypedValue): number {
  const known = sizes.get(value);
  if (known !== undefined) return known;
  let count = 1;
  if (value.type === 'dict' || value.type === 'object') for (const [, child] of value.entries) count += nodeCount(child);
  if (value.type === 'list' || value.type === 'tuple' || value.type === 'set') for (const child of value.items) count += nodeCount(child);
  sizes.set(value, count);
  return count;
}

/** What a new key or item holds: an empty string when the format can carry one. */
export function newChildValue(types: readonly ValueType[]): TypedValue {
  const type = types.includes('string') ? 'string' : (types.find(isEditableType) ?? 'null');
  return defaultValue(type);
}

function defaultValue(type: EditableType): TypedValue {
  switch (type) {
    case 'null':
      return { type };
    case 'bool':
      return { type, value: false };
    case 'number':
      return { type, value: 0 };
    case 'string':
    case 'markup':
      return { type, value: '' };
    case 'list':
    case 'tuple':
      return { type, items: [] };
    case 'dict':
      return { type, entries: [] };
    case 'bytes':
      return { type, base64: '' };
    case 'uuid':
      return { type, value: NIL_UUID };
    case 'datetime':
      return { type, value: isoTime(Math.floor(Date.now() / 1000))! };
  }
}

/**
 * The text of a value, as it becomes a string: strings as they are, numbers and booleans as written, bytes as
 * UTF-8 text (base64 when they are not text), containers as `containerText` writes them.
 */
export function valueText(value: TypedValue, containerText: (value: TypedValue) => string): string {
  switch (value.type) {
    case 'string':
    case 'markup':
    case 'uuid':
    case 'datetime':
      return value.value;
    case 'number':
      return String(value.value);
    case 'bool':
      return value.value ? 'true' : 'false';
    case 'null':
      return '';
    case 'bytes': {
      const bytes = decodeBase64(value.base64);
      return (bytes && decodeUtf8(bytes)) ?? value.base64;
    }
    default:
      return containerText(value);
  }
}

function childrenAsItems(value: TypedValue): TypedValue[] {
  if (value.type === 'list' || value.type === 'tuple' || value.type === 'set') return value.items;
  if (value.type === 'dict' || value.type === 'object') return value.entries.map(([, child]) => child);
  return value.type === 'null' ? [] : [value];
}

function childrenAsEntries(value: TypedValue): [string, TypedValue][] {
  if (value.type === 'dict' || value.type === 'object') return value.entries;
  if (value.type === 'list' || value.type === 'tuple' || value.type === 'set') return value.items.map((child, index) => [String(index), child]);
  return [];
}

/** A unix-seconds number or an ISO-looking string as a datetime, or null. */
function asDateTime(value: TypedValue): string | null {
  if (value.type === 'number') return isoTime(Math.floor(value.value)) ?? null;
  if (value.type !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value.value)) return null;
  const milliseconds = Date.parse(value.value);
  return Number.isFinite(milliseconds) ? (isoTime(Math.floor(milliseconds / 1000)) ?? null) : null;
}

/**
 * The value turned into another type, keeping what it can: text that reads as the new type is read ("5" becomes
 * 5), anything becomes a string through its text, containers keep their children; otherwise the type's default.
 */
export function convertValue(value: TypedValue, type: EditableType, containerText: (value: TypedValue) => string): TypedValue {
  if (value.type === type) return value;
  const text = value.type === 'string' || value.type === 'markup' ? value.value : null;
  switch (type) {
    case 'string':
    case 'markup':
      return { type, value: valueText(value, containerText) };
    case 'number': {
      if (value.type === 'bool') return { type, value: value.value ? 1 : 0 };
      const parsed = text === null ? null : parseNumber(text);
      return parsed?.ok ? { type, value: parsed.value } : defaultValue(type);
    }
    case 'bool':
      if (value.type === 'number') return { type, value: value.value !== 0 };
      return { type, value: text?.trim().toLowerCase() === 'true' };
    case 'list':
    case 'tuple':
      return { type, items: childrenAsItems(value) };
    case 'dict':
      return { type, entries: childrenAsEntries(value) };
    case 'bytes':
      return { type, base64: text === null ? '' : encodeBase64(encodeUtf8(text)) };
    case 'uuid': {
      const parsed = text === null ? null : parseUuid(text);
      return parsed?.ok ? { type, value: parsed.value } : defaultValue(type);
    }
    case 'datetime': {
      const iso = asDateTime(value);
      return iso ? { type, value: iso } : defaultValue(type);
    }
    case 'null':
      return { type };
  }
}
