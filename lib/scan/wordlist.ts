import { decodeLatin1, decodeUtf8, encodeUtf8 } from '../codec/text';
import type { Secret } from '../types';

/**
 * Wordlists of candidate secrets: one secret a line, either plain text or a quoted Python literal as in
 * Flask-Unsign's list (`'...'`, `"..."`, `b'...'` for bytes, any Python string prefix, escapes decoded
 * exactly as Python's `ast.literal_eval` does). Like Flask-Unsign, each line is stripped of surrounding
 * whitespace first, and a line that is no string literal (numbers, broken quotes) is taken as plain text.
 */

/**
 * Lines longer than this (in bytes, a CR before the LF included) are skipped and counted: a line without an
 * end in sight (a binary file, a minified blob) must not hold the whole file in memory. Keys are far shorter:
 * the longest in Flask-Unsign's list, a PGP private key, is 5,779 bytes.
 */
export const MAX_LINE_BYTES = 65_536;

/** What a wordlist held, as far as it has been read (and parsed). */
export interface WordlistCounts {
  /** Bytes read. */
  bytes: number;
  /** Secrets given (every non-blank line up to MAX_LINE_BYTES; repeats included). */
  entries: number;
  /** Lines over MAX_LINE_BYTES, skipped. */
  skippedLines: number;
}

/** Bytes of whole lines a chunk of a wordlist holds, about (a chunk is cut at the last line end before this). */
export const CHUNK_BYTES = 256 * 1024;

/**
 * Cuts a wordlist's bytes, as they are read, into chunks of whole lines (each line ends at LF; only the last
 * chunk's last line may lack one) that are parsed where they are tested (`WordlistEntries`). A line split
 * across reads is whole in one chunk; a BOM at the start of the file is dropped. Between chunks it keeps at most
 * MAX_LINE_BYTES of a line, however long the line or the file: a longer line is skipped here and counted.
 */
export class WordlistChunker {
  readonly counts: WordlistCounts = { bytes: 0, entries: 0, skippedLines: 0 };
  private readonly buffer = new Uint8Array(CHUNK_BYTES);
  private length = 0;
  /** Inside a line already over MAX_LINE_BYTES: drop bytes up to its end. */
  private overlong = false;
  private started = false;

  /** Bytes of an unfinished chunk kept between reads. */
  get retained(): number {
    return this.length;
  }

  /** Appends the chunks that these bytes complete to `out`. */
  push(bytes: Uint8Array, out: Uint8Array[]): void {
    this.counts.bytes += bytes.length;
    let at = 0;
    while (at < bytes.length) {
      if (this.overlong) {
        const end = bytes.indexOf(0x0a, at);
        if (end < 0) return;
        this.overlong = false;
        at = end + 1;
        continue;
      }
      const taken = Math.min(bytes.length - at, CHUNK_BYTES - this.length);
      this.buffer.set(bytes.subarray(at, at + taken), this.length);
      this.length += taken;
      at += taken;
      if (this.length === CHUNK_BYTES) this.cut(out);
    }
  }

  /** At the end of the input: the rest (its last line may have no line end). */
  end(out: Uint8Array[]): void {
    if (this.overlong) return;
    const rest = this.take(this.length);
    if (rest.length > 0) out.push(rest);
  }

  /** The buffer is full: its whole lines are a chunk, the unfinished line stays (unless it is over the limit). */
  private cut(out: Uint8Array[]): void {
    const lineEnd = this.buffer.lastIndexOf(0x0a);
    const chunk = this.take(lineEnd + 1);
    if (chunk.length > 0) out.push(chunk);
    if (this.length > MAX_LINE_BYTES) {
      this.length = 0;
      this.overlong = true;
      this.counts.skippedLines++;
    }
  }

  /** The first `count` bytes as a chunk of their own (without the file's BOM); the rest moves to the front. */
  private take(count: number): Uint8Array {
    let from = 0;
    if (!this.started && count > 0) {
      this.started = true;
      if (this.buffer[0] === 0xef && this.buffer[1] === 0xbb && this.buffer[2] === 0xbf && count >= 3) from = 3;
    }
    const chunk = this.buffer.slice(from, count);
    this.buffer.copyWithin(0, count, this.length);
    this.length -= count;
    return chunk;
  }
}

/**
 * The entries of a chunk of whole wordlist lines, parsed where they are tested and straight into the key bytes
 * scans hash: an entry whose bytes are the same in every encoding (ASCII text, the common case) is a range of
 * `keys`, with no string made for it; the rest (bytes literals, other text) is its `Secret`. Reused chunk after
 * chunk.
 */
export class WordlistEntries {
  length = 0;
  /** Lines of the chunk over MAX_LINE_BYTES, skipped. */
  skippedLines = 0;
  /** Entry i's key bytes are `keys[starts[i]..ends[i])`; `ends[i] === -1`: its secret is in `secrets`. */
  keys = new Uint8Array(0);
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  private readonly secrets = new Map<number, Secret>();
  /** Where the next key bytes go. */
  private written = 0;
  /** Where the literal `quotedKey` read last ends. */
  private quoteEnd = 0;
  /** Scratch for `quotedText`. */
  private units = new Uint16Array(0);

  /** Entry i as the secret it is (a key range is ASCII text). */
  secret(i: number): Secret {
    const end = this.ends[i]!;
    if (end < 0) return this.secrets.get(i)!;
    return decodeLatin1(this.keys.subarray(this.starts[i]!, end));
  }

  /** Parses `chunk` (whole lines), replacing what was held. */
  parse(chunk: Uint8Array): void {
    this.length = 0;
    this.skippedLines = 0;
    this.secrets.clear();
    this.written = 0;
    // Keys are never longer than their lines: Python's escapes are at least as long as what they stand for.
    if (this.keys.length < chunk.length) this.keys = new Uint8Array(chunk.length);
    for (let start = 0; start < chunk.length; ) {
      let end = this.addQuotedLine(chunk, start);
      if (end < 0) {
        end = chunk.indexOf(0x0a, start);
        if (end < 0) end = chunk.length;
        if (end - start > MAX_LINE_BYTES) this.skippedLines++;
        else this.addLine(chunk, start, end);
      }
      start = end + 1;
    }
  }

  /**
   * The line at `start` when it is one `'...'` or `"..."` literal with an ASCII value (most lines of a list like
   * Flask-Unsign's): its key added and the line's end returned, found by reading the literal rather than by a
   * search ahead for it. -1 for any other line, with nothing added.
   */
  private addQuotedLine(chunk: Uint8Array, start: number): number {
    let from = start;
    while (from < chunk.length && isSpaceInLine(chunk[from]!)) from++;
    const first = chunk[from];
    if (first !== 0x27 && first !== 0x22) return -1;
    const keyEnd = this.quotedKey(chunk, from, chunk.length);
    if (keyEnd < 0) return -1;
    let end = this.quoteEnd;
    while (end < chunk.length && isSpaceInLine(chunk[end]!)) end++;
    if ((end < chunk.length && chunk[end] !== 0x0a) || end - start > MAX_LINE_BYTES) return -1;
    this.addKey(keyEnd);
    return end;
  }

  /** Adds the line `chunk[start..end)` (if not blank). */
  private addLine(chunk: Uint8Array, start: number, end: number): void {
    let from = start;
    let to = end;
    while (from < to && isAsciiSpace(chunk[from]!)) from++;
    while (to > from && isAsciiSpace(chunk[to - 1]!)) to--;
    if (from === to) return;
    const first = chunk[from]!;
    const quoted = first === 0x27 || first === 0x22;
    let keyEnd = quoted ? this.quotedKey(chunk, from, to) : mayStartLiteral(first) ? NOT_FAST : this.plainKey(chunk, from, to);
    if (quoted && keyEnd >= 0 && this.quoteEnd !== to) keyEnd = NOT_FAST;
    if (keyEnd >= 0) {
      this.addKey(keyEnd);
      return;
    }
    // Anything else (raw non-ASCII, bytes literals, prefixes, `\N{...}`, implicit concatenation): as Python reads it.
    const secret = (keyEnd === WIDE ? this.quotedText(chunk, from, to) : null) ?? parseWordlistBytes(chunk.subarray(start, end));
    if (secret === null) return;
    this.reserve(this.length + 1);
    this.ends[this.length] = -1;
    this.secrets.set(this.length++, secret);
  }

  /** Adds the entry whose key bytes `quotedKey` or `plainKey` wrote, up to `keyEnd`. */
  private addKey(keyEnd: number): void {
    this.reserve(this.length + 1);
    this.starts[this.length] = this.written;
    this.ends[this.length++] = keyEnd;
    this.written = keyEnd;
  }

  /** A plain ASCII line is its own key: the end of its bytes copied to `keys`, or NOT_FAST. */
  private plainKey(chunk: Uint8Array, from: number, to: number): number {
    const keys = this.keys;
    let written = this.written;
    for (let i = from; i < to; i++) {
      const byte = chunk[i]!;
      if (byte >= 0x80) return NOT_FAST;
      keys[written++] = byte;
    }
    return written;
  }

  /**
   * A `'...'` or `"..."` literal at `from`, of printable ASCII and escapes, closed before `to`: its value written
   * to `keys` and the end returned when that value is ASCII (`quoteEnd`: where the literal ends); WIDE at the
   * first escape beyond ASCII; NOT_FAST for anything else.
   */
  private quotedKey(chunk: Uint8Array, from: number, to: number): number {
    const keys = this.keys;
    let written = this.written;
    const quote = chunk[from]!;
    // `''` followed by more is a triple quote or a concatenation.
    if (chunk[from + 1] === quote && from + 2 !== to) return NOT_FAST;
    for (let i = from + 1; i < to; ) {
      const byte = chunk[i]!;
      if (byte === quote) {
        this.quoteEnd = i + 1;
        return written;
      }
      if (byte < 0x20 || byte >= 0x80) return NOT_FAST;
      if (byte !== 0x5c) {
        keys[written++] = byte;
        i++;
        continue;
      }
      const escape = readEscape(chunk, i, to);
      if (escape < 0) return NOT_FAST;
      if (escape >>> 4 >= 0x80) return WIDE;
      keys[written++] = escape >>> 4;
      i += escape & 15;
    }
    return NOT_FAST;
  }

  /**
   * A literal `quotedKey` found WIDE (its bytes differ by encoding, so it cannot be a key range): its text, built
   * from UTF-16 code units as Python's escapes give them, or null where the full reader must decide.
   */
  private quotedText(chunk: Uint8Array, from: number, to: number): string | null {
    // A literal has at least as many bytes as its value has code units: `\U0010ffff` is ten bytes for two.
    if (this.units.length < to - from) this.units = new Uint16Array(to - from);
    const units = this.units;
    const quote = chunk[from]!;
    let length = 0;
    for (let i = from + 1; i < to; ) {
      const byte = chunk[i]!;
      if (byte === quote) return i + 1 === to ? textOfUnits(units.subarray(0, length)) : null;
      if (byte < 0x20 || byte >= 0x80) return null;
      if (byte !== 0x5c) {
        units[length++] = byte;
        i++;
        continue;
      }
      const escape = readEscape(chunk, i, to);
      if (escape < 0) return null;
      const value = escape >>> 4;
      if (value > 0xffff) {
        units[length++] = 0xd7c0 + (value >> 10);
        units[length++] = 0xdc00 | (value & 0x3ff);
      } else {
        units[length++] = value;
      }
      i += escape & 15;
    }
    return null;
  }

  private reserve(count: number): void {
    if (this.starts.length >= count) return;
    const starts = new Int32Array(this.starts.length * 2);
    const ends = new Int32Array(this.ends.length * 2);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }
}

/** `addLine`'s fast paths: the line is for the full reader (`parseWordlistBytes`). */
const NOT_FAST = -1;
/** `quotedKey`: a plain literal whose value is not all ASCII (`quotedText` reads it). */
const WIDE = -2;

/**
 * The escape at `chunk[i]` (a backslash) in a text literal, as Python reads it: its value << 4 | its length in
 * bytes; -1 where the fast paths leave the line to the full reader (`\N{...}` needs Unicode's name table; bad
 * hex; a backslash that ends the line).
 */
function readEscape(chunk: Uint8Array, i: number, to: number): number {
  if (i + 1 >= to) return -1;
  const next = chunk[i + 1]!;
  const simple = ASCII_ESCAPES[next];
  if (simple !== undefined) return (simple << 4) | 2;
  if (next === 0x78 /* x */) return hexEscape(chunk, i + 2, 2, to);
  if (next === 0x75 /* u */) return hexEscape(chunk, i + 2, 4, to);
  if (next === 0x55 /* U */) return hexEscape(chunk, i + 2, 8, to);
  if (next >= 0x30 && next <= 0x37) {
    let value = 0;
    let j = i + 1;
    for (; j < i + 4 && j < to && chunk[j]! >= 0x30 && chunk[j]! <= 0x37; j++) value = value * 8 + chunk[j]! - 0x30;
    return (value << 4) | (j - i);
  }
  // Any other escape is none: Python keeps the backslash, and the byte after it is read as itself.
  return next === 0x4e /* N */ ? -1 : (0x5c << 4) | 1;
}

/** `\x`, `\u` or `\U` and its `digits` hex digits at `from`, for `readEscape`. */
function hexEscape(chunk: Uint8Array, from: number, digits: number, to: number): number {
  if (from + digits > to) return -1;
  let value = 0;
  for (let j = from; j < from + digits; j++) {
    const digit = hexValue(chunk[j]!);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value > 0x10ffff ? -1 : (value << 4) | (digits + 2);
}

/** Text of UTF-16 code units (lone surrogates kept, as Python keeps them), a slice at a time for the stack's sake. */
function textOfUnits(units: Uint16Array): string {
  let text = '';
  for (let i = 0; i < units.length; i += 4096) text += String.fromCharCode.apply(null, units.subarray(i, i + 4096) as unknown as number[]);
  return text;
}

/** A line starting with this byte may be a literal the fast paths do not read: a prefix letter or a parenthesis. */
function mayStartLiteral(byte: number): boolean {
  const letter = byte | 0x20;
  return byte === 0x28 || letter === 0x72 || letter === 0x75 || letter === 0x62;
}

/** A hex digit's value, or -1. */
function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const letter = byte | 0x20;
  return letter >= 0x61 && letter <= 0x66 ? letter - 0x61 + 10 : -1;
}

/** The secrets of a whole wordlist in memory (text, or bytes as read from a file). */
export function parseWordlist(input: string | Uint8Array): Secret[] {
  const chunker = new WordlistChunker();
  const chunks: Uint8Array[] = [];
  chunker.push(typeof input === 'string' ? encodeUtf8(input) : input, chunks);
  chunker.end(chunks);
  const entries = new WordlistEntries();
  const secrets: Secret[] = [];
  for (const chunk of chunks) {
    entries.parse(chunk);
    for (let i = 0; i < entries.length; i++) secrets.push(entries.secret(i));
  }
  return secrets;
}

/**
 * One line's secret, or null for a blank line. A line that is not UTF-8 (a Latin-1 list, say) is taken as
 * the raw bytes it is, trimmed of ASCII whitespace: those bytes are the key a server keyed with them uses.
 */
function parseWordlistBytes(line: Uint8Array): Secret | null {
  const text = decodeUtf8(line);
  if (text !== null) return parseWordlistLine(text);
  let start = 0;
  let end = line.length;
  while (start < end && isAsciiSpace(line[start]!)) start++;
  while (end > start && isAsciiSpace(line[end - 1]!)) end--;
  return line.slice(start, end);
}

function isAsciiSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

/** ASCII whitespace but the line end. */
function isSpaceInLine(byte: number): boolean {
  return byte !== 0x0a && isAsciiSpace(byte);
}

/** One line's secret, or null for a blank line. */
export function parseWordlistLine(line: string): Secret | null {
  const text = line.trim();
  if (text === '') return null;
  const literal = parsePythonStringLiteral(text);
  return literal ?? text;
}

/** Python source whitespace between tokens. */
function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0c;
}

/**
 * The value of a Python expression made only of string literals (implicit concatenation and
 * parentheses allowed, a trailing `# comment` ignored): a string, bytes (`b` prefix), or null when the
 * text is anything else or Python would reject it. `\N{...}` escapes need Unicode's name table and give
 * null as well.
 */
export function parsePythonStringLiteral(source: string): Secret | null {
  let pos = 0;
  const n = source.length;
  const skip = () => {
    while (pos < n && isBlank(source.charCodeAt(pos))) pos++;
  };
  skip();
  let parens = 0;
  while (source[pos] === '(') {
    parens++;
    pos++;
    skip();
  }
  // Adjacent literals are collected and joined once: a line of many short ones stays linear.
  const parts: Literal[] = [];
  for (;;) {
    const literal = readLiteral(source, pos);
    if (!literal) break;
    if (parts.length > 0 && !parts[0]!.bytes !== !literal.bytes) return null;
    parts.push(literal);
    pos = literal.end;
    skip();
  }
  if (parts.length === 0) return null;
  for (; parens > 0; parens--) {
    if (source[pos] !== ')') return null;
    pos++;
    skip();
  }
  if (pos < n && source[pos] !== '#') return null;
  if (!parts[0]!.bytes) return parts.map((part) => part.text).join('');
  const bytes = new Uint8Array(parts.reduce((length, part) => length + part.bytes!.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part.bytes!, offset);
    offset += part.bytes!.length;
  }
  return bytes;
}

interface Literal {
  text: string;
  /** Set for a bytes literal. */
  bytes?: number[];
  end: number;
}

const PREFIXES = new Set(['', 'r', 'u', 'b', 'br', 'rb']);

function readLiteral(source: string, start: number): Literal | null {
  // Prefix: at most two of r/u/b (any case) in one of Python's allowed combinations, then a quote.
  let pos = start;
  let prefix = '';
  while (pos < start + 2 && pos < source.length) {
    const letter = source.charCodeAt(pos) | 0x20;
    if (letter !== 0x72 && letter !== 0x75 && letter !== 0x62) break;
    prefix += String.fromCharCode(letter);
    pos++;
  }
  const q = source.charCodeAt(pos);
  if ((q !== 0x27 && q !== 0x22) || !PREFIXES.has(prefix)) return null;
  const raw = prefix.includes('r');
  const isBytes = prefix.includes('b');
  pos++;
  // `''` is an empty string, not the start of a triple-quoted one, unless a third quote follows.
  const triple = source.charCodeAt(pos) === q && source.charCodeAt(pos + 1) === q;
  if (triple) pos += 2;
  const bodyStart = pos;
  let bodyEnd = -1;
  let escapes = false;
  for (const n = source.length; pos < n; ) {
    const c = source.charCodeAt(pos);
    if (c === 0x5c) {
      escapes = true;
      pos += 2;
      continue;
    }
    if (c === q && (!triple || (source.charCodeAt(pos + 1) === q && source.charCodeAt(pos + 2) === q))) {
      bodyEnd = pos;
      break;
    }
    if (c === 0x0a && !triple) return null;
    pos++;
  }
  if (bodyEnd < 0) return null;
  const body = source.slice(bodyStart, bodyEnd);
  const end = bodyEnd + (triple ? 3 : 1);
  if (body.includes('\0')) return null;
  if (isBytes) {
    const bytes: number[] = [];
    for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) >= 0x80) return null;
    if (raw || !escapes) {
      for (let i = 0; i < body.length; i++) bytes.push(body.charCodeAt(i));
      return { text: '', bytes, end };
    }
    const decoded = unescape(body, true);
    if (decoded === null) return null;
    for (const code of decoded) bytes.push(code & 0xff);
    return { text: '', bytes, end };
  }
  if (raw || !escapes) return { text: body, end };
  const decoded = unescape(body, false);
  if (decoded === null) return null;
  let text = '';
  for (let i = 0; i < decoded.length; i += 4096) text += String.fromCodePoint(...decoded.slice(i, i + 4096));
  return { text, end };
}

const SIMPLE_ESCAPES: Record<string, number> = {
  '\\': 0x5c,
  "'": 0x27,
  '"': 0x22,
  a: 0x07,
  b: 0x08,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
};

/** The same by the byte after the backslash, for the fast path of `WordlistEntries`. */
const ASCII_ESCAPES: (number | undefined)[] = [];
for (const [letter, value] of Object.entries(SIMPLE_ESCAPES)) ASCII_ESCAPES[letter.charCodeAt(0)] = value;

function isOctal(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '7';
}

function hexDigits(body: string, at: number, count: number): number | null {
  const digits = body.slice(at, at + count);
  return digits.length === count && /^[0-9a-fA-F]+$/.test(digits) ? parseInt(digits, 16) : null;
}

/**
 * Code points of a non-raw literal's body with Python's escapes decoded (bytes literals: values that the
 * caller reduces to bytes; `\u`, `\U`, `\N` are not escapes there). Null where Python raises.
 */
function unescape(body: string, isBytes: boolean): number[] | null {
  const out: number[] = [];
  for (let i = 0; i < body.length; ) {
    const code = body.codePointAt(i)!;
    if (code !== 0x5c) {
      out.push(code);
      i += code > 0xffff ? 2 : 1;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) return null;
    if (next === '\n') {
      i += 2;
      continue;
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out.push(simple);
      i += 2;
      continue;
    }
    if (isOctal(next)) {
      let j = i + 1;
      let value = 0;
      while (j < i + 4 && isOctal(body[j])) value = value * 8 + (body.charCodeAt(j++) - 0x30);
      out.push(value);
      i = j;
      continue;
    }
    if (next === 'x') {
      const value = hexDigits(body, i + 2, 2);
      if (value === null) return null;
      out.push(value);
      i += 4;
      continue;
    }
    if (!isBytes && (next === 'u' || next === 'U')) {
      const count = next === 'u' ? 4 : 8;
      const value = hexDigits(body, i + 2, count);
      if (value === null || value > 0x10ffff) return null;
      out.push(value);
      i += 2 + count;
      continue;
    }
    // \N{NAME} needs the Unicode name table.
    if (!isBytes && next === 'N') return null;
    // Unknown escape: Python keeps the backslash.
    out.push(0x5c);
    i += 1;
  }
  return out;
}

/**
 * A wordlist being read as a scan asks for it: a chunk of whole lines at a time, which the scan parses where it
 * tests it and reports with `counted`; `counts` tells how far it got.
 */
export interface WordlistReader {
  /** The next chunk of whole lines, or null after the last. */
  next(): Promise<Uint8Array | null>;
  /** Share of the file read so far, 0..1. */
  readonly progress: number;
  /** Adds what a chunk held once parsed. */
  counted(entries: number, skippedLines: number): void;
  close(): void;
  readonly counts: WordlistCounts;
}

/**
 * Reads a wordlist of `size` bytes from its chunks (a File's or a Node stream's), a chunk of whole lines at a
 * time: memory held is about a chunk, whatever the file's size.
 */
export function readWordlist(chunks: AsyncIterable<Uint8Array>, size: number): WordlistReader {
  const chunker = new WordlistChunker();
  const iterator = chunks[Symbol.asyncIterator]();
  const ready: Uint8Array[] = [];
  let ended = false;
  return {
    counts: chunker.counts,
    get progress() {
      return size > 0 ? Math.min(1, chunker.counts.bytes / size) : 1;
    },
    counted(entries, skippedLines) {
      chunker.counts.entries += entries;
      chunker.counts.skippedLines += skippedLines;
    },
    async next() {
      while (ready.length === 0 && !ended) {
        const chunk = await iterator.next();
        if (chunk.done) {
          chunker.end(ready);
          ended = true;
        } else {
          chunker.push(chunk.value, ready);
        }
      }
      return ready.shift() ?? null;
    },
    close() {
      ready.length = 0;
      if (ended) return;
      ended = true;
      void iterator.return?.();
    },
  };
}

/** A wordlist file (a picked File, any Blob) read as the scan goes (see `readWordlist`). */
export function readWordlistFile(file: Blob): WordlistReader {
  return readWordlist(blobChunks(file), file.size);
}

/** A Blob's bytes, a chunk at a time (the reader releases its lock when iteration stops early). */
async function* blobChunks(blob: Blob): AsyncGenerator<Uint8Array> {
  const reader = blob.stream().getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) yield chunk.value;
  } finally {
    await reader.cancel();
  }
}
