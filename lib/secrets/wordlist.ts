import type { Secret } from '../types';

/**
 * Wordlists of candidate secrets: one secret a line, either plain text or a quoted Python literal as in
 * Flask-Unsign's list (`'...'`, `"..."`, `b'...'` for bytes, any Python string prefix, escapes decoded
 * exactly as Python's `ast.literal_eval` does). Like Flask-Unsign, each line is stripped of surrounding
 * whitespace first, and a line that is no string literal (numbers, broken quotes) is taken as plain text.
 */

export interface WordlistOptions {
  /** Drop repeated secrets, keeping the first (default true). */
  dedupe?: boolean;
}

/** The secrets of a wordlist, in order; blank lines are skipped and CRLF line ends handled. */
export function parseWordlist(text: string, options: WordlistOptions = {}): Secret[] {
  const dedupe = options.dedupe ?? true;
  const seen = new Set<string>();
  const secrets: Secret[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    const secret = parseWordlistLine(body.slice(start, end));
    start = end + 1;
    if (secret === null) continue;
    if (dedupe) {
      const key = typeof secret === 'string' ? `s${secret}` : `b${bytesKey(secret)}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    secrets.push(secret);
  }
  return secrets;
}

/** One line's secret, or null for a blank line. */
export function parseWordlistLine(line: string): Secret | null {
  const text = line.trim();
  if (text === '') return null;
  const literal = parsePythonStringLiteral(text);
  return literal ?? text;
}

function bytesKey(bytes: Uint8Array): string {
  let key = '';
  for (let i = 0; i < bytes.length; i++) key += String.fromCharCode(bytes[i]!);
  return key;
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
  let text: string | null = null;
  let bytes: number[] | null = null;
  for (;;) {
    const literal = readLiteral(source, pos);
    if (!literal) break;
    if (literal.bytes) {
      if (text !== null) return null;
      bytes = bytes ? bytes.concat(literal.bytes) : literal.bytes;
    } else {
      if (bytes !== null) return null;
      text = (text ?? '') + literal.text;
    }
    pos = literal.end;
    skip();
  }
  if (text === null && bytes === null) return null;
  for (; parens > 0; parens--) {
    if (source[pos] !== ')') return null;
    pos++;
    skip();
  }
  if (pos < n && source[pos] !== '#') return null;
  return bytes ? Uint8Array.from(bytes) : text;
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
