import { describe, expect, it } from 'vitest';
import { diffTyped } from '../../lib/edit/diff';
import { jsonToTyped, untagFlaskJson } from '../../lib/serializers/flask-tagged-json';
import type { TypedValue } from '../../lib/types';

const json = (value: unknown): TypedValue => jsonToTyped(value);

describe('diffTyped', () => {
  it('finds nothing between equal values, however nested', () => {
    const value = { user: { id: 7, roles: ['admin', { scope: null }] }, ok: true, bytes: { ' b': 'AAE=' } };
    expect(diffTyped(untagFlaskJson(value), untagFlaskJson(structuredClone(value)))).toEqual([]);
    expect(diffTyped(undefined, undefined)).toEqual([]);
  });

  it('names a change deep inside a dict by its keys', () => {
    expect(diffTyped(json({ user: { id: 7, name: 'a' } }), json({ user: { id: 8, name: 'a' } }))).toEqual([
      { path: ['user', 'id'], kind: 'changed', before: { type: 'number', value: 7 }, after: { type: 'number', value: 8 } },
    ]);
  });

  it('reports added and removed keys', () => {
    expect(diffTyped(json({ a: 1, b: 2 }), json({ b: 2, c: 3 }))).toEqual([
      { path: ['a'], kind: 'removed', before: { type: 'number', value: 1 } },
      { path: ['c'], kind: 'added', after: { type: 'number', value: 3 } },
    ]);
  });

  it('compares lists by index: a longer list adds, a shorter one removes', () => {
    expect(diffTyped(json({ l: [1, 2] }), json({ l: [1, 5, 6] }))).toEqual([
      { path: ['l', 1], kind: 'changed', before: { type: 'number', value: 2 }, after: { type: 'number', value: 5 } },
      { path: ['l', 2], kind: 'added', after: { type: 'number', value: 6 } },
    ]);
    expect(diffTyped(json([[1, 2]]), json([[1]]))).toEqual([{ path: [0, 1], kind: 'removed', before: { type: 'number', value: 2 } }]);
  });

  it('counts a type change as changed, even where the text is the same', () => {
    expect(diffTyped(json({ n: 1 }), json({ n: '1' }))).toEqual([{ path: ['n'], kind: 'changed', before: { type: 'number', value: 1 }, after: { type: 'string', value: '1' } }]);
    const list = untagFlaskJson({ t: [1] });
    const tuple = untagFlaskJson({ t: { ' t': [1] } });
    expect(diffTyped(list, tuple)).toEqual([{ path: ['t'], kind: 'changed', before: { type: 'list', items: [{ type: 'number', value: 1 }] }, after: { type: 'tuple', items: [{ type: 'number', value: 1 }] } }]);
    const markup = untagFlaskJson({ m: { ' m': 'x' } });
    expect(diffTyped(json({ m: 'x' }), markup)).toHaveLength(1);
  });

  it('compares the leaves of Flask types by their content', () => {
    expect(diffTyped(untagFlaskJson({ ' b': 'AAE=' }), untagFlaskJson({ ' b': 'AAI=' }))).toEqual([
      { path: [], kind: 'changed', before: { type: 'bytes', base64: 'AAE=' }, after: { type: 'bytes', base64: 'AAI=' } },
    ]);
  });

  it('treats objects of another class as changed, and compares the same class by property', () => {
    const object = (className: string, id: number): TypedValue => ({ type: 'object', className, entries: [['id', { type: 'number', value: id }]] });
    expect(diffTyped(object('User', 1), object('Admin', 1))).toHaveLength(1);
    expect(diffTyped(object('User', 1), object('User', 2))).toEqual([{ path: ['id'], kind: 'changed', before: { type: 'number', value: 1 }, after: { type: 'number', value: 2 } }]);
  });

  it('reports a whole value added or removed at the root', () => {
    expect(diffTyped(undefined, json({ a: 1 }))).toEqual([{ path: [], kind: 'added', after: json({ a: 1 }) }]);
    expect(diffTyped(json(null), undefined)).toEqual([{ path: [], kind: 'removed', before: { type: 'null' } }]);
  });
});
