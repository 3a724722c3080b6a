import { decodeUtf8, encodeUtf8 } from '../codec/text';
import type { Secret } from '../types';
import type { CandidateStream } from './scanner';

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

/** What a wordlist held, as far as it has been read. */
export interface WordlistCounts {
  /** Bytes read. */
  bytes: number;
  /** Secrets given (every non-blank line up to MAX_LINE_BYTES; repeats included). */
  entries: number;
  /** Lines over MAX_LINE_BYTES, skipped. */
  skippedLines: number;
}

/**
 * Splits a wordlist's bytes, chunk by chunk as they are read, into secrets. Lines end at LF (CR before it is
 * whitespace); each complete line is decoded on its own, so a UTF-8 sequence split across chunks is whole
 * again. Between chunks it keeps at most MAX_LINE_BYTES of a line, however long the line or the file.
 */
export class WordlistSplitter {
  readonly counts: WordlistCounts = { bytes: 0, entries: 0, skippedLines: 0 };
  private readonly partial = new Uint8Array(MAX_LINE_BYTES);
  private partialLength = 0;
  /** Inside a line already over MAX_LINE_BYTES: drop bytes up to its end. */
  private overlong = false;
  private firstLine = true;

  /** Bytes of an unfinished line kept between chunks. */
  get retained(): number {
    return this.partialLength;
  }

  /** Appends the secrets of the lines that this chunk completes to `out`. */
  push(chunk: Uint8Array, out: Secret[]): void {
    this.counts.bytes += chunk.length;
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end >= 0; end = chunk.indexOf(0x0a, start)) {
      this.finishLine(chunk.subarray(start, end), out);
      start = end + 1;
    }
    this.keep(chunk.subarray(start));
  }

  /** At the end of the input: the last line, when it has no line end. */
  end(out: Secret[]): void {
    this.finishLine(new Uint8Array(0), out);
  }

  private keep(bytes: Uint8Array): void {
    if (this.overlong || bytes.length === 0) return;
    if (this.partialLength + bytes.length > MAX_LINE_BYTES) {
      this.skipLine();
      return;
    }
    this.partial.set(bytes, this.partialLength);
    this.partialLength += bytes.length;
  }

  private skipLine(): void {
    this.overlong = true;
    this.partialLength = 0;
    this.counts.skippedLines++;
  }

  /** The line made of the kept bytes and `rest` has ended. */
  private finishLine(rest: Uint8Array, out: Secret[]): void {
    if (!this.overlong) this.keep(rest);
    const overlong = this.overlong;
    this.overlong = false;
    if (overlong) return;
    let line = this.partial.subarray(0, this.partialLength);
    this.partialLength = 0;
    if (this.firstLine) {
      this.firstLine = false;
      if (line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
    }
    const secret = parseWordlistBytes(line);
    if (secret === null) return;
    this.counts.entries++;
    out.push(secret);
  }
}

/** The secrets of a whole wordlist in memory (text, or bytes as read from a file). */
export function parseWordlist(input: string | Uint8Array): Secret[] {
  const splitter = new WordlistSplitter();
  const secrets: Secret[] = [];
  splitter.push(typeof input === 'string' ? encodeUtf8(input) : input, secrets);
  splitter.end(secrets);
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

/** Secrets per batch a reader gives (when the chunks read have that many). */
const BATCH_ENTRIES = 8192;

/** A wordlist being read as a scan asks for candidates; `counts` tells how far it got. */
export interface WordlistReader extends CandidateStream {
  readonly counts: WordlistCounts;
}

/**
 * Reads a wordlist of `size` bytes from its chunks (a File's or a Node stream's), a batch of secrets at a
 * time: memory held is a chunk, a line and a batch, whatever the file's size.
 */
export function readWordlist(chunks: AsyncIterable<Uint8Array>, size: number): WordlistReader {
  const splitter = new WordlistSplitter();
  const iterator = chunks[Symbol.asyncIterator]();
  let ended = false;
  return {
    counts: splitter.counts,
    get progress() {
      return size > 0 ? Math.min(1, splitter.counts.bytes / size) : 1;
    },
    async next() {
      if (ended) return null;
      const batch: Secret[] = [];
      while (batch.length < BATCH_ENTRIES) {
        const chunk = await iterator.next();
        if (chunk.done) {
          splitter.end(batch);
          ended = true;
          break;
        }
        splitter.push(chunk.value, batch);
      }
      return batch;
    },
    close() {
      if (ended) return;
      ended = true;
      void iterator.return?.();
    },
  };
}
