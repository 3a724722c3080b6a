import { describe, expect, it } from 'vitest';
import { decodeCookies } from '../../lib/decode/decode';
import { carriedTypes, editableValue, payloadFromTyped, payloadText, typedFromText } from '../../lib/edit/payload-edit';
import { tagFlaskJson, untagFlaskJson } from '../../lib/serializers/flask-tagged-json';
import type { TypedValue } from '../../lib/types';
import { loadFixtures } from '../fixtures';

const n = (value: number): TypedValue => ({ type: 'number', value });

/** One of every type Flask restores, and a dict whose only key is a tag (TagDict). */
const FLASK_VALUE: TypedValue = {
  type: 'dict',
  entries: [
    ['tuple', { type: 'tuple', items: [n(1), { type: 'string', value: 'a' }] }],
    ['bytes', { type: 'bytes', base64: 'AAEC/w==' }],
    ['markup', { type: 'markup', value: '<b>hi</b>' }],
    ['uuid', { type: 'uuid', value: '12345678-1234-5678-1234-567812345678' }],
    ['when', { type: 'datetime', value: '2024-02-29T03:04:05Z' }],
    ['di', { type: 'dict', entries: [[' t', n(5)]] }],
    ['__proto__', { type: 'list', items: [{ type: 'null' }, { type: 'bool', value: true }] }],
  ],
};

describe('Flask tagged JSON, written', () => {
  it('tags every type so that the reader restores it', () => {
    const tagged = tagFlaskJson(FLASK_VALUE);
    expect(tagged.ok).toBe(true);
    if (!tagged.ok) return;
    expect(tagged.json).toMatchObject({
      tuple: { ' t': [1, 'a'] },
      bytes: { ' b': 'AAEC/w==' },
      markup: { ' m': '<b>hi</b>' },
      uuid: { ' u': '12345678123456781234567812345678' },
      when: { ' d': 'Thu, 29 Feb 2024 03:04:05 GMT' },
      di: { ' di': { ' t__': 5 } },
    });
    expect(Object.hasOwn(tagged.json as object, '__proto__')).toBe(true);
    expect(untagFlaskJson(tagged.json)).toEqual(FLASK_VALUE);
  });

  it('is the inverse of the reader on every session real Flask wrote', async () => {
    const { cases, now } = loadFixtures('flask.json');
    const tagged = cases.filter((testCase) => testCase.expect.format === 'flask' && testCase.expect.payload !== null);
    expect(tagged.length).toBeGreaterThan(3);
    for (const testCase of tagged) {
      const [report] = await decodeCookies([testCase.cookie], { secrets: testCase.secrets, now, knownSecrets: false });
      expect(payloadFromTyped('flask', editableValue(report!)), testCase.id).toEqual({ ok: true, payload: report!.payload });
    }
  });

  it('names what it cannot tag and where', () => {
    const object: TypedValue = { type: 'dict', entries: [['user', { type: 'object', className: 'User', entries: [] }]] };
    expect(tagFlaskJson(object)).toEqual({ ok: false, message: 'at ["user"]: a User object cannot be written in a Flask session' });
    expect(tagFlaskJson({ type: 'datetime', value: '2023-02-29T00:00:00Z' })).toMatchObject({ ok: false, message: expect.stringContaining('not a date') });
    expect(tagFlaskJson({ type: 'uuid', value: 'nope' })).toMatchObject({ ok: false });
    expect(tagFlaskJson({ type: 'bytes', base64: '!!' })).toMatchObject({ ok: false });
    expect(tagFlaskJson({ type: 'dict', entries: [['a', n(1)], ['a', n(2)]] })).toMatchObject({ ok: false, message: expect.stringContaining('twice') });
  });
});

describe('payload text', () => {
  it('round trips every Flask type through the JSON view', () => {
    const text = payloadText('flask', FLASK_VALUE);
    expect(text).toContain('\n  "tuple": {\n    " t": [');
    expect(typedFromText('flask', text)).toEqual({ ok: true, value: FLASK_VALUE });
  });

  it('round trips plain JSON for JSON formats and text for text formats', () => {
    const value: TypedValue = { type: 'dict', entries: [['a', { type: 'list', items: [n(1.5), { type: 'null' }] }]] };
    expect(typedFromText('jwt', payloadText('jwt', value))).toEqual({ ok: true, value });
    expect(payloadFromTyped('jwt', value)).toEqual({ ok: true, payload: { a: [1.5, null] } });
    expect(payloadText('django-signed', { type: 'string', value: 'dark' })).toBe('"dark"');
    expect(payloadFromTyped('django-signed', { type: 'string', value: 'dark' })).toEqual({ ok: true, payload: 'dark' });
  });

  it('says which type the format cannot carry, and where', () => {
    expect(typedFromText('django-signed', '{"a": 1}')).toEqual({ ok: false, message: 'The payload: django-signed cookies cannot carry a dict (only string)' });
    const tuple: TypedValue = { type: 'dict', entries: [['t', { type: 'tuple', items: [] }]] };
    expect(payloadFromTyped('django-session', tuple)).toEqual({ ok: false, message: 'At ["t"]: django-session cookies cannot carry a tuple (only null, bool, number, string, list, dict)' });
    // The JSON view still shows it, as the JSON it would become.
    expect(JSON.parse(payloadText('django-session', tuple))).toEqual({ t: [] });
  });

  it('says where the text stops being JSON', () => {
    const result = typedFromText('jwt', '{\n  "a": 1,\n  "b" 2\n}');
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/^Not JSON: .*line 3, column 7/) });
    expect(typedFromText('jwt', '[1, 2')).toMatchObject({ ok: false, message: expect.stringMatching(/^Not JSON: /) });
  });

  it('refuses JSON nested deeper than the readers read', () => {
    expect(typedFromText('jwt', '['.repeat(70) + ']'.repeat(70))).toEqual({ ok: false, message: 'The JSON is nested deeper than 64 levels.' });
  });

  it('offers the types each format carries', () => {
    expect(carriedTypes('flask')).toEqual(expect.arrayContaining(['tuple', 'bytes', 'markup', 'uuid', 'datetime', 'dict']));
    expect(carriedTypes('jwt')).toEqual(['null', 'bool', 'number', 'string', 'list', 'dict']);
    expect(carriedTypes('tornado')).toEqual(['string']);
    expect(carriedTypes('flask-login-remember')).toEqual(['string']);
    expect(carriedTypes('flask-session-id')).toEqual(['string']);
    expect(carriedTypes('opaque-id')).toEqual([]);
  });
});
