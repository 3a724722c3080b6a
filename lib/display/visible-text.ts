/**
 * Which characters Session Lens never shows raw, in the extension and in the terminal: those that hide text,
 * reorder it (bidi controls) or drive a terminal (C0 and C1 controls). They are shown as `\uXXXX` instead.
 */

/** A run of ordinary text, or one character shown as an escape (`\u202E`) because it is invisible or reorders text. */
type TextPart = { kind: 'text'; text: string } | { kind: 'escape'; text: string; name: string };

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'NULL',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0x9b: 'CONTROL SEQUENCE INTRODUCER',
  0xad: 'SOFT HYPHEN',
  0x061c: 'ARABIC LETTER MARK',
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
 * Control characters but tab and line feed, DEL, C1 controls, the soft hyphen, zero-width characters and bidi
 * marks, embeddings, overrides and isolates, the BOM, and lone surrogate halves (invalid UTF-16).
 */
const HIDDEN_SOURCE =
  '[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u00AD\\u061C\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const HIDDEN = new RegExp(HIDDEN_SOURCE, 'g');
/** The same, and tab and line feed too: for text that must stay on one line (a terminal field). */
const HIDDEN_OR_LINE_BREAK = new RegExp(`[\\t\\n]|${HIDDEN_SOURCE}`, 'g');

function escapeName(code: number): string {
  if (code >= 0xd800 && code <= 0xdfff) return 'lone surrogate (invalid text)';
  if (code < 0x20 || (code >= 0x80 && code <= 0x9f)) return NAMES[code] ?? 'control character';
  return NAMES[code] ?? 'invisible character';
}

function escapeOf(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Splits text into ordinary runs and visible escapes for hidden characters (tab and line feed are kept). */
export function visibleParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(HIDDEN)) {
    const index = match.index;
    if (index > last) parts.push({ kind: 'text', text: text.slice(last, index) });
    parts.push({ kind: 'escape', text: escapeOf(match[0]), name: escapeName(match[0].charCodeAt(0)) });
    last = index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** The text with every hidden character written as `\uXXXX`; `oneLine` escapes tab and line feed as well. */
export function escapeHidden(text: string, { oneLine }: { oneLine: boolean }): string {
  return text.replace(oneLine ? HIDDEN_OR_LINE_BREAK : HIDDEN, escapeOf);
}
