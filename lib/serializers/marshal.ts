import { decodeBase64, encodeBase64 } from '../codec/base64';
import { MAX_JSON_DEPTH, TOO_DEEP } from '../codec/json';
import { decodeLatin1, decodeUtf8, encodeLatin1, encodeUtf8 } from '../codec/text';
import { malformed, type Problem, type TypedValue } from '../types';

/**
 * A safe reader of Ruby Marshal 4.8 (`Marshal.dump`): it reads the stream into data and NEVER creates the objects it
 * names, so a gadget chain is shown, not run. Payload (JSON-able): a Hash with string or symbol keys is an object
 * (other keys as Ruby's JSON writes them, by `to_s`), a Symbol a string, an object `{"@class": name, ...ivars}`,
 * a `_dump`/`marshal_dump` object `{"@class": name, "@data": data}`, bytes that are not text `{"@bytes": base64}`.
 * `typed` keeps the class names.
 */
type MarshalResult = { ok: true; payload: unknown; typed: TypedValue } | { ok: false; problem: Problem };

/** Whether bytes are Marshal 4.8 data. */
export function isMarshal(bytes: Uint8Array): boolean {
  return bytes[0] === 4 && bytes[1] === 8;
}

/** Values in the tree, links expanded: far more than a cookie holds, few enough to show and serialize. */
export const MAX_MARSHAL_NODES = 10_000;

export function readMarshal(bytes: Uint8Array): MarshalResult {
  if (!isMarshal(bytes)) return { ok: false, problem: malformed('not Ruby Marshal 4.8 data') };
  const reader = new MarshalReader(bytes);
  try {
    const node = reader.value(0);
    if (reader.offset !== bytes.length) return { ok: false, problem: malformed('Marshal data continues after the value') };
    return { ok: true, payload: node.payload, typed: node.typed };
  } catch (error) {
    if (error instanceof MarshalError) return { ok: false, problem: malformed(error.message) };
    throw error;
  }
}

class MarshalError extends Error {}

/** One value read: its JSON-able and typed forms, how many values it holds and how deep it nests (links included). */
interface Node {
  payload: unknown;
  typed: TypedValue;
  size: number;
  height: number;
}

/** A string's bytes and, once its ivars are read, its encoding (none: ASCII-8BIT). */
interface RubyString {
  bytes: Uint8Array;
  encoding: string | null;
}

/** Values read one inside another: every level of MAX_JSON_DEPTH with room for a wrapper or two (`IC{`, `Io`). */
const MAX_READING = 4 * MAX_JSON_DEPTH;

/** An object table slot whose value is still being read (a link to it is a cycle). */
const PENDING = null;

class MarshalReader {
  offset = 2;
  private nodes = 0;
  /** Values being read, one inside the other. */
  private reading = 0;
  private readonly symbols: (string | undefined)[] = [];
  private readonly objects: (Node | typeof PENDING)[] = [];

  constructor(private readonly bytes: Uint8Array) {}

  /** A value `depth` containers down: refused when its own containers would nest deeper than MAX_JSON_DEPTH in all. */
  value(depth: number): Node {
    if (depth > MAX_JSON_DEPTH) throw new MarshalError(TOO_DEEP);
    const node = this.nested(() => this.anyValue(depth));
    if (depth + node.height > MAX_JSON_DEPTH) throw new MarshalError(TOO_DEEP);
    return node;
  }

  /** Wrappers (`I`, `C`, `e`) hold their value at the same depth: the reads in progress are bounded apart from it. */
  private nested(read: () => Node): Node {
    if (++this.reading > MAX_READING) throw new MarshalError(TOO_DEEP);
    const node = read();
    this.reading--;
    return node;
  }

  private anyValue(depth: number): Node {
    this.count(1);
    const type = this.byte();
    switch (type) {
      case 0x30: // '0'
        return leaf(null, { type: 'null' });
      case 0x54: // 'T'
        return leaf(true, { type: 'bool', value: true });
      case 0x46: // 'F'
        return leaf(false, { type: 'bool', value: false });
      case 0x69: {
        // 'i'
        const value = this.int();
        return leaf(value, { type: 'number', value });
      }
      case 0x3a: // ':'
      case 0x3b: {
        // ';'
        this.offset--;
        const name = this.symbol(depth);
        return leaf(name, { type: 'string', value: name });
      }
      case 0x22: // '"'
        return this.string(depth, false);
      case 0x49: // 'I'
        return this.withIvars(depth);
      case 0x66: // 'f'
        return this.register(float(this.text()));
      case 0x6c: // 'l'
        return this.register(this.bignum());
      case 0x5b: // '['
        return this.array(depth);
      case 0x7b: // '{'
      case 0x7d: // '}'
        return this.hash(depth, type === 0x7d);
      case 0x6f: // 'o'
        return this.object(depth);
      case 0x53: // 'S'
        return this.struct(depth);
      case 0x75: // 'u'
        return this.userDump(depth, false);
      case 0x55: // 'U'
      case 0x64: // 'd'
        return this.userMarshal(depth);
      case 0x43: // 'C': a subclass of String, Array, Hash or Regexp
        return this.userClass(depth, false);
      case 0x65: // 'e': extended by a module, which changes nothing in the data
        this.symbol(depth);
        return this.value(depth);
      case 0x2f: // '/'
        return this.regexp(depth, false);
      case 0x63: // 'c'
      case 0x6d: // 'm'
      case 0x4d: // 'M'
        return this.register(classReference(type === 0x63 ? 'Class' : 'Module', decodeLatin1(this.rawBytes())));
      case 0x40: // '@'
        return this.link(depth);
      default:
        throw new MarshalError(`unknown Marshal type byte 0x${type.toString(16).padStart(2, '0')} at ${this.offset - 1}`);
    }
  }

  /** `I`: the wrapped value, then its ivars (for a String or Symbol the encoding, `E` or `encoding`). */
  private withIvars(depth: number): Node {
    const type = this.byte();
    switch (type) {
      case 0x22:
        return this.string(depth, true);
      case 0x3a: {
        this.offset--;
        const name = this.symbol(depth, true);
        return leaf(name, { type: 'string', value: name });
      }
      case 0x2f:
        return this.regexp(depth, true);
      case 0x75:
        return this.userDump(depth, true);
      case 0x43:
        return this.userClass(depth, true);
      default: {
        this.offset--;
        const node = this.value(depth);
        this.ivars(depth);
        return node;
      }
    }
  }

  private string(depth: number, ivars: boolean): Node {
    const index = this.reserve();
    const string: RubyString = { bytes: this.rawBytes(), encoding: null };
    if (ivars) string.encoding = this.encoding(this.ivars(depth));
    return this.fill(index, stringNode(string));
  }

  private regexp(depth: number, ivars: boolean): Node {
    const source: RubyString = { bytes: this.rawBytes(), encoding: null };
    const options = this.byte();
    if (ivars) source.encoding = this.encoding(this.ivars(depth));
    const text = stringNode(source);
    return this.register({
      payload: { '@class': 'Regexp', source: text.payload, options },
      typed: { type: 'object', className: 'Regexp', entries: [['source', text.typed], ['options', { type: 'number', value: options }]] },
      size: 1,
      height: 1 + text.height,
    });
  }

  private array(depth: number): Node {
    const index = this.reserve();
    const items = this.repeat(() => this.value(depth + 1));
    return this.fill(index, {
      payload: items.map((item) => item.payload),
      typed: { type: 'list', items: items.map((item) => item.typed) },
      ...measure(items),
    });
  }

  private hash(depth: number, withDefault: boolean): Node {
    const index = this.reserve();
    const pairs = this.repeat(() => [this.value(depth + 1), this.value(depth + 1)] as const);
    const fallback = withDefault ? this.value(depth + 1) : null;
    const entries: [string, Node][] = pairs.map(([key, value]) => [keyText(key.payload), value]);
    const payload = Object.fromEntries(entries.map(([key, value]) => [key, value.payload]));
    const typedEntries = entries.map(([key, value]): [string, TypedValue] => [key, value.typed]);
    const parts = [...pairs.flat(), ...(fallback ? [fallback] : [])];
    const typed: TypedValue = fallback
      ? { type: 'object', className: 'Hash', entries: [...typedEntries, ['(default)', fallback.typed]] }
      : { type: 'dict', entries: typedEntries };
    return this.fill(index, { payload, typed, ...measure(parts) });
  }

  /** `o`: a plain object, its class name and instance variables, shown and never created. */
  private object(depth: number): Node {
    const className = this.symbol(depth);
    const index = this.reserve();
    return this.fill(index, objectNode(className, this.ivars(depth)));
  }

  private struct(depth: number): Node {
    const className = this.symbol(depth);
    const index = this.reserve();
    const members = this.repeat((): [string, Node] => [this.symbol(depth), this.value(depth + 1)]);
    return this.fill(index, objectNode(className, members));
  }

  /** `u`: what the class's `_dump` wrote, bytes that only its `_load` understands. */
  private userDump(depth: number, ivars: boolean): Node {
    const className = this.symbol(depth);
    const data: RubyString = { bytes: this.rawBytes(), encoding: null };
    if (ivars) data.encoding = this.encoding(this.ivars(depth));
    const time = className === 'Time' ? rubyTime(data.bytes) : null;
    if (time) return this.register(leaf(time, { type: 'datetime', value: time }));
    return this.register(objectNode(className, [['@data', stringNode(data)]]));
  }

  /** `U` (`marshal_dump`) and `d` (`_dump_data`): the class name and the value it dumped. */
  private userMarshal(depth: number): Node {
    const className = this.symbol(depth);
    const index = this.reserve();
    return this.fill(index, objectNode(className, [['@data', this.value(depth + 1)]]));
  }

  /** `C`: a subclass of a core class (e.g. ActiveSupport::HashWithIndifferentAccess): the data as the core class's. */
  private userClass(depth: number, ivars: boolean): Node {
    const className = this.symbol(depth);
    const inner = ivars ? this.nested(() => this.withIvars(depth)) : this.value(depth);
    const entries: [string, TypedValue][] = inner.typed.type === 'dict' ? inner.typed.entries : [['value', inner.typed]];
    return { ...inner, typed: { type: 'object', className, entries } };
  }

  private link(depth: number): Node {
    const index = this.int();
    if (index < 0 || index >= this.objects.length) throw new MarshalError(`link to object ${index}, which is not there`);
    const target = this.objects[index];
    // A cycle (the object holds itself) is shown as the link, not unrolled.
    if (target === PENDING || target === undefined) {
      return { ...leaf({ '@link': index }, { type: 'object', className: 'link', entries: [['object', { type: 'number', value: index }]] }), height: 1 };
    }
    // The same value again: serializing the tree writes it out again, so its size counts again.
    this.count(target.size - 1);
    return target;
  }

  /** Instance variables as `[name, value]`, `E`/`encoding` included (the caller picks them out). */
  private ivars(depth: number): [string, Node][] {
    return this.repeat((): [string, Node] => [this.symbol(depth), this.value(depth + 1)]);
  }

  private encoding(ivars: [string, Node][]): string | null {
    for (const [name, value] of ivars) {
      if (name === 'E') return value.payload === true ? 'UTF-8' : 'US-ASCII';
      if (name === 'encoding' && typeof value.payload === 'string') return value.payload;
    }
    return null;
  }

  /** A symbol (`:`, registered in the symbol table) or a symlink (`;`, an index into it). */
  private symbol(depth: number, ivars = false): string {
    const type = this.byte();
    if (type === 0x3b) {
      const index = this.int();
      const name = index >= 0 ? this.symbols[index] : undefined;
      if (name === undefined) throw new MarshalError(`symlink to symbol ${index}, which is not there`);
      return name;
    }
    if (type === 0x49 && !ivars) return this.symbol(depth, true);
    if (type !== 0x3a) throw new MarshalError(`expected a symbol at ${this.offset - 1}`);
    const index = this.symbols.length;
    this.symbols.push(undefined);
    const bytes = this.rawBytes();
    const encoding = ivars ? this.encoding(this.ivars(depth)) : null;
    const name = encoding === 'UTF-8' ? decodeUtf8(bytes) ?? decodeLatin1(bytes) : decodeLatin1(bytes);
    this.symbols[index] = name;
    return name;
  }

  /** `count` values read by `read`, the count checked against what is left (each value takes a byte at least). */
  private repeat<T>(read: () => T): T[] {
    const count = this.int();
    if (count < 0 || count > this.bytes.length - this.offset) throw new MarshalError(`a count of ${count} does not fit in the data`);
    const items: T[] = [];
    for (let i = 0; i < count; i++) items.push(read());
    return items;
  }

  private reserve(): number {
    this.objects.push(PENDING);
    return this.objects.length - 1;
  }

  private fill(index: number, node: Node): Node {
    this.objects[index] = node;
    return node;
  }

  private register(node: Node): Node {
    this.objects.push(node);
    return node;
  }

  private count(values: number): void {
    this.nodes += values;
    if (this.nodes > MAX_MARSHAL_NODES) throw new MarshalError(`more than ${MAX_MARSHAL_NODES} values`);
  }

  private byte(): number {
    if (this.offset >= this.bytes.length) throw new MarshalError('Marshal data is truncated');
    return this.bytes[this.offset++]!;
  }

  /** Marshal's packed integer: 0, small values offset by 5, or a length byte (±1..4) and little-endian bytes. */
  private int(): number {
    const first = (this.byte() << 24) >> 24;
    if (first === 0) return 0;
    if (first > 4) return first - 5;
    if (first < -4) return first + 5;
    const length = Math.abs(first);
    let value = 0;
    for (let i = 0; i < length; i++) value += this.byte() * 2 ** (8 * i);
    return first > 0 ? value : value - 2 ** (8 * length);
  }

  private rawBytes(): Uint8Array {
    const length = this.int();
    if (length < 0 || length > this.bytes.length - this.offset) throw new MarshalError(`a length of ${length} does not fit in the data`);
    const bytes = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return bytes;
  }

  private text(): string {
    return decodeLatin1(this.rawBytes());
  }

  /** `l`: sign, length in 16-bit words, little-endian magnitude. */
  private bignum(): Node {
    const sign = this.byte();
    const words = this.int();
    if (words < 0 || words * 2 > this.bytes.length - this.offset) throw new MarshalError(`a bignum of ${words} words does not fit in the data`);
    let magnitude = 0n;
    for (let i = 0; i < words * 2; i++) magnitude |= BigInt(this.byte()) << BigInt(8 * i);
    const value = sign === 0x2d ? -magnitude : magnitude;
    if (Number.isSafeInteger(Number(value))) return leaf(Number(value), { type: 'number', value: Number(value) });
    return leaf(value.toString(), { type: 'string', value: value.toString() });
  }
}

function leaf(payload: unknown, typed: TypedValue): Node {
  return { payload, typed, size: 1, height: 0 };
}

/** Size and height of a container holding `parts`. */
function measure(parts: readonly Node[]): Pick<Node, 'size' | 'height'> {
  return { size: 1 + parts.reduce((sum, part) => sum + part.size, 0), height: 1 + Math.max(0, ...parts.map((part) => part.height)) };
}

function objectNode(className: string, fields: [string, Node][]): Node {
  const shown = fields.filter(([name]) => name !== 'E' && name !== 'encoding');
  return {
    payload: { '@class': className, ...Object.fromEntries(shown.map(([name, value]) => [name, value.payload])) },
    typed: { type: 'object', className, entries: shown.map(([name, value]) => [name, value.typed]) },
    ...measure(shown.map(([, value]) => value)),
  };
}

function classReference(kind: string, name: string): Node {
  return { ...leaf({ '@class': kind, name }, { type: 'object', className: kind, entries: [['name', { type: 'string', value: name }]] }), height: 1 };
}

/** Text in its encoding; bytes without one (ASCII-8BIT) are text only when plain ASCII. */
function stringNode({ bytes, encoding }: RubyString): Node {
  const text = decodeText(bytes, encoding);
  if (text !== null) return leaf(text, { type: 'string', value: text });
  const base64 = encodeBase64(bytes);
  return { ...leaf({ '@bytes': base64 }, { type: 'bytes', base64 }), height: 1 };
}

function decodeText(bytes: Uint8Array, encoding: string | null): string | null {
  if (bytes.every((byte) => byte < 0x80)) return decodeLatin1(bytes);
  if (encoding === null || encoding === 'US-ASCII' || encoding === 'ASCII-8BIT' || encoding === 'BINARY') return null;
  if (encoding === 'UTF-8') return decodeUtf8(bytes);
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** `f`: Ruby writes `inf`, `-inf`, `nan` or the shortest decimal (old rubies add mantissa bytes after a NUL). */
function float(text: string): Node {
  const decimal = text.split('\0')[0]!;
  const value = decimal === 'inf' ? Infinity : decimal === '-inf' ? -Infinity : decimal === 'nan' ? NaN : Number(decimal);
  if (Number.isFinite(value)) return leaf(value, { type: 'number', value });
  const shown = Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  return leaf(shown, { type: 'string', value: shown });
}

/** A hash key as Ruby's JSON writes it (`to_s`): strings and symbols as they are, numbers, true/false, nil as "". */
function keyText(key: unknown): string {
  if (typeof key === 'string') return key;
  if (key === null) return '';
  if (typeof key === 'number' || typeof key === 'boolean') return String(key);
  return JSON.stringify(key);
}

/**
 * `Time#_dump`: two little-endian 32-bit words, year-1900/month/day/hour in the first, minute/second/microseconds in
 * the second (always UTC; the zone is in ivars). Null when the marker bit is missing (a Time from before 1.9's format).
 */
function rubyTime(bytes: Uint8Array): string | null {
  if (bytes.length !== 8) return null;
  const word = (at: number) => (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
  const p = word(0);
  const s = word(4);
  if (!(p & 0x80000000)) return null;
  const date = new Date(
    Date.UTC(1900 + ((p >>> 14) & 0xffff), (p >>> 10) & 0xf, (p >>> 5) & 0x1f, p & 0x1f, (s >>> 26) & 0x3f, (s >>> 20) & 0x3f),
  );
  return Number.isNaN(date.getTime()) ? null : `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * `Marshal.dump` of a JSON value as Ruby dumps the same data: Hashes with String keys, UTF-8 Strings (`E` true),
 * Integers (Fixnum within 31 bits, else Bignum), Floats, `{"@bytes": base64}` as a binary String and
 * `{"@class": name, "@ivar": value...}` as an object of that class (how `readMarshal` shows one). The caller checks
 * that the value is JSON (`dumpJson`) first.
 */
export function dumpMarshal(value: unknown): { ok: true; bytes: Uint8Array } | { ok: false; reason: string } {
  const writer = new MarshalWriter();
  try {
    writer.value(value);
  } catch (error) {
    if (error instanceof NotMarshal) return { ok: false, reason: error.message };
    throw error;
  }
  return { ok: true, bytes: Uint8Array.from(writer.out) };
}

class NotMarshal extends Error {}

/** A UTF-16 surrogate without its pair: no UTF-8 String can hold it. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

class MarshalWriter {
  readonly out: number[] = [4, 8];
  private readonly symbols = new Map<string, number>();

  value(value: unknown): void {
    if (value === null) this.out.push(0x30);
    else if (value === true) this.out.push(0x54);
    else if (value === false) this.out.push(0x46);
    else if (typeof value === 'number') this.number(value);
    else if (typeof value === 'string') this.string(value);
    else if (Array.isArray(value)) {
      this.out.push(0x5b);
      this.int(value.length);
      for (const item of value) this.value(item);
    } else this.record(value as Record<string, unknown>);
  }

  private record(record: Record<string, unknown>): void {
    const keys = Object.keys(record);
    const base64 = record['@bytes'];
    if (keys.length === 1 && typeof base64 === 'string') {
      // Only what `readMarshal` shows so: canonical base64 of bytes that are not ASCII text.
      const bytes = decodeBase64(base64);
      if (bytes && encodeBase64(bytes) === base64 && bytes.some((byte) => byte >= 0x80)) return this.bytes(0x22, bytes);
    }
    const className = record['@class'];
    const ivars = keys.filter((key) => key !== '@class');
    if (typeof className === 'string' && ivars.every((key) => /^@[A-Za-z_]\w*$/.test(key))) {
      this.out.push(0x6f);
      this.symbol(className);
      this.int(ivars.length);
      for (const key of ivars) {
        this.symbol(key);
        this.value(record[key]);
      }
      return;
    }
    this.out.push(0x7b);
    this.int(keys.length);
    for (const key of keys) {
      this.string(key);
      this.value(record[key]);
    }
  }

  private number(value: number): void {
    // Beyond 2**53 a JSON number is no longer an exact Integer: Ruby reads such a number as a Float too.
    if (!Number.isSafeInteger(value)) return this.bytes(0x66, encodeLatin1(rubyFloatText(value))!);
    if (value >= -(2 ** 30) && value < 2 ** 30) {
      this.out.push(0x69);
      return this.int(value);
    }
    // Bignum: sign, length in 16-bit words, little-endian magnitude.
    let magnitude = BigInt(Math.abs(value));
    const bytes: number[] = [];
    while (magnitude > 0n) {
      bytes.push(Number(magnitude & 0xffn));
      magnitude >>= 8n;
    }
    if (bytes.length % 2) bytes.push(0);
    this.out.push(0x6c, value < 0 ? 0x2d : 0x2b);
    this.int(bytes.length / 2);
    this.out.push(...bytes);
  }

  /** A UTF-8 String: `I"bytes` with the ivar `E` true. */
  private string(text: string): void {
    if (LONE_SURROGATE.test(text)) throw new NotMarshal('a string with a lone UTF-16 surrogate is not UTF-8 text');
    this.out.push(0x49);
    this.bytes(0x22, encodeUtf8(text));
    this.int(1);
    this.symbol('E');
    this.out.push(0x54);
  }

  private symbol(name: string): void {
    const index = this.symbols.get(name);
    if (index !== undefined) {
      this.out.push(0x3b);
      return this.int(index);
    }
    this.symbols.set(name, this.symbols.size);
    this.bytes(0x3a, encodeUtf8(name));
  }

  private bytes(type: number, bytes: Uint8Array): void {
    this.out.push(type);
    this.int(bytes.length);
    for (const byte of bytes) this.out.push(byte);
  }

  /** `w_long`: 0, small values offset by 5, else the fewest little-endian bytes after their signed count. */
  private int(value: number): void {
    if (value === 0) return void this.out.push(0);
    if (value > 0 && value < 123) return void this.out.push(value + 5);
    if (value < 0 && value > -124) return void this.out.push((value - 5) & 0xff);
    const bytes: number[] = [];
    let rest = value;
    for (let i = 1; i <= 4; i++) {
      bytes.push(rest & 0xff);
      rest >>= 8;
      if (rest === 0) return void this.out.push(i, ...bytes);
      if (rest === -1) return void this.out.push(256 - i, ...bytes);
    }
  }
}

/** How `w_float` writes a finite Float: the shortest digits, in exponent form when the point is far from them. */
function rubyFloatText(value: number): string {
  const [mantissa, exponent] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const point = Number(exponent) + 1;
  const sign = value < 0 ? '-' : '';
  if (point < -3 || point > digits.length) return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${point - 1}`;
  if (point > 0) return `${sign}${digits.slice(0, point)}${digits.length > point ? `.${digits.slice(point)}` : ''}`;
  return `${sign}0.${'0'.repeat(-point)}${digits}`;
}
