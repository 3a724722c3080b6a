import { decodeUtf8, encodeUtf8 } from './text';

/** The same cookie value in each form it may have been written in: unwrapped forms first, the raw value last. */
export interface WireForm {
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
  const bytes: number[] = [];
  let codePoints = '';
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i]!;
    if (char === '\\' && /^[0-3][0-7]{2}$/.test(inner.slice(i + 1, i + 4))) {
      const code = parseInt(inner.slice(i + 1, i + 4), 8);
      bytes.push(code);
      codePoints += String.fromCharCode(code);
      i += 3;
    } else if (char === '\\' && i + 1 < inner.length) {
      bytes.push(...encodeUtf8(inner[i + 1]!));
      codePoints += inner[i + 1]!;
      i += 1;
    } else {
      bytes.push(...encodeUtf8(char));
      codePoints += char;
    }
  }
  return decodeUtf8(Uint8Array.from(bytes)) ?? codePoints;
}

export function percentDecode(raw: string): string | null {
  if (!/%[0-9A-Fa-f]{2}/.test(raw)) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
