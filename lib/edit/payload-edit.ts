import { MAX_JSON_DEPTH, parseJson, TOO_DEEP } from '../codec/json';
import { jsonToTyped, tagFlaskJson, untagFlaskJson } from '../serializers/flask-tagged-json';
import type { FormatId, SessionReport, TypedValue } from '../types';
import { canRewrite } from './writable';

type ValueType = TypedValue['type'];

const JSON_TYPES: readonly ValueType[] = ['null', 'bool', 'number', 'string', 'list', 'dict'];
/** Flask's TaggedJSONSerializer restores these besides JSON's own. */
const FLASK_TYPES: readonly ValueType[] = [...JSON_TYPES, 'tuple', 'bytes', 'markup', 'uuid', 'datetime'];
const TEXT_TYPES: readonly ValueType[] = ['string'];
/** Formats whose writer signs a string (a session id, or a value set as text). */
const TEXT_FORMATS: ReadonlySet<FormatId> = new Set(['django-signed', 'tornado', 'express-session-id', 'hono', 'flask-login-remember', 'flask-session-id']);

type Conversion<T> = { ok: true } & T | { ok: false; message: string };

/** The tree the editor edits: report.typed, or the payload as plain JSON types. */
export function editableValue(report: SessionReport): TypedValue {
  return report.typed ?? jsonToTyped(report.payload);
}

/** The value types the format can carry; none for a format that is only read. */
export function carriedTypes(format: FormatId): readonly ValueType[] {
  if (!canRewrite(format)) return [];
  if (format === 'flask') return FLASK_TYPES;
  return TEXT_FORMATS.has(format) ? TEXT_TYPES : JSON_TYPES;
}

/** The payload for the format from the edited tree (Flask: tagged JSON); a type the format cannot carry is an error message. */
export function payloadFromTyped(format: FormatId, value: TypedValue): Conversion<{ payload: unknown }> {
  const carried = carriedTypes(format);
  const stray = firstUncarried(value, carried, []);
  if (stray) return { ok: false, message: `${where(stray.path)}: ${format} cookies cannot carry a ${stray.type}${carried.length ? ` (only ${carried.join(', ')})` : ''}` };
  if (format === 'flask') {
    const tagged = tagFlaskJson(value);
    return tagged.ok ? { ok: true, payload: tagged.json } : tagged;
  }
  if (value.type === 'string' && TEXT_FORMATS.has(format)) return { ok: true, payload: value.value };
  return plainJson(value);
}

/**
 * Text for the JSON view: the payload JSON (Flask tags in place), 2-space indent. A value the format cannot carry
 * is shown as the JSON it would be written as (a tuple as a list, bytes as their base64, a date as its text).
 */
export function payloadText(format: FormatId, value: TypedValue): string {
  const exact = payloadFromTyped(format, value);
  const payload = exact.ok ? exact.payload : closestJson(value);
  return JSON.stringify(payload, null, 2);
}

/** The edited tree from the JSON view's text: where the text stops being JSON, or which type the format cannot carry. */
export function typedFromText(format: FormatId, text: string): Conversion<{ value: TypedValue }> {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, message: parsed.reason === TOO_DEEP ? `The JSON is ${TOO_DEEP}.` : `Not JSON: ${whereJsonStops(text)}` };
  const value = format === 'flask' ? untagFlaskJson(parsed.json) : jsonToTyped(parsed.json);
  const checked = payloadFromTyped(format, value);
  return checked.ok ? { ok: true, value } : checked;
}

interface Stray {
  path: (string | number)[];
  type: ValueType;
}

/** The first value (depth first) of a type the format cannot carry. */
function firstUncarried(value: TypedValue, carried: readonly ValueType[], path: (string | number)[]): Stray | null {
  if (!carried.includes(value.type)) return { path, type: value.type };
  if (path.length >= MAX_JSON_DEPTH) return null;
  const children: [string | number, TypedValue][] =
    value.type === 'list' || value.type === 'tuple' || value.type === 'set' ? value.items.map((item, i) => [i, item]) : value.type === 'dict' || value.type === 'object' ? value.entries : [];
  for (const [step, child] of children) {
    const stray = firstUncarried(child, carried, [...path, step]);
    if (stray) return stray;
  }
  return null;
}

function where(path: readonly (string | number)[]): string {
  return path.length === 0 ? 'The payload' : `At ${path.map((step) => `[${JSON.stringify(step)}]`).join('')}`;
}

/** JSON types as JSON; a key given twice is an error (JSON objects have one value a key). */
function plainJson(value: TypedValue): Conversion<{ payload: unknown }> {
  const walk = (node: TypedValue, path: (string | number)[]): unknown => {
    if (node.type === 'list') return node.items.map((item, i) => walk(item, [...path, i]));
    if (node.type === 'dict') {
      const keys = new Set(node.entries.map(([key]) => key));
      if (keys.size !== node.entries.length) throw new DuplicateKey(`${where(path)}: a key is there twice`);
      return Object.fromEntries(node.entries.map(([key, item]) => [key, walk(item, [...path, key])]));
    }
    return node.type === 'null' ? null : (node as { value: unknown }).value;
  };
  try {
    return { ok: true, payload: walk(value, []) };
  } catch (error) {
    if (error instanceof DuplicateKey) return { ok: false, message: error.message };
    throw error;
  }
}

class DuplicateKey extends Error {}

/** Any typed value as the JSON nearest to it, for showing only. */
function closestJson(value: TypedValue): unknown {
  switch (value.type) {
    case 'null':
      return null;
    case 'list':
    case 'tuple':
    case 'set':
      return value.items.map(closestJson);
    case 'dict':
    case 'object':
      return Object.fromEntries(value.entries.map(([key, item]) => [key, closestJson(item)]));
    case 'bytes':
      return value.base64;
    default:
      return value.value;
  }
}

/** The engine's account of the syntax error, with the line and column where it names a position. */
function whereJsonStops(text: string): string {
  let message: string;
  try {
    JSON.parse(text);
    return 'the text is not JSON';
  } catch (error) {
    message = error instanceof Error ? error.message : String(error);
  }
  const position = /at position (\d+)/.exec(message);
  if (!position) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} (line ${line}, column ${column})`;
}
