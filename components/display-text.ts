/**
 * How text that came from a cookie is shown: always as React text (never HTML), with the characters
 * that hide or reorder text made visible, and long text cut to a readable length.
 */

/** A run of ordinary text, or one character shown as an escape (`\u202E`) because it is invisible or reorders text. */
export type TextPart = { kind: 'text'; text: string } | { kind: 'escape'; text: string; name: string };

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'NULL',
  0x7f: 'DELETE',
  0xad: 'SOFT HYPHEN',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (BOM)',
};

/**
 * Control characters (but tab and newline), C1 controls, zero-width characters, bidi embeddings,
 * overrides and isolates, the BOM, and lone surrogate halves (invalid UTF-16).
 */
const HIDDEN =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function escapeName(code: number): string {
  if (code >= 0xd800 && code <= 0xdfff) return 'lone surrogate (invalid text)';
  if (code < 0x20 || (code >= 0x80 && code <= 0x9f)) return NAMES[code] ?? 'control character';
  return NAMES[code] ?? 'invisible character';
}

/** Splits text into ordinary runs and visible escapes for hidden characters. */
export function visibleParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(HIDDEN)) {
    const index = match.index;
    if (index > last) parts.push({ kind: 'text', text: text.slice(last, index) });
    const code = match[0].charCodeAt(0);
    parts.push({ kind: 'escape', text: `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`, name: escapeName(code) });
    last = index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** The first `limit` UTF-16 units of the text, without splitting a surrogate pair. */
export function truncateText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const code = text.charCodeAt(limit - 1);
  const next = text.charCodeAt(limit);
  const splitsPair = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
  return text.slice(0, splitsPair ? limit - 1 : limit);
}

/** `1 character`, `12 characters` (counted in code points, as a person would). */
export function countCharacters(text: string): string {
  let count = 0;
  for (const _ of text) count++;
  return count === 1 ? '1 character' : `${count.toLocaleString('en')} characters`;
}

/**
 * A message from the background or a caught error, made fit to show: first line only, no stack
 * frames, no file paths, at most 200 characters.
 */
export function friendlyMessage(message: unknown): string {
  const text = typeof message === 'string' ? message : message instanceof Error ? message.message : '';
  const line = text
    .split(/\r?\n/)
    .map((part) => part.trim())
    .find((part) => part !== '' && !/^at\s/.test(part) && !/^[\w$.]*@/.test(part));
  if (!line) return '';
  const withoutPaths = line.replace(/\b(?:chrome|moz|safari)-extension:\/\/\S+|\bfile:\/\/\S+|(?:\/[\w.-]+){2,}\.(?:js|ts|mjs|tsx)(?::\d+)*/g, '').trim();
  return withoutPaths.length > 200 ? `${truncateText(withoutPaths, 199)}…` : withoutPaths;
}
