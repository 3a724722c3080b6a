import { describe, expect, it } from 'vitest';
import { encodeUtf8 } from '../../lib/codec/text';
import { MAX_JSON_DEPTH, dumpJson } from '../../lib/codec/json';
import { readablePropertyName, serializePhp, unserializePhp } from '../../lib/serializers/php-serialize';

// Each input below is what PHP 8.2's serialize() printed for the value in the test's name.
function read(text: string) {
  return unserializePhp(encodeUtf8(text));
}

describe('PHP unserialize, read as data', () => {
  it('reads scalars, with s:N counting bytes', () => {
    expect(read('s:5:"héé";')).toMatchObject({ ok: true, value: 'héé' });
    expect(read('s:3:"héé";')).toMatchObject({ ok: false });
    expect(read('i:-42;')).toMatchObject({ ok: true, value: -42 });
    expect(read('b:1;')).toMatchObject({ ok: true, value: true });
    expect(read('N;')).toMatchObject({ ok: true, value: null, typed: { type: 'null' } });
    expect(read('d:0.25;')).toMatchObject({ ok: true, value: 0.25 });
  });

  it('keeps INF, -INF and NAN as the words PHP writes (JSON has no such numbers) and as numbers in the tree', () => {
    const result = read('a:6:{i:0;d:INF;i:1;d:-INF;i:2;d:NAN;i:3;d:1.5E+300;i:4;d:-0;i:5;i:9223372036854775807;}');
    expect(result.ok && result.value).toEqual(['INF', '-INF', 'NAN', 1.5e300, -0, 9223372036854775807]);
    expect(result.ok && result.typed.type === 'list' && result.typed.items.slice(0, 2)).toEqual([
      { type: 'number', value: Infinity },
      { type: 'number', value: -Infinity },
    ]);
    expect(result.ok && dumpJson(result.value).ok).toBe(true);
  });

  it('keeps the order of mixed int and string keys in the tree; a list only when the keys are 0..n-1', () => {
    const result = read('a:3:{i:5;s:4:"five";s:1:"x";s:2:"ex";i:0;s:4:"zero";}');
    expect(result.ok && result.typed).toEqual({
      type: 'dict',
      entries: [
        ['5', { type: 'string', value: 'five' }],
        ['x', { type: 'string', value: 'ex' }],
        ['0', { type: 'string', value: 'zero' }],
      ],
    });
    expect(result.ok && result.value).toEqual({ 5: 'five', x: 'ex', 0: 'zero' });
    expect(read('a:0:{}')).toMatchObject({ ok: true, value: [], typed: { type: 'list', items: [] } });
  });

  it('shows an object as its class and properties, non-public names made readable, never building it', () => {
    const result = read('O:4:"Node":2:{s:4:"next";r:1;s:8:"\0*\0label";s:1:"n";}');
    expect(result.ok && result.value).toEqual({ '@class': 'Node', next: { '@ref': 1 }, 'label (protected)': 'n' });
    expect(result.ok && result.typed).toEqual({
      type: 'object',
      className: 'Node',
      entries: [
        ['next', { type: 'dict', entries: [['@ref', { type: 'number', value: 1 }]] }],
        ['label (protected)', { type: 'string', value: 'n' }],
      ],
    });
    expect(readablePropertyName('\0App\\User\0password')).toBe('password (private App\\User)');
  });

  it('marks references (R:) instead of following them', () => {
    const result = read('a:2:{s:1:"a";a:2:{i:0;i:1;i:1;i:2;}s:1:"b";R:2;}');
    expect(result.ok && result.value).toEqual({ a: [1, 2], b: { '@ref': 2 } });
  });

  it('shows custom-serialized objects (C:) and enums (E:) by name with their raw data', () => {
    expect(read('C:5:"Money":6:{EUR:10}')).toMatchObject({ ok: true, value: { '@class': 'Money', '@serialized': 'EUR:10' } });
    expect(read('E:11:"Suit:Hearts";')).toMatchObject({ ok: true, value: { '@enum': 'Suit:Hearts' }, typed: { type: 'object', className: 'Suit' } });
  });

  it('keeps a "__proto__" key as an own key', () => {
    const result = read('a:1:{s:9:"__proto__";a:1:{s:8:"polluted";b:1;}}');
    expect(result.ok && Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(result.ok && Object.keys(result.value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // PHP 8.2's unserialize() read each as the test says (checked with php -r 'var_dump(unserialize(...))').
  it('reads S: escaped strings, \\xx a byte in hex, as values, array keys and property names', () => {
    expect(read('S:3:"a\\62c";')).toMatchObject({ ok: true, value: 'abc', typed: { type: 'string', value: 'abc' } });
    expect(read('S:2:"\\C3\\a9";')).toMatchObject({ ok: true, value: 'é' });
    expect(read('a:1:{S:1:"\\6b";S:1:"v";}')).toMatchObject({ ok: true, value: { k: 'v' } });
    expect(read('O:8:"stdClass":1:{S:1:"\\61";i:1;}')).toMatchObject({ ok: true, value: { '@class': 'stdClass', a: 1 } });
    expect(read('S:4:"\\00*\\00x";')).toMatchObject({ ok: true, value: '\0*\0x' });
  });

  it('refuses an S: string with a broken escape or the wrong length, as PHP does', () => {
    expect(read('S:2:"\\zz";')).toMatchObject({ ok: false, reason: expect.stringMatching(/escape/) });
    expect(read('S:1:"\\4";')).toMatchObject({ ok: false });
    expect(read('S:3:"a\\62";')).toMatchObject({ ok: false });
    expect(read('S:2:"a\\62c";')).toMatchObject({ ok: false });
    expect(read('S:1:"\\')).toMatchObject({ ok: false });
  });

  it('refuses what is not whole serialize() output, saying where', () => {
    expect(read('a:1:{i:0;i:1;')).toMatchObject({ ok: false, reason: expect.stringMatching(/expected "}"/) });
    expect(read('i:1;i:2;')).toMatchObject({ ok: false, reason: expect.stringMatching(/after the value/) });
    expect(read('s:99:"short";')).toMatchObject({ ok: false, reason: expect.stringMatching(/runs past the end/) });
    expect(read('x:1;')).toMatchObject({ ok: false, reason: expect.stringMatching(/unknown type/) });
    expect(read('')).toMatchObject({ ok: false });
  });

  it('bounds depth, counts read from the bytes and the number of values', () => {
    const deep = 'a:1:{i:0;'.repeat(MAX_JSON_DEPTH) + 'N;' + '}'.repeat(MAX_JSON_DEPTH);
    expect(read(deep)).toMatchObject({ ok: false, reason: expect.stringMatching(/nested deeper than/) });
    expect(read('a:9999999:{i:0;N;}')).toMatchObject({ ok: false, reason: expect.stringMatching(/runs past the end/) });
    const many = `a:30000:{${'i:0;N;'.repeat(30000)}}`;
    expect(read(many)).toMatchObject({ ok: false, reason: expect.stringMatching(/more than \d+ values/) });
  });
});

describe('PHP serialize of JSON data (the Laravel cookie session written back)', () => {
  it('writes what PHP 8.2 prints for serialize(json_decode($json, true)), and reads it back', () => {
    const json = '{"10":1,"b":true,"n":null,"05":2,"-3":3,"-0":4,"\u00e9\ud83c\udf89":"say \\"hi\\"; a|b","list":[0.25,1e17,1e-5,-2.5e-5,1e16,42]}';
    const value = JSON.parse(json) as unknown;
    const php = 'a:8:{i:10;i:1;s:1:"b";b:1;s:1:"n";N;s:2:"05";i:2;i:-3;i:3;s:2:"-0";i:4;s:6:"é🎉";s:13:"say "hi"; a|b";s:4:"list";a:6:{i:0;d:0.25;i:1;d:1.0E+17;i:2;d:1.0E-5;i:3;d:-2.5E-5;i:4;d:10000000000000000;i:5;i:42;}}';
    expect(serializePhp(value)).toEqual({ ok: true, text: php });
    expect(read(php)).toMatchObject({ ok: true, value });
  });

  it('refuses what is not JSON, and nesting deeper than unserializePhp reads', () => {
    expect(serializePhp(Number.NaN)).toMatchObject({ ok: false });
    expect(serializePhp({ a: undefined })).toMatchObject({ ok: false });
    let deep: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH; i++) deep = [deep];
    expect(serializePhp(deep)).toMatchObject({ ok: false, reason: expect.stringMatching(/nested deeper/) });
  });
});
