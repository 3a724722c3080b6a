import type { TypedValue } from '../types';

/** One difference between two payloads: where (dict keys and list indexes from the root) and what it was and became. */
export interface PayloadChange {
  path: (string | number)[];
  kind: 'added' | 'removed' | 'changed';
  before?: TypedValue;
  after?: TypedValue;
}

/**
 * What changed from `before` to `after`, as the smallest differing values: dicts are compared by key and lists by
 * index, so an edit deep inside shows at its own path. A value whose type changed counts as changed as a whole.
 */
export function diffTyped(before: TypedValue | undefined, after: TypedValue | undefined): PayloadChange[] {
  const changes: PayloadChange[] = [];
  compare(before, after, [], changes);
  return changes;
}

function compare(before: TypedValue | undefined, after: TypedValue | undefined, path: (string | number)[], changes: PayloadChange[]): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    changes.push({ path, kind: 'added', after: after! });
    return;
  }
  if (after === undefined) {
    changes.push({ path, kind: 'removed', before });
    return;
  }
  if ((before.type === 'dict' && after.type === 'dict') || (before.type === 'object' && after.type === 'object' && before.className === after.className)) {
    compareEntries(before.entries, (after as typeof before).entries, path, changes);
    return;
  }
  const sameSet = before.type === 'set' && after.type === 'set' && before.frozen === after.frozen;
  if ((before.type === 'list' && after.type === 'list') || (before.type === 'tuple' && after.type === 'tuple') || sameSet) {
    const items = (after as typeof before).items;
    for (let i = 0; i < Math.max(before.items.length, items.length); i++) compare(before.items[i], items[i], [...path, i], changes);
    return;
  }
  if (!sameLeaf(before, after)) changes.push({ path, kind: 'changed', before, after });
}

function compareEntries(before: readonly [string, TypedValue][], after: readonly [string, TypedValue][], path: (string | number)[], changes: PayloadChange[]): void {
  const afterByKey = new Map(after);
  const beforeByKey = new Map(before);
  for (const [key, value] of before) compare(value, afterByKey.get(key), [...path, key], changes);
  for (const [key, value] of after) if (!beforeByKey.has(key)) compare(undefined, value, [...path, key], changes);
}

/** Two values that hold no other values: the same type with the same content. */
function sameLeaf(before: TypedValue, after: TypedValue): boolean {
  if (before.type !== after.type) return false;
  switch (before.type) {
    case 'null':
      return true;
    case 'bytes':
      return before.base64 === (after as typeof before).base64;
    case 'bool':
    case 'number':
    case 'string':
    case 'markup':
    case 'uuid':
    case 'datetime':
      return Object.is(before.value, (after as typeof before).value);
    default:
      // A container reaches here only with another type or class than its counterpart.
      return false;
  }
}
