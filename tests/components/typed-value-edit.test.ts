import { describe, expect, it } from 'vitest';
import { convertValue, keyNameProblem, newKeyName, nodeCount, parseBase64, parseNumber, parseUtcDateTime, parseUuid, keyPathLabel } from '../../components/typed-value-edit';
import type { TypedValue } from '../../lib/types';

const asJson = (value: TypedValue) => JSON.stringify(value);

describe('typed value editing helpers', () => {
  it('reads numbers in decimal notation only', () => {
    for (const [text, value] of [['42', 42], [' -1.5 ', -1.5], ['1.', 1], ['.5', 0.5], ['2e3', 2000], ['+7', 7]] as const) {
      expect(parseNumber(text)).toEqual({ ok: true, value });
    }
    for (const text of ['', ' ', 'NaN', 'Infinity', '0x10', '1e999', '1,5', 'abc']) {
      expect(parseNumber(text).ok, text).toBe(false);
    }
  });

  it('reads UUIDs as 8-4-4-4-12 and lowercases them', () => {
    expect(parseUuid('ABCDEF01-2345-6789-ABCD-EF0123456789')).toEqual({ ok: true, value: 'abcdef01-2345-6789-abcd-ef0123456789' });
    for (const text of ['abcdef0123456789abcdef0123456789', 'abcdef01-2345-6789-abcd-ef012345678', 'ghijklmn-2345-6789-abcd-ef0123456789', '']) {
      expect(parseUuid(text).ok, text).toBe(false);
    }
  });

  it('reads standard base64 and pads it', () => {
    expect(parseBase64('aGk')).toEqual({ ok: true, value: 'aGk=' });
    expect(parseBase64('')).toEqual({ ok: true, value: '' });
    for (const text of ['a', 'a-_b', 'no spaces']) expect(parseBase64(text).ok, text).toBe(false);
  });

  it('reads a datetime-local text as UTC seconds, refusing dates that do not exist', () => {
    expect(parseUtcDateTime('2024-01-02T03:04:05')).toEqual({ ok: true, value: '2024-01-02T03:04:05Z' });
    expect(parseUtcDateTime('2024-01-02T03:04')).toEqual({ ok: true, value: '2024-01-02T03:04:00Z' });
    expect(parseUtcDateTime('2024-01-02T03:04:05.250')).toEqual({ ok: true, value: '2024-01-02T03:04:05Z' });
    expect(parseUtcDateTime('0050-06-01T00:00:00')).toEqual({ ok: true, value: '0050-06-01T00:00:00Z' });
    expect(parseUtcDateTime('2024-02-29T00:00:00').ok).toBe(true);
    expect(parseUtcDateTime('2023-02-29T00:00:00')).toEqual({ ok: false, message: 'This date or time does not exist.' });
    expect(parseUtcDateTime('2024-01-02T24:00:00').ok).toBe(false);
    expect(parseUtcDateTime('2024-01-02')).toEqual({ ok: false, message: 'Enter a date and a time.' });
  });

  it('refuses empty and duplicate key names', () => {
    expect(keyNameProblem('', ['a'])).toBe('A key needs a name.');
    expect(keyNameProblem('a', ['a', 'b'])).toBe('Another key here already has this name.');
    expect(keyNameProblem('c', ['a', 'b'])).toBeNull();
    expect(newKeyName(['new_key', 'new_key_2'])).toBe('new_key_3');
  });

  it('names paths as people read them, cutting long keys', () => {
    expect(keyPathLabel([])).toBe('the top level');
    expect(keyPathLabel(['user', 'roles', 0, 'name'])).toBe('user.roles[0].name');
    expect(keyPathLabel([0, ''])).toBe('[0].""');
    expect(keyPathLabel(['k'.repeat(100)])).toBe(`${'k'.repeat(40)}…`);
  });

  it('counts the values of a tree, objects included', () => {
    const tree: TypedValue = { type: 'dict', entries: [['a', { type: 'list', items: [{ type: 'null' }, { type: 'null' }] }], ['o', { type: 'object', className: 'C', entries: [['x', { type: 'null' }]] }]] };
    expect(nodeCount(tree)).toBe(6);
  });

  it('converts between types keeping what it can', () => {
    const text = (value: TypedValue) => asJson(value);
    expect(convertValue({ type: 'string', value: ' 5 ' }, 'number', text)).toEqual({ type: 'number', value: 5 });
    expect(convertValue({ type: 'string', value: 'five' }, 'number', text)).toEqual({ type: 'number', value: 0 });
    expect(convertValue({ type: 'bool', value: true }, 'number', text)).toEqual({ type: 'number', value: 1 });
    expect(convertValue({ type: 'number', value: 2.5 }, 'string', text)).toEqual({ type: 'string', value: '2.5' });
    expect(convertValue({ type: 'number', value: 0 }, 'bool', text)).toEqual({ type: 'bool', value: false });
    expect(convertValue({ type: 'string', value: 'TRUE' }, 'bool', text)).toEqual({ type: 'bool', value: true });
    expect(convertValue({ type: 'bytes', base64: 'aGk=' }, 'string', text)).toEqual({ type: 'string', value: 'hi' });
    expect(convertValue({ type: 'bytes', base64: '/w==' }, 'string', text)).toEqual({ type: 'string', value: '/w==' });
    expect(convertValue({ type: 'string', value: 'hi' }, 'bytes', text)).toEqual({ type: 'bytes', base64: 'aGk=' });
    expect(convertValue({ type: 'number', value: 0 }, 'datetime', text)).toEqual({ type: 'datetime', value: '1970-01-01T00:00:00Z' });
    expect(convertValue({ type: 'string', value: '2024-01-02T03:04:05.9Z' }, 'datetime', text)).toEqual({ type: 'datetime', value: '2024-01-02T03:04:05Z' });
    expect(convertValue({ type: 'string', value: 'ABCDEF01-2345-6789-ABCD-EF0123456789' }, 'uuid', text)).toEqual({ type: 'uuid', value: 'abcdef01-2345-6789-abcd-ef0123456789' });
    expect(convertValue({ type: 'string', value: 'x' }, 'uuid', text)).toEqual({ type: 'uuid', value: '00000000-0000-0000-0000-000000000000' });

    const items: TypedValue[] = [{ type: 'string', value: 'a' }, { type: 'null' }];
    expect(convertValue({ type: 'list', items }, 'tuple', text)).toEqual({ type: 'tuple', items });
    expect(convertValue({ type: 'list', items }, 'dict', text)).toEqual({ type: 'dict', entries: [['0', items[0]], ['1', items[1]]] });
    expect(convertValue({ type: 'dict', entries: [['k', items[0]!]] }, 'list', text)).toEqual({ type: 'list', items: [items[0]] });
    expect(convertValue({ type: 'string', value: 'a' }, 'list', text)).toEqual({ type: 'list', items: [{ type: 'string', value: 'a' }] });
    expect(convertValue({ type: 'list', items }, 'string', text)).toEqual({ type: 'string', value: asJson({ type: 'list', items }) });
  });
});
