import { describe, expect, it } from 'vitest';
import { dumpJson } from '../../lib/codec/json';
import { fromHex, toHex } from '../../lib/codec/text';
import { dumpMarshal, MAX_MARSHAL_NODES, readMarshal } from '../../lib/serializers/marshal';

/** `Marshal.dump(value).unpack1("H*")` by Ruby 3 (ActiveSupport 6.1 for the indifferent hash). */
const DUMPS = {
  // [nil, true, false, 0, 1, -1, 122, -123, 300, -300, 2**30, -(2**31), 2**64, -(2**70), 1.5, Float::INFINITY, :sym, :sym]
  scalars:
    '04085b173054466900690669fa697f698069022c0169fed4fe6c2b07000000406c2d07000000806c2b0a000000000000000001006c2d0a000000000000000040006608312e356608696e663a0873796d3b00',
  // { "utf8" => "héllo 東京", "ascii" => "plain" (US-ASCII), "binary" => "\x00\xff".b, "latin1" => "caf\xe9" (ISO-8859-1), :sym => "x" }
  strings:
    '04087b0a49220975746638063a06455449221268c3a96c6c6f20e69db1e4baac063b005449220a6173636969063b005449220a706c61696e063b004649220b62696e617279063b0054220700ff49220b6c6174696e31063b0054492209636166e9063a0d656e636f64696e67220f49534f2d383835392d313a0873796d49220678063b0054',
  // class User; def initialize; @name = "Zoë"; @admin = true; end; end; User.new
  object: '04086f3a0955736572073a0a406e616d654922095a6fc3ab063a0645543a0b4061646d696e54',
  // Point = Struct.new(:x, :y); Point.new(1, [2])
  struct: '0408533a0a506f696e74073a067869063a06795b066907',
  // class Token; def marshal_dump; [@v, 1] end; end; Token.new("t")
  userMarshal: '0408553a0a546f6b656e5b0749220674063a0645546906',
  // ActiveSupport::HashWithIndifferentAccess.new("a" => 1)
  indifferent: '0408433a2d416374697665537570706f72743a3a4861736857697468496e646966666572656e744163636573737b0649220661063a0645546906',
  // Hash.new(5).merge!(1 => "one", nil => 2)
  withDefault: '04087d0769064922086f6e65063a064554306907690a',
  // s = "shared"; [s, s, [s]]
  links: '04085b0849220b736861726564063a06455440065b064006',
  // Time.utc(2024, 1, 2, 3, 4, 5)
  time: '040849753a0954696d650d43001fc000005010063a097a6f6e65492208555443063a064546',
  // /ab+c/i
  regexp: '0408492f0961622b6301063a064546',
  // a = []; a << a
  cycle: '04085b064000',
};

function read(hex: string) {
  return readMarshal(fromHex(hex)!);
}

function ok(hex: string) {
  const result = read(hex);
  if (!result.ok) throw new Error(result.problem.message);
  return result;
}

describe('readMarshal', () => {
  it('reads nil, booleans, fixnums of every width, bignums, floats and symbols with their symlink', () => {
    expect(ok(DUMPS.scalars).payload).toEqual([
      null, true, false, 0, 1, -1, 122, -123, 300, -300, 2 ** 30, -(2 ** 31), '18446744073709551616', '-1180591620717411303424', 1.5, 'Infinity', 'sym', 'sym',
    ]);
  });

  it('decodes strings by their encoding ivar and shows bytes that are not text as bytes', () => {
    const { payload, typed } = ok(DUMPS.strings);
    expect(payload).toEqual({ utf8: 'héllo 東京', ascii: 'plain', binary: { '@bytes': 'AP8=' }, latin1: 'café', sym: 'x' });
    expect(typed).toMatchObject({ type: 'dict', entries: expect.arrayContaining([['binary', { type: 'bytes', base64: 'AP8=' }]]) });
  });

  it('shows an object as its class name and ivars, never creating it', () => {
    const { payload, typed } = ok(DUMPS.object);
    expect(payload).toEqual({ '@class': 'User', '@name': 'Zoë', '@admin': true });
    expect(typed).toEqual({
      type: 'object',
      className: 'User',
      entries: [
        ['@name', { type: 'string', value: 'Zoë' }],
        ['@admin', { type: 'bool', value: true }],
      ],
    });
  });

  it('reads structs, marshal_dump objects and subclasses of Hash with their class names', () => {
    expect(ok(DUMPS.struct).payload).toEqual({ '@class': 'Point', x: 1, y: [2] });
    expect(ok(DUMPS.userMarshal)).toMatchObject({ payload: { '@class': 'Token', '@data': ['t', 1] }, typed: { type: 'object', className: 'Token' } });
    const indifferent = ok(DUMPS.indifferent);
    expect(indifferent.payload).toEqual({ a: 1 });
    expect(indifferent.typed).toEqual({ type: 'object', className: 'ActiveSupport::HashWithIndifferentAccess', entries: [['a', { type: 'number', value: 1 }]] });
  });

  it('keys a hash as Ruby writes JSON (to_s) and keeps its default in the typed tree', () => {
    const { payload, typed } = ok(DUMPS.withDefault);
    expect(payload).toEqual({ '1': 'one', '': 2 });
    expect(typed).toMatchObject({ type: 'object', className: 'Hash', entries: expect.arrayContaining([['(default)', { type: 'number', value: 5 }]]) });
  });

  it('follows object links, shows a cycle as its link, and reads Time and Regexp', () => {
    expect(ok(DUMPS.links).payload).toEqual(['shared', 'shared', ['shared']]);
    expect(ok(DUMPS.cycle).payload).toEqual([{ '@link': 0 }]);
    expect(ok(DUMPS.time)).toMatchObject({ payload: '2024-01-02T03:04:05Z', typed: { type: 'datetime', value: '2024-01-02T03:04:05Z' } });
    expect(ok(DUMPS.regexp).payload).toEqual({ '@class': 'Regexp', source: 'ab+c', options: 1 });
  });

  it('refuses what is not Marshal 4.8, truncated data, trailing data, bad links and counts beyond the data', () => {
    expect(read('040930')).toMatchObject({ ok: false });
    expect(read(DUMPS.object.slice(0, -2))).toMatchObject({ ok: false, problem: { code: 'malformed', message: 'Marshal data is truncated' } });
    expect(read('04083030')).toMatchObject({ ok: false, problem: { message: 'Marshal data continues after the value' } });
    expect(read('0408400a')).toMatchObject({ ok: false, problem: { message: 'link to object 5, which is not there' } });
    expect(read('04083b00')).toMatchObject({ ok: false });
    expect(read('04085b04ffffff7f')).toMatchObject({ ok: false, problem: { message: expect.stringContaining('does not fit') } });
    expect(read('0408220400000040')).toMatchObject({ ok: false, problem: { message: expect.stringContaining('does not fit') } });
  });

  it('refuses nesting deeper than the JSON limit without using the stack for it', () => {
    expect(ok(`0408${'5b06'.repeat(63)}5b00`).payload).toBeDefined(); // 64 levels, as deep as parseJson reads
    expect(read(`0408${'5b06'.repeat(64)}5b00`)).toMatchObject({ ok: false, problem: { message: 'nested deeper than 64 levels' } });
    // Bytes are shown as {"@bytes": …}: one more level.
    expect(dumpJson(ok(`0408${'5b06'.repeat(63)}2206ff`).payload).ok).toBe(true);
    expect(read(`0408${'5b06'.repeat(64)}2206ff`)).toMatchObject({ ok: false, problem: { message: 'nested deeper than 64 levels' } });
    const deep = `0408${'5b06'.repeat(10_000)}30`;
    expect(read(deep)).toMatchObject({ ok: false, problem: { message: 'nested deeper than 64 levels' } });
    // ivars restart no count: a string's ivars nest as deep as anything else
    const viaIvars = `0408${'492200063a0645'.repeat(5_000)}54`;
    expect(read(viaIvars)).toMatchObject({ ok: false });
    // Wrappers hold their value at the same depth: chains of them are bounded too.
    for (const wrapper of ['49', '653a064d', '433a0643', '49653a064d']) {
      expect(read(`0408${wrapper.repeat(50_000)}30`)).toMatchObject({ ok: false, problem: { message: 'nested deeper than 64 levels' } });
    }
    expect(read(`040849${'433a0643'.repeat(50_000)}30`)).toMatchObject({ ok: false, problem: { message: 'nested deeper than 64 levels' } });
  });

  it('bounds the values that links expand to (a billion laughs of arrays)', () => {
    expect(ok(billionLaughs(3)).payload).toHaveLength(3);
    expect(read(billionLaughs(6))).toMatchObject({ ok: false, problem: { message: `more than ${MAX_MARSHAL_NODES} values` } });
  });
});

/**
 * [a0, a1, ..., a(n-1)] where a0 = [1] * 10 and a(k) = [a(k-1)] * 10 by links: 10^n values once the links are
 * followed, in a few hundred bytes.
 */
function billionLaughs(levels: number): string {
  let hex = `04085b${packedInt(levels)}5b0f${'6906'.repeat(10)}`;
  for (let level = 1; level < levels; level++) hex += `5b0f${`40${packedInt(level)}`.repeat(10)}`;
  return hex;
}

function packedInt(n: number): string {
  return (n + 5).toString(16).padStart(2, '0');
}

function bytesOf(result: ReturnType<typeof dumpMarshal>): Uint8Array {
  if (!result.ok) throw new Error(result.reason);
  return result.bytes;
}

describe('dumpMarshal', () => {
  /**
   * Ruby 3.1's `Marshal.dump` of {"user_id"=>42, "name"=>"Zoë", "big"=>2**40, "neg"=>-300, "min"=>-(2**30),
   * "ratio"=>0.25, "tiny"=>1.0e-5, "huge"=>1.5e300, "list"=>[true, false, nil, "a"], "nested"=>{"k"=>"v"},
   * "bin"=>"\x00\xff".b, "account"=>Account.new} where Account.new has @name = "Zoë", @roles = ["admin"].
   */
  const RUBY =
    '04087b1149220c757365725f6964063a064554692f4922096e616d65063b00544922095a6fc3ab063b0054492208626967063b00546c2b080000000000014922086e6567063b005469fed4fe4922086d696e063b005469fc000000c049220a726174696f063b00546609302e323549220974696e79063b0054660931652d3549220968756765063b0054660c312e35653330304922096c697374063b00545b0954463049220661063b005449220b6e6573746564063b00547b064922066b063b005449220676063b005449220862696e063b0054220700ff49220c6163636f756e74063b00546f3a0c4163636f756e74073a0a406e616d654922095a6fc3ab063b00543a0b40726f6c65735b0649220a61646d696e063b0054';

  it('writes the bytes Ruby writes for the same data, and reads them back to the same value', () => {
    const { payload } = ok(RUBY);
    expect(payload).toMatchObject({ big: 2 ** 40, min: -(2 ** 30), tiny: 1e-5, bin: { '@bytes': 'AP8=' }, account: { '@class': 'Account', '@roles': ['admin'] } });
    expect(toHex(bytesOf(dumpMarshal(payload)))).toBe(RUBY);
  });

  it('writes floats as Ruby does: shortest digits, exponent form far from the point, unsafe integers as floats', () => {
    // Marshal.dump([1e20, 1e-5, 123456.789, 0.1, -2.5, 100.5, 0.001, 0.0001, 1.5e300, 2.0**60]).unpack1("H*") by Ruby 3.1
    const ruby =
      '04085b0f660931653230660931652d35660f3132333435362e3738396608302e3166092d322e35660a3130302e35660a302e303031660b302e30303031660c312e35653330306619312e313532393231353034363036383437653138';
    expect(toHex(bytesOf(dumpMarshal([1e20, 1e-5, 123456.789, 0.1, -2.5, 100.5, 0.001, 0.0001, 1.5e300, 2 ** 60])))).toBe(ruby);
  });

  it('writes {"@bytes"} as bytes only when readMarshal would show them so, and refuses lone surrogates', () => {
    expect(ok(toHex(bytesOf(dumpMarshal({ '@bytes': 'YQ==' })))).payload).toEqual({ '@bytes': 'YQ==' });
    expect(ok(toHex(bytesOf(dumpMarshal({ '@bytes': 'AP8=' })))).payload).toEqual({ '@bytes': 'AP8=' });
    expect(dumpMarshal({ a: 'x\ud800' })).toEqual({ ok: false, reason: 'a string with a lone UTF-16 surrogate is not UTF-8 text' });
  });
});
