import { decodeLatin1, decodeUtf8 } from './text';

const encoder = new TextEncoder();
const OCTAL_ESCAPE = /^[0-3][0-7]{2}$/;

/** The same cookie value in each form it may have been written in: unwrapped forms first, the raw value last. */
interface WireForm {
  value: string;
  /** How the raw value was unwrapped, or undefined for the raw value itself. */
  encoding?: 'quoted' | 'percent-encoded';
}

export function wireForms(raw: string): WireForm[] {
  const forms: WireForm[] = [];
  const unquoted = unquoteCookieValue(raw);
  if (unquoted !== null) forms.push({ value: unquoted, encoding: 'quoted' });
  const decoded = percentDecode(raw);
  if (decoded !== null && decoded !== raw) forms.push({ value: decoded, encoding: 'percent-encoded' });
  forms.push({ value: raw });
  return forms;
}

/**
 * Undoes RFC 2109 quoting: `"..."` with `\ooo` octal escapes and `\"`, `\\`.
 * Werkzeug escapes UTF-8 bytes; Python's SimpleCookie escapes code points up to U+00FF (latin-1) and
 * leaves higher ones as they are (Django: `"h\351llo ✓"`). Try the UTF-8 reading first.
 */
export function unquoteCookieValue(raw: string): string | null {
  if (raw.length < 2 || !raw.startsWith('"') || !raw.endsWith('"')) return null;
  const inner = raw.slice(1, -1);
  // Text between escapes is encoded a run at once (characters outside the BMP stay whole); UTF-8 takes at most
  // 3 bytes per UTF-16 unit and an escape gives one byte, so this buffer always has room.
  const bytes = new Uint8Array(inner.length * 3);
  let length = 0;
  const codePoints: string[] = [];
  const text = (part: string) => {
    length += encoder.encodeInto(part, bytes.subarray(length)).written;
    codePoints.push(part);
  };
  let i = 0;
  while (i < inner.length) {
    const slash = inner.indexOf('\\', i);
    const runEnd = slash < 0 ? inner.length : slash;
    if (runEnd > i) text(inner.slice(i, runEnd));
    if (slash < 0) break;
    const octal = inner.slice(slash + 1, slash + 4);
    if (OCTAL_ESCAPE.test(octal)) {
      const code = parseInt(octal, 8);
      bytes[length++] = code;
      codePoints.push(String.fromCharCode(code));
      i = slash + 4;
    } else if (slash + 1 < inner.length) {
      text(inner[slash + 1]!);
      i = slash + 2;
    } else {
      text('\\');
      i = slash + 1;
    }
  }
  return decodeUtf8(bytes.subarray(0, length)) ?? codePoints.join('');
}

/** Characters Python's `http.cookies` leaves a value bare with (`_LegalChars`), and those it leaves unescaped inside quotes. */
const PYTHON_LEGAL = /^[A-Za-z0-9!#$%&'*+\-.^_`|~:]+$/;
const PYTHON_UNESCAPED = /[A-Za-z0-9!#$%&'*+\-.^_`|~: ()/<=>?@[\]{}]/;

/**
 * RFC 2109 quoting as Python's `http.cookies._quote` writes it (Django's `set_cookie`): a value of legal characters
 * stays bare; any other is quoted, `"` and `\` backslash-escaped and the rest of U+0000..U+00FF as `\ooo` octal,
 * higher code points as they are. `unquoteCookieValue` reads it back.
 */
export function quoteCookieValue(value: string): string {
  if (PYTHON_LEGAL.test(value)) return value;
  let quoted = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === '\\') quoted += `\\${char}`;
    else if (code > 0xff || PYTHON_UNESCAPED.test(char)) quoted += char;
    else quoted += `\\${code.toString(8).padStart(3, '0')}`;
  }
  return `"${quoted}"`;
}

/** The bytes Werkzeug's `dump_cookie` leaves bare (`_legal_cookie_chars`), and those it escapes as `\ooo` octal. */
const WERKZEUG_LEGAL = /^[A-Za-z0-9!#$%&'*+\-.^_`|~:/=]*$/;
const WERKZEUG_OCTAL = /[\x00-\x1f\x7f-\xff,;]/;

/**
 * Werkzeug's `_cookie_quote` (Flask's `set_cookie`), over the value's UTF-8 bytes: a value of legal bytes stays bare;
 * any other is quoted, `"` and `\` backslash-escaped and `,`, `;`, controls and bytes from 0x7f (so every non-ASCII
 * character) as `\ooo` octal. `unquoteCookieValue` reads it back.
 */
export function quoteWerkzeugCookie(value: string): string {
  const bytes = decodeLatin1(encoder.encode(value));
  if (WERKZEUG_LEGAL.test(bytes)) return bytes;
  return `"${Array.from(bytes, werkzeugEscape).join('')}"`;
}

function werkzeugEscape(char: string): string {
  if (char === '"' || char === '\\') return `\\${char}`;
  return WERKZEUG_OCTAL.test(char) ? `\\${char.charCodeAt(0).toString(8).padStart(3, '0')}` : char;
}

export function percentDecode(raw: string): string | null {
  if (!/%[0-9A-Fa-f]{2}/.test(raw)) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
