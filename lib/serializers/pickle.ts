import { decodeBase64, encodeBase64 } from '../codec/base64';
import { MAX_JSON_DEPTH } from '../codec/json';
import { decodeLatin1, decodeUtf8, encodeLatin1 } from '../codec/text';
import type { TypedValue } from '../types';

/** What `inflateZlib` lets through: a pickle cannot be bigger than the cookie it came in, once inflated. */
const MAX_PICKLE_BYTES = 1024 * 1024;

/** Entries of the pickle machine's stack and memo, and values walked when showing the result. */
const MAX_STACK = 10_000;
const MAX_MEMO = 10_000;
const MAX_VALUES = 20_000;

/** Room for the envelope a format puts the value in under the JSON depth limit. */
const MAX_PICKLE_DEPTH = MAX_JSON_DEPTH - 4;

/** Integers (LONG1/LONG4) longer than this are shown by their size: a cookie has no use for them. */
const MAX_LONG_BYTES = 64;

/** A text-line argument (protocol 0 opcodes, GLOBAL's module and name). */
const MAX_LINE = 4096;

/**
 * A pickle disassembled as `pickletools` does and its value built only from builtins: dict, list, tuple, str, bytes,
 * int, float, bool, None, set/frozenset and datetimes. Anything else the pickle would call on loading (a GLOBAL or
 * STACK_GLOBAL with REDUCE, NEWOBJ, BUILD, INST, OBJ...) is shown as `{"@calls": "module.name", "args": [...]}` and
 * named in `calls`: loading such a pickle runs that code. Nothing here is ever called.
 */
export type PickleValue = { ok: true; value: unknown; typed: TypedValue; calls: string[] } | { ok: false; reason: string };

type Node =
  | { kind: 'leaf'; value: unknown; typed: TypedValue }
  | { kind: 'list' | 'tuple'; items: Node[] }
  | { kind: 'set'; items: Node[]; frozen: boolean }
  | { kind: 'dict'; entries: [Node, Node][] }
  | { kind: 'global'; name: string }
  | { kind: 'timedelta'; seconds: number }
  | { kind: 'timezone'; offsetSeconds: number }
  /** What loading would call: the callable, its arguments, and what BUILD/APPEND/SETITEM would then do to the result. */
  | { kind: 'call'; callee: string; args: Node[]; state: Node | null; items: Node[]; entries: [Node, Node][] };

class NotPickle extends Error {}

const NONE: Node = { kind: 'leaf', value: null, typed: { type: 'null' } };

export function readPickle(bytes: Uint8Array): PickleValue {
  if (bytes.length > MAX_PICKLE_BYTES) return { ok: false, reason: `pickle larger than ${MAX_PICKLE_BYTES} bytes` };
  try {
    const machine = new PickleMachine(bytes);
    const root = machine.run();
    const shown = new Shower().show(root, 0);
    return { ok: true, ...shown, calls: [...machine.calls] };
  } catch (error) {
    if (error instanceof NotPickle) return { ok: false, reason: `not a readable pickle: ${error.message}` };
    throw error;
  }
}

function leaf(value: unknown, typed: TypedValue): Node {
  return { kind: 'leaf', value, typed };
}

function text(value: string): Node {
  return leaf(value, { type: 'string', value });
}

function integer(value: number | bigint): Node {
  if (typeof value === 'number' || (value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER))) {
    const number = Number(value);
    return leaf(number, { type: 'number', value: number });
  }
  // JSON numbers cannot hold it exactly: its digits are shown instead.
  return text(value.toString());
}

function float(value: number): Node {
  // JSON has no inf or nan: the payload carries Python's repr of them.
  const payload = Number.isFinite(value) ? value : Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  return leaf(payload, { type: 'number', value });
}

function bytesNode(bytes: Uint8Array): Node {
  const base64 = encodeBase64(bytes);
  return leaf({ '@bytes': base64 }, { type: 'bytes', base64 });
}

/** The unpickler's stack machine, with every callable left uncalled. */
class PickleMachine {
  private pos = 0;
  private stack: Node[] = [];
  private marks: number[] = [];
  private memo = new Map<number, Node>();
  private entries = 0;
  readonly calls = new Set<string>();

  constructor(private readonly bytes: Uint8Array) {}

  run(): Node {
    for (;;) {
      if (this.pos >= this.bytes.length) throw new NotPickle('no STOP opcode');
      const opcode = this.bytes[this.pos++]!;
      if (opcode === 0x2e /* STOP */) return this.pop();
      this.step(opcode);
    }
  }

  private step(op: number): void {
    switch (op) {
      case 0x80 /* PROTO */: {
        const protocol = this.uint(1);
        if (protocol > 5) throw new NotPickle(`unsupported protocol ${protocol}`);
        return;
      }
      case 0x95 /* FRAME */:
        this.uint(8);
        return;
      // Integers, floats and constants.
      case 0x4a /* BININT */:
        return this.push(integer(this.int32()));
      case 0x4b /* BININT1 */:
        return this.push(integer(this.uint(1)));
      case 0x4d /* BININT2 */:
        return this.push(integer(this.uint(2)));
      case 0x8a /* LONG1 */:
        return this.push(this.long(this.uint(1)));
      case 0x8b /* LONG4 */:
        return this.push(this.long(this.int32()));
      case 0x49 /* INT */: {
        const line = this.line();
        if (line === '00' || line === '01') return this.push(leaf(line === '01', { type: 'bool', value: line === '01' }));
        return this.push(integer(this.decimal(line)));
      }
      case 0x4c /* LONG */:
        return this.push(integer(this.decimal(this.line().replace(/L$/, ''))));
      case 0x47 /* BINFLOAT */: {
        const bytes = this.take(8);
        return this.push(float(new DataView(bytes.buffer, bytes.byteOffset, 8).getFloat64(0, false)));
      }
      case 0x46 /* FLOAT */:
        return this.push(float(floatText(this.line())));
      case 0x4e /* NONE */:
        return this.push(NONE);
      case 0x88 /* NEWTRUE */:
      case 0x89 /* NEWFALSE */:
        return this.push(leaf(op === 0x88, { type: 'bool', value: op === 0x88 }));
      // Text and bytes.
      case 0x8c /* SHORT_BINUNICODE */:
        return this.push(text(this.utf8(this.take(this.uint(1)))));
      case 0x58 /* BINUNICODE */:
        return this.push(text(this.utf8(this.take(this.uint(4)))));
      case 0x8d /* BINUNICODE8 */:
        return this.push(text(this.utf8(this.take(this.uint(8)))));
      case 0x56 /* UNICODE */:
        return this.push(text(rawUnicodeEscape(this.line())));
      case 0x55 /* SHORT_BINSTRING */:
        return this.push(text(decodeLatin1(this.take(this.uint(1)))));
      case 0x54 /* BINSTRING */:
        return this.push(text(decodeLatin1(this.take(this.int32()))));
      case 0x53 /* STRING */:
        return this.push(text(this.line().replace(/^(['"])(.*)\1$/s, '$2')));
      case 0x43 /* SHORT_BINBYTES */:
        return this.push(bytesNode(this.take(this.uint(1))));
      case 0x42 /* BINBYTES */:
        return this.push(bytesNode(this.take(this.uint(4))));
      case 0x8e /* BINBYTES8 */:
      case 0x96 /* BYTEARRAY8 */:
        return this.push(bytesNode(this.take(this.uint(8))));
      case 0x97 /* NEXT_BUFFER */:
        throw new NotPickle('out-of-band buffer (protocol 5) that the pickle does not carry');
      case 0x98 /* READONLY_BUFFER */:
        return;
      // Containers.
      case 0x7d /* EMPTY_DICT */:
        return this.push({ kind: 'dict', entries: [] });
      case 0x5d /* EMPTY_LIST */:
        return this.push({ kind: 'list', items: [] });
      case 0x29 /* EMPTY_TUPLE */:
        return this.push({ kind: 'tuple', items: [] });
      case 0x8f /* EMPTY_SET */:
        return this.push({ kind: 'set', items: [], frozen: false });
      case 0x28 /* MARK */:
        if (this.marks.length >= MAX_STACK) throw new NotPickle(`more than ${MAX_STACK} marks`);
        this.marks.push(this.stack.length);
        return;
      case 0x74 /* TUPLE */:
        return this.push({ kind: 'tuple', items: this.popMark() });
      case 0x85 /* TUPLE1 */:
      case 0x86 /* TUPLE2 */:
      case 0x87 /* TUPLE3 */: {
        const items = this.popMany(op - 0x84);
        return this.push({ kind: 'tuple', items });
      }
      case 0x6c /* LIST */:
        return this.push({ kind: 'list', items: this.popMark() });
      case 0x64 /* DICT */:
        return this.push({ kind: 'dict', entries: pairs(this.popMark()) });
      case 0x91 /* FROZENSET */:
        return this.push({ kind: 'set', items: this.popMark(), frozen: true });
      case 0x61 /* APPEND */: {
        const item = this.pop();
        return this.append(this.top(), [item]);
      }
      case 0x65 /* APPENDS */: {
        const items = this.popMark();
        return this.append(this.top(), items);
      }
      case 0x73 /* SETITEM */: {
        const [key, value] = this.popMany(2) as [Node, Node];
        return this.setItems(this.top(), [[key, value]]);
      }
      case 0x75 /* SETITEMS */: {
        const entries = pairs(this.popMark());
        return this.setItems(this.top(), entries);
      }
      case 0x90 /* ADDITEMS */: {
        const items = this.popMark();
        const target = this.top();
        if (target.kind !== 'set' || target.frozen) throw new NotPickle('ADDITEMS to something other than a set');
        this.grow(target.items, items);
        return;
      }
      // The stack and the memo.
      case 0x30 /* POP */:
        // As the unpickler does: with nothing above the last mark, POP drops the mark.
        if (this.stack.length > (this.marks[this.marks.length - 1] ?? 0)) this.pop();
        else this.popMark();
        return;
      case 0x31 /* POP_MARK */:
        this.popMark();
        return;
      case 0x32 /* DUP */:
        return this.push(this.top());
      case 0x70 /* PUT */:
        return this.put(this.decimalIndex(this.line()));
      case 0x71 /* BINPUT */:
        return this.put(this.uint(1));
      case 0x72 /* LONG_BINPUT */:
        return this.put(this.uint(4));
      case 0x94 /* MEMOIZE */:
        return this.put(this.memo.size);
      case 0x67 /* GET */:
        return this.push(this.get(this.decimalIndex(this.line())));
      case 0x68 /* BINGET */:
        return this.push(this.get(this.uint(1)));
      case 0x6a /* LONG_BINGET */:
        return this.push(this.get(this.uint(4)));
      // What loading would call.
      case 0x63 /* GLOBAL */: {
        const module = this.line();
        return this.push({ kind: 'global', name: `${module}.${this.line()}` });
      }
      case 0x93 /* STACK_GLOBAL */: {
        const [module, name] = this.popMany(2);
        if (!isText(module!) || !isText(name!)) throw new NotPickle('STACK_GLOBAL of something other than two strings');
        return this.push({ kind: 'global', name: `${module.value}.${name.value}` });
      }
      case 0x52 /* REDUCE */: {
        const args = this.pop();
        const callable = this.pop();
        return this.push(reduce(callable, args, this.calls));
      }
      case 0x81 /* NEWOBJ */: {
        const args = this.pop();
        const cls = this.pop();
        return this.push(this.call(`${nameOf(cls)}.__new__`, itemsOf(args)));
      }
      case 0x92 /* NEWOBJ_EX */: {
        const [cls, args, kwargs] = this.popMany(3) as [Node, Node, Node];
        return this.push(this.call(`${nameOf(cls)}.__new__`, [...itemsOf(args), kwargs]));
      }
      case 0x62 /* BUILD */: {
        const state = this.pop();
        const target = this.top();
        if (target.kind !== 'call') throw new NotPickle(`BUILD on a ${target.kind}`);
        target.state = state;
        return;
      }
      case 0x69 /* INST */: {
        const module = this.line();
        const name = this.line();
        return this.push(this.call(`${module}.${name}`, this.popMark()));
      }
      case 0x6f /* OBJ */: {
        const [cls, ...args] = this.popMark();
        if (!cls) throw new NotPickle('OBJ without a class');
        return this.push(this.call(nameOf(cls), args));
      }
      case 0x50 /* PERSID */:
        return this.push(this.call('persistent_load', [text(this.line())]));
      case 0x51 /* BINPERSID */:
        return this.push(this.call('persistent_load', [this.pop()]));
      case 0x82 /* EXT1 */:
      case 0x83 /* EXT2 */:
      case 0x84 /* EXT4 */: {
        const code = op === 0x84 ? this.int32() : this.uint(op === 0x82 ? 1 : 2);
        return this.push({ kind: 'global', name: `copyreg extension ${code}` });
      }
      default:
        throw new NotPickle(`unknown opcode 0x${op.toString(16).padStart(2, '0')} at offset ${this.pos - 1}`);
    }
  }

  private call(callee: string, args: Node[]): Node {
    this.calls.add(callee);
    return { kind: 'call', callee, args, state: null, items: [], entries: [] };
  }

  private append(target: Node, items: Node[]): void {
    if (target.kind === 'list' || target.kind === 'call') this.grow(target.items, items);
    else throw new NotPickle(`APPEND to a ${target.kind}`);
  }

  private setItems(target: Node, entries: [Node, Node][]): void {
    if (target.kind === 'dict' || target.kind === 'call') this.grow(target.entries, entries);
    else throw new NotPickle(`SETITEM on a ${target.kind}`);
  }

  /** Containers share the stack's budget: what a pickle builds is bounded by MAX_STACK + MAX_MEMO growth steps. */
  private grow<T>(into: T[], more: T[]): void {
    this.entries += more.length;
    if (this.entries > MAX_VALUES) throw new NotPickle(`more than ${MAX_VALUES} container entries`);
    for (const item of more) into.push(item);
  }

  private push(node: Node): void {
    if (this.stack.length >= MAX_STACK) throw new NotPickle(`stack deeper than ${MAX_STACK}`);
    this.stack.push(node);
  }

  private pop(): Node {
    const top = this.stack.pop();
    if (top === undefined) throw new NotPickle(`stack underflow at offset ${this.pos - 1}`);
    if (this.marks.length > 0 && this.stack.length < this.marks[this.marks.length - 1]!) throw new NotPickle(`stack underflow past a mark at offset ${this.pos - 1}`);
    return top;
  }

  private top(): Node {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined || (this.marks.length > 0 && this.stack.length <= this.marks[this.marks.length - 1]!)) {
      throw new NotPickle(`empty stack at offset ${this.pos - 1}`);
    }
    return top;
  }

  private popMany(count: number): Node[] {
    const items: Node[] = [];
    for (let i = 0; i < count; i++) items.unshift(this.pop());
    return items;
  }

  private popMark(): Node[] {
    const mark = this.marks.pop();
    if (mark === undefined) throw new NotPickle(`no MARK at offset ${this.pos - 1}`);
    return this.stack.splice(mark);
  }

  private put(index: number): void {
    if (this.memo.size >= MAX_MEMO && !this.memo.has(index)) throw new NotPickle(`more than ${MAX_MEMO} memo entries`);
    this.memo.set(index, this.top());
  }

  private get(index: number): Node {
    const node = this.memo.get(index);
    if (!node) throw new NotPickle(`memo ${index} read before it is written`);
    return node;
  }

  private long(length: number): Node {
    if (length < 0) throw new NotPickle('negative LONG length');
    const bytes = this.take(length);
    if (length > MAX_LONG_BYTES) return text(`<int of ${length} bytes>`);
    let value = 0n;
    for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
    // Two's complement, little-endian: the top bit of the last byte is the sign.
    if (length > 0 && bytes[length - 1]! & 0x80) value -= 1n << BigInt(8 * length);
    return integer(value);
  }

  private decimal(line: string): bigint {
    if (!/^[+-]?\d{1,150}$/.test(line)) throw new NotPickle(`integer ${JSON.stringify(line.slice(0, 40))}`);
    return BigInt(line);
  }

  private decimalIndex(line: string): number {
    if (!/^\d{1,9}$/.test(line)) throw new NotPickle(`memo index ${JSON.stringify(line.slice(0, 40))}`);
    return Number(line);
  }

  private utf8(bytes: Uint8Array): string {
    // Python writes surrogates with surrogatepass; anything else undecodable is not a pickle Python made.
    const value = decodeUtf8(bytes);
    if (value === null) throw new NotPickle('string that is not UTF-8');
    return value;
  }

  private uint(size: 1 | 2 | 4 | 8): number {
    const bytes = this.take(size);
    let value = 0;
    for (let i = size - 1; i >= 0; i--) value = value * 256 + bytes[i]!;
    return value;
  }

  private int32(): number {
    const value = this.uint(4);
    return value >= 2 ** 31 ? value - 2 ** 32 : value;
  }

  private take(length: number): Uint8Array {
    if (length < 0 || length > this.bytes.length - this.pos) throw new NotPickle(`${length} bytes run past the end`);
    const slice = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return slice;
  }

  /** A protocol 0 argument: latin-1 text up to the newline. */
  private line(): string {
    const end = this.bytes.subarray(this.pos, this.pos + MAX_LINE).indexOf(0x0a);
    if (end < 0) throw new NotPickle(`no newline after offset ${this.pos}`);
    const line = decodeLatin1(this.bytes.subarray(this.pos, this.pos + end));
    this.pos += end + 1;
    return line;
  }
}

/** Python's float repr as protocol 0 writes it, `inf`/`nan` included. */
function floatText(line: string): number {
  const special = /^([+-]?)(inf|nan)$/i.exec(line);
  if (special) return special[2]!.toLowerCase() === 'nan' ? NaN : special[1] === '-' ? -Infinity : Infinity;
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(line)) throw new NotPickle(`float ${JSON.stringify(line.slice(0, 40))}`);
  return Number(line);
}

function pairs(items: Node[]): [Node, Node][] {
  if (items.length % 2 !== 0) throw new NotPickle('a key without a value');
  const entries: [Node, Node][] = [];
  for (let i = 0; i < items.length; i += 2) entries.push([items[i]!, items[i + 1]!]);
  return entries;
}

function isText(node: Node): node is { kind: 'leaf'; value: string; typed: TypedValue } {
  return node.kind === 'leaf' && node.typed.type === 'string';
}

function nameOf(node: Node): string {
  return node.kind === 'global' ? node.name : node.kind === 'call' ? `${node.callee}(…)` : `<${node.kind}>`;
}

function itemsOf(node: Node): Node[] {
  return node.kind === 'tuple' || node.kind === 'list' ? node.items : [node];
}

function bytesOf(node: Node | undefined): Uint8Array | null {
  if (node?.kind !== 'leaf' || node.typed.type !== 'bytes') return null;
  return decodeBase64(node.typed.base64);
}

function numberOf(node: Node | undefined): number | null {
  return node?.kind === 'leaf' && node.typed.type === 'number' && typeof node.value === 'number' ? node.value : null;
}

/**
 * REDUCE: the builtins whose value is data (how protocols 2-5 write sets, protocol 2 bytes, datetimes) are built;
 * any other callable is a call, named in `calls`.
 */
function reduce(callable: Node, args: Node, calls: Set<string>): Node {
  const items = itemsOf(args);
  const name = nameOf(callable);
  const built = callable.kind === 'global' ? builtin(name, items) : null;
  if (built) return built;
  calls.add(name);
  return { kind: 'call', callee: name, args: items, state: null, items: [], entries: [] };
}

function builtin(name: string, args: Node[]): Node | null {
  const [first, second] = args;
  switch (name) {
    case 'builtins.set':
    case '__builtin__.set':
    case 'builtins.frozenset':
    case '__builtin__.frozenset': {
      const frozen = name.endsWith('frozenset');
      if (args.length === 0) return { kind: 'set', items: [], frozen };
      return first && (first.kind === 'list' || first.kind === 'tuple') && args.length === 1 ? { kind: 'set', items: [...first.items], frozen } : null;
    }
    case '_codecs.encode': {
      // Protocol 2 writes bytes as _codecs.encode(text, 'latin1').
      const encoding = second && isText(second) ? second.value.toLowerCase() : null;
      const bytes = first && isText(first) && (encoding === 'latin1' || encoding === 'latin-1') ? encodeLatin1(first.value) : null;
      return bytes && args.length === 2 ? bytesNode(bytes) : null;
    }
    case 'builtins.bytearray':
    case '__builtin__.bytearray':
      return args.length === 0 ? bytesNode(new Uint8Array(0)) : args.length === 1 && bytesOf(first) ? first! : null;
    case 'collections.OrderedDict':
      return args.length === 0 ? { kind: 'dict', entries: [] } : null;
    case 'datetime.datetime':
      return args.length === 1 || (args.length === 2 && second?.kind === 'timezone') ? datetimeNode(bytesOf(first), second) : null;
    case 'datetime.date':
      return args.length === 1 ? dateNode(bytesOf(first)) : null;
    case 'datetime.timedelta': {
      const [days, seconds, micros] = [numberOf(first) ?? NaN, numberOf(second) ?? 0, numberOf(args[2]) ?? 0];
      return args.length >= 1 && args.length <= 3 && Number.isFinite(days) ? { kind: 'timedelta', seconds: days * 86400 + seconds + micros / 1e6 } : null;
    }
    case 'datetime.timezone':
      return first?.kind === 'timedelta' && (args.length === 1 || (args.length === 2 && isText(second!))) ? { kind: 'timezone', offsetSeconds: first.seconds } : null;
    default:
      return null;
  }
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `datetime.__reduce__`'s state: year (2 bytes, big-endian), month, day, hour, minute, second, microsecond (3 bytes). */
function datetimeNode(state: Uint8Array | null, tz: Node | undefined): Node | null {
  if (!state || state.length !== 10) return null;
  const [year, month, day, hour, minute, second] = [state[0]! * 256 + state[1]!, state[2]! & 0x7f, state[3]!, state[4]!, state[5]!, state[6]!];
  const micros = state[7]! * 65536 + state[8]! * 256 + state[9]!;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59 || micros > 999_999) return null;
  const offset = tz?.kind === 'timezone' ? tz.offsetSeconds : null;
  // As Python's isoformat(): microseconds only when set, the offset only when aware.
  const local = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${micros ? `.${pad(micros, 6)}` : ''}`;
  if (offset === null) return leaf(local, { type: 'string', value: local });
  const sign = offset < 0 ? '-' : '+';
  const iso = `${local}${sign}${pad(Math.floor(Math.abs(offset) / 3600))}:${pad(Math.floor((Math.abs(offset) % 3600) / 60))}`;
  const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - offset * 1000);
  if (Number.isNaN(utc.getTime())) return null;
  return leaf(iso, { type: 'datetime', value: `${utc.toISOString().slice(0, 19)}Z` });
}

function dateNode(state: Uint8Array | null): Node | null {
  if (!state || state.length !== 4) return null;
  const iso = `${pad(state[0]! * 256 + state[1]!, 4)}-${pad(state[2]!)}-${pad(state[3]!)}`;
  return leaf(iso, { type: 'string', value: iso });
}

/** Python's raw-unicode-escape: latin-1 text where `\uXXXX` and `\UXXXXXXXX` stand for other characters. */
function rawUnicodeEscape(line: string): string {
  return line.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (whole, short: string | undefined, long: string | undefined) => {
    const code = parseInt(short ?? long!, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Turns the machine's nodes into the payload and the typed tree, refusing cycles, depth and size beyond the bounds. */
class Shower {
  private walked = 0;
  private readonly path = new Set<Node>();

  show(node: Node, depth: number): { value: unknown; typed: TypedValue } {
    if (++this.walked > MAX_VALUES) throw new NotPickle(`more than ${MAX_VALUES} values to show`);
    if (depth > MAX_PICKLE_DEPTH) throw new NotPickle(`nested deeper than ${MAX_PICKLE_DEPTH} levels`);
    // A container that holds itself (memo GET then APPEND): a marker instead of the endless value.
    if (this.path.has(node)) return { value: { '@cycle': node.kind }, typed: { type: 'string', value: `<the enclosing ${node.kind}>` } };
    this.path.add(node);
    try {
      return this.showInner(node, depth);
    } finally {
      this.path.delete(node);
    }
  }

  private showInner(node: Node, depth: number): { value: unknown; typed: TypedValue } {
    switch (node.kind) {
      case 'leaf':
        return { value: node.value, typed: node.typed };
      case 'list':
      case 'tuple': {
        const shown = node.items.map((item) => this.show(item, depth + 1));
        return { value: shown.map((item) => item.value), typed: { type: node.kind, items: shown.map((item) => item.typed) } };
      }
      case 'set': {
        const shown = node.items.map((item) => this.show(item, depth + 1));
        return { value: shown.map((item) => item.value), typed: { type: 'set', items: shown.map((item) => item.typed), frozen: node.frozen } };
      }
      case 'dict':
        return this.dict(node.entries, depth);
      case 'global':
        return { value: { '@global': node.name }, typed: { type: 'object', className: node.name, entries: [] } };
      case 'timedelta':
        return { value: node.seconds, typed: { type: 'number', value: node.seconds } };
      case 'timezone': {
        const name = `UTC${node.offsetSeconds < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(node.offsetSeconds) / 3600))}:${pad(Math.floor((Math.abs(node.offsetSeconds) % 3600) / 60))}`;
        return { value: name, typed: { type: 'string', value: name } };
      }
      case 'call':
        return this.call(node, depth);
    }
  }

  /** Python dict semantics: a repeated key keeps its first place and takes the last value. */
  private dict(entries: [Node, Node][], depth: number): { value: unknown; typed: TypedValue } {
    const value: Record<string, unknown> = {};
    const typed: [string, TypedValue][] = [];
    const places = new Map<string, number>();
    for (const [keyNode, itemNode] of entries) {
      const key = this.keyText(keyNode, depth);
      const item = this.show(itemNode, depth + 1);
      Object.defineProperty(value, key, { value: item.value, enumerable: true, writable: true, configurable: true });
      const place = places.get(key);
      if (place === undefined) {
        places.set(key, typed.length);
        typed.push([key, item.typed]);
      } else {
        typed[place] = [key, item.typed];
      }
    }
    return { value, typed: { type: 'dict', entries: typed } };
  }

  /** JSON keys are text: str keys as they are, anything else (int, tuple...) as its JSON. */
  private keyText(node: Node, depth: number): string {
    if (isText(node)) return node.value;
    const shown = this.show(node, depth + 1).value;
    return typeof shown === 'string' ? shown : JSON.stringify(shown);
  }

  private call(node: Extract<Node, { kind: 'call' }>, depth: number): { value: unknown; typed: TypedValue } {
    const value: Record<string, unknown> = { '@calls': node.callee };
    const typed: [string, TypedValue][] = [];
    const add = (key: string, shown: { value: unknown; typed: TypedValue }) => {
      value[key] = shown.value;
      typed.push([key, shown.typed]);
    };
    add('args', this.showInner({ kind: 'tuple', items: node.args }, depth));
    if (node.state) add('state', this.show(node.state, depth + 1));
    if (node.items.length > 0) add('appends', this.showInner({ kind: 'list', items: node.items }, depth));
    if (node.entries.length > 0) add('setitems', this.dict(node.entries, depth));
    return { value, typed: { type: 'object', className: `calls ${node.callee}`, entries: typed } };
  }
}
