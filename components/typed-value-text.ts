import { decodeBase64 } from '../lib/codec/base64';
import { pythonBytesLiteral } from '../lib/display/python-literal';
import type { PayloadChange } from '../lib/edit/diff';
import type { TypedValue } from '../lib/types';

/** What happened at one path of a payload diff. */
export const CHANGE_WORD: Record<PayloadChange['kind'], string> = { added: 'Added', removed: 'Removed', changed: 'Changed' };

/** A diff's path: `user.roles[1]`, or "(whole value)" for the root. */
export function pathText(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(whole value)';
  return path.map((step, index) => (typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`)).join('');
}

/** The bytes of a `bytes` value written as Python writes a bytes literal: `b'\x00\xffbinary'`. */
export function bytesLiteral(base64: string): { literal: string; length: number } | null {
  const bytes = decodeBase64(base64);
  if (bytes === null) return null;
  return { literal: pythonBytesLiteral(bytes), length: bytes.length };
}

/** "3 keys", "1 item": how big a container is. */
export function containerSize(value: TypedValue): string {
  if (value.type === 'dict') return value.entries.length === 1 ? '1 key' : `${value.entries.length} keys`;
  if (value.type === 'object') return value.entries.length === 1 ? '1 property' : `${value.entries.length} properties`;
  if (value.type === 'list' || value.type === 'tuple') return value.items.length === 1 ? '1 item' : `${value.items.length} items`;
  if (value.type === 'set') return value.items.length === 1 ? '1 member' : `${value.items.length} members`;
  return '';
}

/** Flask's `_flashes` as (category, message) pairs, or null when the value has another shape. */
export function flashMessages(value: TypedValue): { category: string; message: string }[] | null {
  if (value.type !== 'list') return null;
  const messages: { category: string; message: string }[] = [];
  for (const item of value.items) {
    if (item.type !== 'tuple' && item.type !== 'list') return null;
    const [category, message] = item.items;
    if (item.items.length !== 2 || category?.type !== 'string') return null;
    if (message?.type !== 'string' && message?.type !== 'markup') return null;
    messages.push({ category: category.value, message: message.value });
  }
  return messages;
}

/** A value on one line with its type, for diffs: `"admin" (string)`, `2 keys (dict)`. */
export function valueWithType(value: TypedValue): string {
  switch (value.type) {
    case 'null':
      return 'null';
    case 'bool':
    case 'number':
      return `${value.value} (${value.type})`;
    case 'string':
    case 'markup':
    case 'uuid':
    case 'datetime':
      return `${JSON.stringify(value.value)} (${value.type})`;
    case 'bytes':
      return `${bytesLiteral(value.base64)?.literal ?? value.base64} (bytes)`;
    case 'object':
      return `${value.className}, ${containerSize(value)} (object)`;
    default:
      return `${containerSize(value)} (${value.type})`;
  }
}
