import { encodeBase64 } from '../codec/base64';
import { MAX_JSON_DEPTH, TOO_DEEP } from '../codec/json';
import type { TypedValue } from '../types';

/**
 * A reader for Go's encoding/gob streams, as gorilla/securecookie's GobEncoder writes them (gorilla/sessions stores
 * its `map[interface{}]interface{}` of Values this way). It follows the decoder in Go's encoding/gob (decoder.go,
 * decode.go) message by message, but builds JSON-able values instead of Go ones and never executes anything: types
 * come only from the stream's own definitions; values of types whose bytes only their Go code understands
 * (GobEncoder, BinaryMarshaler) are shown by type name, but for time.Time, read as Go's json.Marshal writes it, and
 * TextMarshaler values, whose bytes are their text.
 */

type GobResult =
  | {
      ok: true;
      /** What Go's json.Marshal gives for the decoded value (map keys as fmt.Sprint writes them, []byte as base64). */
      json: unknown;
      typed: TypedValue;
      /** Go type names of the values shown only by name, in order of appearance. */
      opaqueTypes: string[];
    }
  /** `limit`: the stream reads as gob but goes past a bound (depth, values), rather than not being gob. */
  | { ok: false; reason: string; limit?: true };

/** encoding/gob's predefined type ids (type.go). */
const T_BOOL = 1;
const T_INT = 2;
const T_UINT = 3;
const T_FLOAT = 4;
const T_BYTES = 5;
const T_STRING = 6;
const T_COMPLEX = 7;
const T_INTERFACE = 8;
/** The first id a stream may define (type.go `firstUserId`). */
const FIRST_USER_ID = 65;
/** More type definitions than any cookie needs; a stream defining more is refused. */
const MAX_TYPES = 256;
/** Go refuses interface type names longer than this (decode.go). */
const MAX_NAME = 1024;
/**
 * Values a stream may produce, zero-valued struct fields included: those cost no bytes, so a wide struct type
 * repeated in a slice would otherwise grow the result with the square of the cookie's size.
 */
const MAX_VALUES = 20_000;

type WireType =
  | { kind: 'slice'; name: string; elem: number }
  | { kind: 'array'; name: string; elem: number; len: number }
  | { kind: 'map'; name: string; key: number; elem: number }
  | { kind: 'struct'; name: string; fields: { name: string; id: number }[] }
  | { kind: 'opaque'; name: string; via: string };

interface Decoded {
  json: unknown;
  typed: TypedValue;
}

class GobError extends Error {}

class GobLimit extends GobError {}

function fail(reason: string): never {
  throw new GobError(reason);
}

function exceed(reason: string): never {
  throw new GobLimit(reason);
}

/** Reads one value from a gob stream; never throws. */
export function decodeGob(bytes: Uint8Array): GobResult {
  try {
    const decoder = new GobDecoder(bytes);
    const value = decoder.decodeTopLevel();
    return { ok: true, json: value.json, typed: value.typed, opaqueTypes: decoder.opaqueTypes };
  } catch (error) {
    if (error instanceof GobLimit) return { ok: false, reason: error.message, limit: true };
    if (error instanceof GobError) return { ok: false, reason: `gob: ${error.message}` };
    return { ok: false, reason: 'gob: unreadable stream' };
  }
}

class GobDecoder {
  readonly opaqueTypes: string[] = [];
  private readonly types = new Map<number, WireType>();
  private values = 0;
  /** Where the next message's length is read. */
  private streamPos = 0;
  /** The current message: read at `pos`, ends at `end`. */
  private pos = 0;
  private end = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Decoder.Decode: type definitions, then one value message (trailing messages are not read, as in Go). */
  decodeTopLevel(): Decoded {
    const id = this.typeSequence(false);
    const value = this.value(id, 0);
    if (this.pos !== this.end) fail('extra data in the value message');
    return value;
  }

  // Messages --------------------------------------------------------------------------------------------------------

  private receiveMessage(): void {
    this.pos = this.streamPos;
    this.end = this.bytes.length;
    const length = this.uintNumber();
    if (length > this.bytes.length - this.pos) fail('message longer than the stream');
    this.end = this.pos + length;
    this.streamPos = this.end;
  }

  private remaining(): number {
    return this.end - this.pos;
  }

  /** decodeTypeSequence: definitions (each `-id wireType`) until a type id for a value; messages are read as needed. */
  private typeSequence(inInterface: boolean): number {
    for (;;) {
      if (this.remaining() === 0) {
        if (this.streamPos >= this.bytes.length) fail('stream ends before a value');
        this.receiveMessage();
      }
      const id = this.intNumber();
      if (id >= 0) return id;
      this.defineType(-id);
      if (this.remaining() > 0) {
        if (!inInterface) fail('extra data after a type definition');
        // Inside an interface the next delimited value's byte count follows; Go skips it too.
        this.uintNumber();
      }
    }
  }

  // Primitives ------------------------------------------------------------------------------------------------------

  private byte(): number {
    if (this.pos >= this.end) fail('unexpected end of message');
    return this.bytes[this.pos++]!;
  }

  /** An unsigned integer: one byte below 128, else the negated byte count and that many big-endian bytes. */
  private uint(): bigint {
    const first = this.byte();
    if (first < 0x80) return BigInt(first);
    const count = 256 - first;
    if (count > 8) fail('invalid unsigned integer');
    let value = 0n;
    for (let i = 0; i < count; i++) value = (value << 8n) | BigInt(this.byte());
    return value;
  }

  /** Bit 0 is the sign: set means the rest is the complement. */
  private int(): bigint {
    const unsigned = this.uint();
    const magnitude = unsigned >> 1n;
    return unsigned & 1n ? -magnitude - 1n : magnitude;
  }

  private uintNumber(): number {
    const value = this.uint();
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) fail('count too large');
    return Number(value);
  }

  private intNumber(): number {
    const value = this.int();
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) fail('type id out of range');
    return Number(value);
  }

  /** A float64 is sent as its bits byte-reversed, as an unsigned integer (small exponents make short encodings). */
  private float(): number {
    const bits = this.uint();
    const view = new DataView(new ArrayBuffer(8));
    view.setBigUint64(0, bits, true);
    return view.getFloat64(0, false);
  }

  /** A count of items each taking at least one byte: never more than the bytes left, so nothing is allocated blindly. */
  private count(): number {
    const count = this.uintNumber();
    if (count > this.remaining()) fail('count exceeds the message');
    return count;
  }

  private byteString(): Uint8Array {
    const length = this.count();
    const bytes = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return bytes;
  }

  private string(): string {
    // Go strings are bytes; json.Marshal writes invalid UTF-8 as U+FFFD, as this decoder does.
    return lossyUtf8.decode(this.byteString());
  }

  // Type definitions ------------------------------------------------------------------------------------------------

  /** A struct's fields as gob sends them: field-number deltas, each followed by the field, ended by a zero delta. */
  private struct(readField: (field: number) => void): void {
    let field = -1;
    for (;;) {
      const delta = this.uintNumber();
      if (delta === 0) return;
      field += delta;
      readField(field);
    }
  }

  /** recvType: a wireType struct naming exactly one of arrayType, sliceType, structType, mapType or a marshaler. */
  private defineType(id: number): void {
    if (id < FIRST_USER_ID || this.types.has(id)) fail(`bad type id ${id}`);
    if (this.types.size >= MAX_TYPES) fail('too many type definitions');
    let wire: WireType | null = null;
    this.struct((field) => {
      if (wire) fail('type definition with two kinds');
      wire = this.wireType(field);
    });
    if (!wire) fail('empty type definition');
    this.types.set(id, wire);
  }

  private wireType(field: number): WireType {
    const common = { name: '' };
    const ids: number[] = [0, 0];
    let len = 0;
    let fields: { name: string; id: number }[] = [];
    const commonType = () => this.struct((f) => (f === 0 ? (common.name = this.string()) : f === 1 ? this.intNumber() : fail('bad commonType field')));
    switch (field) {
      case 0: // ArrayT: CommonType, Elem, Len
        this.struct((f) => (f === 0 ? commonType() : f === 1 ? (ids[0] = this.intNumber()) : f === 2 ? (len = this.intNumber()) : fail('bad arrayType field')));
        return { kind: 'array', name: common.name, elem: ids[0]!, len };
      case 1: // SliceT: CommonType, Elem
        this.struct((f) => (f === 0 ? commonType() : f === 1 ? (ids[0] = this.intNumber()) : fail('bad sliceType field')));
        return { kind: 'slice', name: common.name, elem: ids[0]! };
      case 2: // StructT: CommonType, Field []fieldType{Name, Id}
        this.struct((f) => (f === 0 ? commonType() : f === 1 ? (fields = this.fieldTypes()) : fail('bad structType field')));
        return { kind: 'struct', name: common.name, fields };
      case 3: // MapT: CommonType, Key, Elem
        this.struct((f) => (f === 0 ? commonType() : f === 1 ? (ids[0] = this.intNumber()) : f === 2 ? (ids[1] = this.intNumber()) : fail('bad mapType field')));
        return { kind: 'map', name: common.name, key: ids[0]!, elem: ids[1]! };
      case 4:
      case 5:
      case 6: // GobEncoderT, BinaryMarshalerT, TextMarshalerT: CommonType only
        this.struct((f) => (f === 0 ? commonType() : fail('bad marshaler type field')));
        return { kind: 'opaque', name: common.name, via: ['GobEncoder', 'BinaryMarshaler', 'TextMarshaler'][field - 4]! };
      default:
        fail('unknown kind of type definition');
    }
  }

  private fieldTypes(): { name: string; id: number }[] {
    const fields: { name: string; id: number }[] = [];
    const count = this.count();
    for (let i = 0; i < count; i++) {
      const field = { name: '', id: 0 };
      this.struct((f) => (f === 0 ? (field.name = this.string()) : f === 1 ? (field.id = this.intNumber()) : fail('bad fieldType field')));
      fields.push(field);
    }
    return fields;
  }

  // Values ----------------------------------------------------------------------------------------------------------

  /** A value at the top of a message (or inside an interface): structs as they are, anything else after a zero delta. */
  private value(id: number, depth: number, registeredName?: string): Decoded {
    if (this.types.get(id)?.kind !== 'struct' && this.uintNumber() !== 0) fail('non-zero delta for a singleton');
    return this.item(id, depth, registeredName);
  }

  /** `registeredName`: the gob.Register name an interface gave (`time.Time`), fuller than the definition's (`Time`). */
  private item(id: number, depth: number, registeredName?: string): Decoded {
    if (depth > MAX_JSON_DEPTH) exceed(TOO_DEEP);
    this.countValue();
    switch (id) {
      case T_BOOL: {
        const value = this.uint() !== 0n;
        return { json: value, typed: { type: 'bool', value } };
      }
      case T_INT:
        return integer(this.int());
      case T_UINT:
        return integer(this.uint());
      case T_FLOAT: {
        const value = this.float();
        return { json: value, typed: { type: 'number', value } };
      }
      case T_BYTES: {
        const base64 = encodeBase64(this.byteString());
        return { json: base64, typed: { type: 'bytes', base64 } };
      }
      case T_STRING: {
        const value = this.string();
        return { json: value, typed: { type: 'string', value } };
      }
      case T_COMPLEX: {
        const value = `(${this.float()}+${this.float()}i)`;
        this.opaqueTypes.push(registeredName ?? 'complex128');
        return { json: value, typed: { type: 'string', value } };
      }
      case T_INTERFACE:
        return this.interfaceValue(depth);
    }
    const wire = this.types.get(id);
    if (!wire) fail(`undefined type id ${id}`);
    switch (wire.kind) {
      case 'slice':
        return this.list(this.count(), wire.elem, depth);
      case 'array': {
        const count = this.count();
        if (count !== wire.len) fail('array length mismatch');
        return this.list(count, wire.elem, depth);
      }
      case 'map':
        return this.map(wire.key, wire.elem, depth);
      case 'struct':
        return this.structValue(wire.fields, depth);
      case 'opaque':
        return this.opaque(registeredName || wire.name || 'value', wire.via);
    }
  }

  private list(count: number, elem: number, depth: number): Decoded {
    const json: unknown[] = [];
    const items: TypedValue[] = [];
    for (let i = 0; i < count; i++) {
      const item = this.item(elem, depth + 1);
      json.push(item.json);
      items.push(item.typed);
    }
    return { json, typed: { type: 'list', items } };
  }

  private map(keyId: number, elemId: number, depth: number): Decoded {
    const count = this.count();
    const json: Record<string, unknown> = {};
    const entries: [string, TypedValue][] = [];
    for (let i = 0; i < count; i++) {
      const key = mapKey(this.item(keyId, depth + 1));
      const elem = this.item(elemId, depth + 1);
      setOwn(json, key, elem.json);
      entries.push([key, elem.typed]);
    }
    return { json, typed: { type: 'dict', entries } };
  }

  /** Fields left out of the stream hold their zero value (gob sends only non-zero fields); Go's reader shows them. */
  private structValue(fields: readonly { name: string; id: number }[], depth: number): Decoded {
    const present = new Map<number, Decoded>();
    this.struct((field) => {
      const type = fields[field];
      if (!type) fail('field number out of range');
      present.set(field, this.item(type.id, depth + 1));
    });
    const json: Record<string, unknown> = {};
    const entries: [string, TypedValue][] = [];
    fields.forEach((field, index) => {
      const value = present.get(index) ?? (this.countValue(), zeroValue(field.id));
      setOwn(json, field.name, value.json);
      entries.push([field.name, value.typed]);
    });
    return { json, typed: { type: 'dict', entries } };
  }

  /** decodeInterface: the concrete type's registered name (empty for nil), its definitions, its id, a byte count, the value. */
  private interfaceValue(depth: number): Decoded {
    const nameLength = this.uintNumber();
    if (nameLength === 0) return { json: null, typed: { type: 'null' } };
    if (nameLength > MAX_NAME || nameLength > this.remaining()) fail('invalid interface type name length');
    const name = lossyUtf8.decode(this.bytes.subarray(this.pos, this.pos + nameLength));
    this.pos += nameLength;
    const id = this.typeSequence(true);
    this.uintNumber();
    return this.value(id, depth + 1, name);
  }

  private countValue(): void {
    if (++this.values > MAX_VALUES) exceed(`gob: more than ${MAX_VALUES} values`);
  }

  /** Bytes only the type's own Go code can read (time.Time's GobEncode, for one): shown by name. */
  private opaque(name: string, via: string): Decoded {
    const bytes = this.byteString();
    // MarshalText's bytes are the text json.Marshal writes too.
    if (via === 'TextMarshaler') {
      const text = lossyUtf8.decode(bytes);
      return { json: text, typed: { type: 'string', value: text } };
    }
    // Inside an interface the name is `time.Time`; as a struct field's type, only `Time`.
    const time = (name === 'time.Time' || name === 'Time') && via === 'GobEncoder' ? goTime(bytes) : null;
    if (time) return { json: time.rfc3339, typed: { type: 'datetime', value: time.utc } };
    this.opaqueTypes.push(name);
    const value = `<${name}: ${via}, ${bytes.length} bytes>`;
    return { json: value, typed: { type: 'string', value } };
  }
}

/** Seconds from January 1 of year 1 to the Unix epoch (Go's internal time origin). */
const YEAR_ONE_TO_UNIX = 62_135_596_800n;

/**
 * time.Time's GobEncode (its MarshalBinary, time.go): version 1 or 2, seconds since year 1, nanoseconds, the zone
 * offset in minutes (-1 for UTC), version 2 adding seconds. As json.Marshal writes it (RFC 3339, nanoseconds without
 * trailing zeros, `Z` for a zero offset), and in UTC to the second; null when the bytes are not one or the year is
 * outside 0-9999 (json.Marshal refuses those).
 */
function goTime(bytes: Uint8Array): { rfc3339: string; utc: string } | null {
  const version = bytes[0];
  if (!((version === 1 && bytes.length === 15) || (version === 2 && bytes.length === 16))) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const unix = Number(view.getBigInt64(1) - YEAR_ONE_TO_UNIX);
  const nanoseconds = view.getInt32(9);
  const minutes = view.getInt16(13);
  const offset = minutes === -1 ? 0 : minutes * 60 + (version === 2 ? bytes[15]! : 0);
  if (nanoseconds < 0 || nanoseconds > 999_999_999) return null;
  const wall = new Date((unix + offset) * 1000);
  const utc = new Date(unix * 1000);
  if (!(wall.getUTCFullYear() >= 0 && wall.getUTCFullYear() <= 9999 && utc.getUTCFullYear() >= 0 && utc.getUTCFullYear() <= 9999)) return null;
  const fraction = nanoseconds === 0 ? '' : `.${String(nanoseconds).padStart(9, '0').replace(/0+$/, '')}`;
  return { rfc3339: `${wall.toISOString().slice(0, 19)}${fraction}${zone(offset)}`, utc: `${utc.toISOString().slice(0, 19)}Z` };
}

/** Go's `Z07:00`: `Z` for no offset, else the sign, hours and minutes (seconds of an offset are not written). */
function zone(offset: number): string {
  if (offset === 0) return 'Z';
  const minutes = Math.trunc(Math.abs(offset) / 60);
  return `${offset < 0 ? '-' : '+'}${String(Math.trunc(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const lossyUtf8 = new TextDecoder('utf-8');

/** A number when it is exact in JavaScript; larger 64-bit integers as their decimal text. */
function integer(value: bigint): Decoded {
  const safe = value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER);
  if (safe) return { json: Number(value), typed: { type: 'number', value: Number(value) } };
  const text = value.toString();
  return { json: text, typed: { type: 'string', value: text } };
}

/** A map key as fmt.Sprint writes it: strings as they are, other scalars as their text. */
function mapKey(key: Decoded): string {
  if (typeof key.json === 'string') return key.json;
  if (typeof key.json === 'number' || typeof key.json === 'boolean') return String(key.json);
  if (key.json === null) return '<nil>';
  return JSON.stringify(key.json);
}

/** Scalars' zero values; composite and interface fields are nil (a nested struct's zero cannot be told from a nil pointer on the wire). */
function zeroValue(id: number): Decoded {
  switch (id) {
    case T_BOOL:
      return { json: false, typed: { type: 'bool', value: false } };
    case T_INT:
    case T_UINT:
    case T_FLOAT:
      return { json: 0, typed: { type: 'number', value: 0 } };
    case T_STRING:
      return { json: '', typed: { type: 'string', value: '' } };
    default:
      return { json: null, typed: { type: 'null' } };
  }
}

/** `__proto__` from a stream is an ordinary key, not the object's prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
