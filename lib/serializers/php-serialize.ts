import { isObject, MAX_JSON_DEPTH, type JsonText } from '../codec/json';
import { decodeLatin1, decodeUtf8, encodeUtf8 } from '../codec/text';
import type { TypedValue } from '../types';

/** Far more than a cookie holds (browsers cap one at 4 KiB); Laravel's cookie session is one cookie. */
const MAX_PHP_BYTES = 256 * 1024;

/** Values read from one payload, counting every key, element and property. */
const MAX_PHP_VALUES = 20_000;

/** Room for the envelope a format puts the value in (Laravel's `{"data": …}`) under the JSON depth limit. */
const MAX_PHP_DEPTH = MAX_JSON_DEPTH - 4;

/** `unserialize()` read without running anything: `value` JSON-able, `typed` for display. */
type PhpValue = { ok: true; value: unknown; typed: TypedValue } | { ok: false; reason: string };

interface Read {
  value: unknown;
  typed: TypedValue;
}

class NotSerialized extends Error {}

const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|INF|-INF|NAN)$/;
const NON_FINITE: Record<string, number> = { INF: Infinity, '-INF': -Infinity, NAN: NaN };

/**
 * PHP `serialize()` output as data: objects become their class name and properties (`{"@class": …}`), custom
 * serialized ones (`C:`) their class name and raw data, references (`r:`/`R:`) a `{"@ref": n}` marker. Nothing is
 * instantiated, no `__wakeup`/`__unserialize` runs, and depth, size and value count are bounded.
 */
export function unserializePhp(bytes: Uint8Array): PhpValue {
  if (bytes.length > MAX_PHP_BYTES) return { ok: false, reason: `PHP serialized data larger than ${MAX_PHP_BYTES} bytes` };
  try {
    const reader = new PhpReader(bytes);
    const read = reader.value(0);
    if (reader.pos !== bytes.length) throw new NotSerialized(`unexpected bytes after the value at offset ${reader.pos}`);
    return { ok: true, ...read };
  } catch (error) {
    if (error instanceof NotSerialized) return { ok: false, reason: `not PHP serialize() output: ${error.message}` };
    throw error;
  }
}

/**
 * PHP `serialize()` of JSON data as PHP holds it once decoded (`json_decode($json, true)`): objects and lists are
 * arrays, keys that are canonical decimal integers become int keys, whole numbers ints and the others floats.
 * `unserializePhp` reads it back; refused beyond the depth it reads.
 */
export function serializePhp(value: unknown): JsonText {
  try {
    return { ok: true, text: phpSerialized(value, 0) };
  } catch (error) {
    if (error instanceof NotSerialized) return { ok: false, reason: error.message };
    throw error;
  }
}

/** A PHP array key that PHP stores as an int: `"10"`, `"-3"`, never `"05"` or `"-0"` (within PHP_INT range, here the safe integers). */
const INT_KEY = /^(?:0|-?[1-9]\d{0,15})$/;

function phpSerialized(value: unknown, depth: number): string {
  if (value === null) return 'N;';
  if (typeof value === 'boolean') return `b:${value ? 1 : 0};`;
  if (typeof value === 'number') return phpNumber(value);
  if (typeof value === 'string') return phpString(value);
  if (!Array.isArray(value) && !isObject(value)) throw new NotSerialized(`a ${typeof value} is not JSON`);
  if (depth >= MAX_PHP_DEPTH) throw new NotSerialized(`nested deeper than ${MAX_PHP_DEPTH} levels`);
  const entries = Object.entries(value);
  const members = entries.map(([key, item]) => `${phpKey(key)}${phpSerialized(item, depth + 1)}`);
  return `a:${entries.length}:{${members.join('')}}`;
}

function phpNumber(value: number): string {
  if (!Number.isFinite(value)) throw new NotSerialized(`${value} is not a JSON number`);
  if (Number.isSafeInteger(value)) return `i:${value};`;
  // The same shortest round-trip digits as JavaScript; PHP writes an exponent (`1.0E+17`) outside 1e-4 <= |x| < 1e17.
  const [digits, exponent] = value.toExponential().split('e') as [string, string];
  const pointAt = Number(exponent) + 1;
  if (pointAt >= -3 && pointAt <= 17) return `d:${String(value)};`;
  return `d:${digits.includes('.') ? digits : `${digits}.0`}E${exponent};`;
}

function phpKey(key: string): string {
  return INT_KEY.test(key) && Number.isSafeInteger(Number(key)) ? `i:${key};` : phpString(key);
}

/** `s:N:"…";`, N counting the UTF-8 bytes. */
function phpString(text: string): string {
  return `s:${encodeUtf8(text).length}:"${text}";`;
}

/** The name PHP mangles into a non-public property's key: `\0*\0name` (protected), `\0Class\0name` (private). */
export function readablePropertyName(key: string): string {
  if (!key.startsWith('\0')) return key;
  const end = key.indexOf('\0', 1);
  if (end < 0) return key;
  const scope = key.slice(1, end);
  const name = key.slice(end + 1);
  return scope === '*' ? `${name} (protected)` : `${name} (private ${scope})`;
}

/** PHP strings are bytes: UTF-8 in practice, latin-1 as the lossless fallback. */
function phpText(bytes: Uint8Array): string {
  return decodeUtf8(bytes) ?? decodeLatin1(bytes);
}

/** Sets an own property, `__proto__` included, as JSON.parse would. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

class PhpReader {
  pos = 0;
  private count = 0;

  constructor(private readonly bytes: Uint8Array) {}

  value(depth: number): Read {
    if (++this.count > MAX_PHP_VALUES) throw new NotSerialized(`more than ${MAX_PHP_VALUES} values`);
    const tag = this.bytes[this.pos];
    if (tag === 0x4e /* N */) {
      this.expect(';', 1);
      return { value: null, typed: { type: 'null' } };
    }
    this.expect(':', 1);
    switch (tag) {
      case 0x62 /* b */: {
        const text = this.until(';');
        if (text !== '0' && text !== '1') throw new NotSerialized(`boolean ${JSON.stringify(text)}`);
        return { value: text === '1', typed: { type: 'bool', value: text === '1' } };
      }
      case 0x69 /* i */:
        return this.number(this.integer(';'));
      case 0x64 /* d */:
        return this.float();
      case 0x73 /* s */:
      case 0x53 /* S */: {
        const text = this.string(tag);
        this.expect(';');
        return { value: text, typed: { type: 'string', value: text } };
      }
      case 0x61 /* a */:
        return this.array(depth);
      case 0x4f /* O */:
        return this.object(depth);
      case 0x43 /* C */:
        return this.custom();
      case 0x45 /* E */: {
        const name = this.quoted(this.length(':'));
        this.expect(';');
        return { value: { '@enum': name }, typed: { type: 'object', className: name.split(':')[0]!, entries: [['case', { type: 'string', value: name.slice(name.indexOf(':') + 1) }]] } };
      }
      case 0x72 /* r */:
      case 0x52 /* R */: {
        // A back reference to the n-th value read: shown as a marker, so a cycle cannot be followed.
        const target = this.integer(';');
        return { value: { '@ref': target }, typed: { type: 'dict', entries: [['@ref', { type: 'number', value: target }]] } };
      }
      default:
        throw new NotSerialized(`unknown type at offset ${this.pos - 2}`);
    }
  }

  private array(depth: number): Read {
    const size = this.length(':');
    this.expect('{');
    const entries = this.members(size, depth, false);
    this.expect('}');
    // As json_encode writes it: a list when the keys are 0..n-1 in order, an object otherwise.
    const isList = entries.every(([key], index) => key === index);
    const value = isList ? entries.map(([, item]) => item.value) : Object.create(Object.prototype);
    if (!isList) for (const [key, item] of entries) setOwn(value, String(key), item.value);
    return { value, typed: isList ? { type: 'list', items: entries.map(([, item]) => item.typed) } : { type: 'dict', entries: entries.map(([key, item]) => [String(key), item.typed]) } };
  }

  private object(depth: number): Read {
    const className = this.quoted(this.length(':'));
    this.expect(':');
    const size = this.length(':');
    this.expect('{');
    const entries = this.members(size, depth, true);
    this.expect('}');
    const value: Record<string, unknown> = { '@class': className };
    const typedEntries: [string, TypedValue][] = [];
    for (const [key, item] of entries) {
      const name = readablePropertyName(String(key));
      setOwn(value, name, item.value);
      typedEntries.push([name, item.typed]);
    }
    return { value, typed: { type: 'object', className, entries: typedEntries } };
  }

  /** `C:len:"Class":len:{data}`: the class's own `serialize()` format, shown as it is. */
  private custom(): Read {
    const className = this.quoted(this.length(':'));
    this.expect(':');
    const size = this.length(':');
    this.expect('{');
    const data = phpText(this.take(size));
    this.expect('}');
    return { value: { '@class': className, '@serialized': data }, typed: { type: 'object', className, entries: [['serialized', { type: 'string', value: data }]] } };
  }

  /** `size` key/value pairs; keys are `i:`, `s:` or `S:` (object properties may be any of them too). */
  private members(size: number, depth: number, isObject: boolean): [string | number, Read][] {
    if (depth >= MAX_PHP_DEPTH) throw new NotSerialized(`nested deeper than ${MAX_PHP_DEPTH} levels`);
    const entries: [string | number, Read][] = [];
    for (let i = 0; i < size; i++) {
      entries.push([this.key(isObject), this.value(depth + 1)]);
    }
    return entries;
  }

  private key(isObject: boolean): string | number {
    const tag = this.bytes[this.pos];
    this.expect(':', 1);
    if (tag === 0x69 /* i */) return this.integer(';');
    if (tag === 0x73 /* s */ || tag === 0x53 /* S */) {
      const key = this.string(tag);
      this.expect(';');
      return key;
    }
    throw new NotSerialized(`${isObject ? 'property name' : 'array key'} is neither int nor string at offset ${this.pos - 2}`);
  }

  private float(): Read {
    const text = this.until(';');
    if (!FLOAT.test(text)) throw new NotSerialized(`float ${JSON.stringify(text)}`);
    if (text in NON_FINITE) return { value: text, typed: { type: 'number', value: NON_FINITE[text]! } };
    return this.number(Number(text));
  }

  private number(value: number): Read {
    return { value, typed: { type: 'number', value } };
  }

  private integer(end: string): number {
    const text = this.until(end);
    if (!INTEGER.test(text)) throw new NotSerialized(`integer ${JSON.stringify(text)}`);
    return Number(text);
  }

  /** A byte count or element count, which cannot exceed what is left of the input. */
  private length(end: string): number {
    const text = this.until(end);
    if (!/^\d{1,7}$/.test(text)) throw new NotSerialized(`length ${JSON.stringify(text)}`);
    const length = Number(text);
    if (length > this.bytes.length - this.pos) throw new NotSerialized(`length ${length} runs past the end`);
    return length;
  }

  /** `s:len:"bytes"`, or `S:len:"…"`, whose bytes may be written `\xx` in hex (PHP 6's escaped strings, still read). */
  private string(tag: number): string {
    const length = this.length(':');
    return tag === 0x53 /* S */ ? this.escaped(length) : this.quoted(length);
  }

  /** `"<length bytes, each itself or \xx>"`, as PHP's `unserialize_str` reads it. */
  private escaped(length: number): string {
    this.expect('"');
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      const byte = this.bytes[this.pos];
      if (byte === undefined) throw new NotSerialized(`${length} bytes run past the end`);
      if (byte !== 0x5c /* \ */) {
        bytes[i] = byte;
        this.pos++;
        continue;
      }
      const hex = decodeLatin1(this.bytes.subarray(this.pos + 1, this.pos + 3));
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new NotSerialized(`escape "\\${hex}" is not two hex digits at offset ${this.pos}`);
      bytes[i] = parseInt(hex, 16);
      this.pos += 3;
    }
    this.expect('"');
    return phpText(bytes);
  }

  /** `"<length bytes>"`. */
  private quoted(length: number): string {
    this.expect('"');
    const text = phpText(this.take(length));
    this.expect('"');
    return text;
  }

  private take(length: number): Uint8Array {
    if (this.pos + length > this.bytes.length) throw new NotSerialized(`${length} bytes run past the end`);
    const slice = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return slice;
  }

  /** The ASCII text up to `end` (at most 32 characters: numbers and lengths), consuming `end`. */
  private until(end: string): string {
    const stop = this.bytes.subarray(this.pos, this.pos + 33).indexOf(end.charCodeAt(0));
    if (stop < 0) throw new NotSerialized(`no "${end}" at offset ${this.pos}`);
    const text = decodeLatin1(this.bytes.subarray(this.pos, this.pos + stop));
    this.pos += stop + 1;
    return text;
  }

  /** The `char` after `skip` bytes. */
  private expect(char: string, skip = 0): void {
    this.pos += skip;
    if (this.bytes[this.pos] !== char.charCodeAt(0)) throw new NotSerialized(`expected "${char}" at offset ${this.pos}`);
    this.pos++;
  }
}
