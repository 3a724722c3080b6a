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
