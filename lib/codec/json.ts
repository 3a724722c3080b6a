import { compareCodePoints } from './text';

/** A JSON object as parsed: any keys, values not yet looked at. */
export type JsonObject = Record<string, unknown>;

export type JsonResult = { ok: true; json: unknown; text: string } | { ok: false; reason: string };

/**
 * Far deeper than any real session, yet shallow enough for everything that walks a decoded value: the recursive
 * readers, React, and structured clone to the page (which gives up at a few hundred levels of a report).
 */
export const MAX_JSON_DEPTH = 64;

/** Why `parseJson` refuses a value nested deeper than MAX_JSON_DEPTH. */
export const TOO_DEEP = `nested deeper than ${MAX_JSON_DEPTH} levels`;

/** The one JSON parser for cookie data: it refuses values nested deeper than MAX_JSON_DEPTH. */
export function parseJson(text: string): JsonResult {
  if (nestedDeeperThan(text, MAX_JSON_DEPTH)) return { ok: false, reason: TOO_DEEP };
  try {
    return { ok: true, json: JSON.parse(text), text };
  } catch {
    return { ok: false, reason: 'payload is not JSON' };
  }
}

/** How a framework writes JSON: compact separators (`,` and `:`) unless `spaced`. */
interface JsonStyle {
  /** Python's `json.dumps` default separators, `, ` and `: ` (Starlette's session). */
  spaced?: boolean;
  /** Object keys in code point order (Python's `sort_keys=True`), whatever order the object holds them in. */
  sortKeys?: boolean;
  /** Characters (inside strings) written as `\uXXXX` escapes, e.g. ASCII_ONLY or ActiveSupport's HTML-safe set. */
  escape?: RegExp;
}

/** What Python's `ensure_ascii=True` escapes beyond JSON's own escapes: everything outside printable ASCII. */
export const ASCII_ONLY = /[\u007f-\uffff]/g;

export type JsonText = { ok: true; text: string } | { ok: false; reason: string };

/**
 * The one JSON writer for cookie data: refusing what is not JSON and what `parseJson` would refuse to read
 * back (nested deeper than MAX_JSON_DEPTH, which also stops at cycles). Numbers are written as JavaScript writes them:
 * a parsed payload no longer knows Python's `1.0` from `1`.
 */
export function dumpJson(value: unknown, style: JsonStyle = {}): JsonText {
  try {
    return { ok: true, text: jsonText(value, style, 0) };
  } catch (error) {
    if (error instanceof NotJson) return { ok: false, reason: error.message };
    throw error;
  }
}

class NotJson extends Error {}

function jsonText(value: unknown, style: JsonStyle, depth: number): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NotJson(`${value} is not a JSON number`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return stringText(value, style);
  if (typeof value !== 'object') throw new NotJson(`a ${typeof value} is not JSON`);
  if (depth >= MAX_JSON_DEPTH) throw new NotJson(TOO_DEEP);
  const comma = style.spaced ? ', ' : ',';
  if (Array.isArray(value)) return `[${value.map((item) => jsonText(item, style, depth + 1)).join(comma)}]`;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) throw new NotJson('only plain objects and arrays are JSON');
  const keys = Object.keys(value);
  if (style.sortKeys) keys.sort(compareCodePoints);
  const colon = style.spaced ? ': ' : ':';
  const members = keys.map((key) => `${stringText(key, style)}${colon}${jsonText((value as JsonObject)[key], style, depth + 1)}`);
  return `{${members.join(comma)}}`;
}

function stringText(text: string, style: JsonStyle): string {
  // JSON.stringify already escapes quotes, backslashes, control characters and lone surrogates as Python does.
  const quoted = JSON.stringify(text);
  return style.escape ? quoted.replace(style.escape, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`) : quoted;
}

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether JSON text opens more than `limit` arrays or objects inside one another; one pass, before any tree is built. */
function nestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++; // an escaped quote does not end the string
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      if (++depth > limit) return true;
    } else if (char === 0x5d || char === 0x7d) {
      depth--;
    }
  }
  return false;
}
