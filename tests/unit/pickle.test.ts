import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, dumpJson } from '../../lib/codec/json';
import { readPickle } from '../../lib/serializers/pickle';

// Each hex input is what CPython 3.11's pickle.dumps wrote for the value in the test's name (or, where said, a
// pickle made opcode by opcode).
function read(hex: string) {
  return readPickle(Uint8Array.from(Buffer.from(hex, 'hex')));
}

describe('pickle, read without unpickling', () => {
  it('reads protocol 0 text opcodes: {"a": [1, 2.5, "x", inf], "big": 2**70}', () => {
    const result = read('286470300a56610a70310a286c70320a49310a6146322e350a6156780a70330a6146696e660a6173566269670a70340a4c313138303539313632303731373431313330333432344c0a732e');
    expect(result).toMatchObject({ ok: true, value: { a: [1, 2.5, 'x', 'inf'], big: '1180591620717411303424' }, calls: [] });
    expect(result.ok && dumpJson(result.value).ok).toBe(true);
  });

  it('builds OrderedDict (REDUCE of a builtin, then SETITEMS) as a dict: OrderedDict([("b", 1), ("a", 2)]), protocol 2', () => {
    const result = read('800263636f6c6c656374696f6e730a4f726465726564446963740a7100295271012858010000006271024b0158010000006171034b02752e');
    expect(result).toMatchObject({ ok: true, calls: [] });
    expect(result.ok && result.typed).toEqual({ type: 'dict', entries: [['b', { type: 'number', value: 1 }], ['a', { type: 'number', value: 2 }]] });
  });

  it('shows sets and frozensets as sets, lists in the payload: {"s": {1, 2}, "f": frozenset({3}), "e": set()}, protocols 5 and 2', () => {
    const set = (values: number[], frozen: boolean) => ({ type: 'set', items: values.map((value) => ({ type: 'number', value })), frozen });
    const five = read('80059520000000000000007d94288c0173948f94284b014b02908c016694284b0391948c0165948f94752e');
    expect(five).toMatchObject({ ok: true, value: { s: [1, 2], f: [3], e: [] }, calls: [] });
    expect(five.ok && five.typed).toEqual({ type: 'dict', entries: [['s', set([1, 2], false)], ['f', set([3], true)], ['e', set([], false)]] });
    // Protocol 2 has no set opcodes: __builtin__.set / frozenset of a list, REDUCEd.
    const two = read('80027d7100285801000000737101635f5f6275696c74696e5f5f0a7365740a71025d7103284b014b02658571045271055801000000667106635f5f6275696c74696e5f5f0a66726f7a656e7365740a71075d71084b036185710952710a752e');
    expect(two.ok && two.typed).toEqual({ type: 'dict', entries: [['s', set([1, 2], false)], ['f', set([3], true)]] });
  });

  it('gives a repeated key its last value in its first place, as a dict does (hand-made: {"k": 1, "k": 2})', () => {
    expect(read('80027d2858010000006b4b0158010000006b4b02752e')).toMatchObject({ ok: true, value: { k: 2 }, typed: { type: 'dict', entries: [['k', { type: 'number', value: 2 }]] } });
  });

  it('shows a call it would make, never making it, and names it: {"x": os.system("id")} via __reduce__', () => {
    const result = read('80059524000000000000007d948c0178948c05706f736978948c0673797374656d9493948c0269649485945294732e');
    expect(result).toMatchObject({ ok: true, value: { x: { '@calls': 'posix.system', args: ['id'] } }, calls: ['posix.system'] });
  });

  it('shows what NEWOBJ and BUILD would do to an object (hand-made: copyreg.__newobj__ of app.User, state {"name": "a"})', () => {
    // PROTO 2, GLOBAL app User, EMPTY_TUPLE, NEWOBJ, EMPTY_DICT, SHORT_BINUNICODE name, SHORT_BINUNICODE a, SETITEM, BUILD, STOP
    const result = read('8002636170700a557365720a29817d8c046e616d658c016173622e');
    expect(result).toMatchObject({ ok: true, value: { '@calls': 'app.User.__new__', args: [], state: { name: 'a' } }, calls: ['app.User.__new__'] });
    expect(result.ok && result.typed).toMatchObject({ type: 'object', className: 'calls app.User.__new__' });
  });

  it('marks a list that contains itself: l = []; l.append(l)', () => {
    expect(read('80049506000000000000005d946800612e')).toMatchObject({ ok: true, value: [{ '@cycle': 'list' }] });
  });

  it('refuses what is not a whole pickle, saying why', () => {
    expect(read('8005')).toMatchObject({ ok: false, reason: expect.stringMatching(/no STOP/) });
    expect(read('80058c0561622e')).toMatchObject({ ok: false, reason: expect.stringMatching(/run past the end/) });
    expect(read('80052e')).toMatchObject({ ok: false, reason: expect.stringMatching(/stack underflow/) });
    expect(read('8005680a2e')).toMatchObject({ ok: false, reason: expect.stringMatching(/memo 10 read before/) });
    expect(read('8005ff2e')).toMatchObject({ ok: false, reason: expect.stringMatching(/unknown opcode 0xff/) });
    expect(read('8005284b01752e')).toMatchObject({ ok: false, reason: expect.stringMatching(/SETITEM on|key without a value|empty stack/) });
  });

  it('bounds depth, the stack, the memo and what shared memo entries would expand to', () => {
    const deep = `8004${'5d'.repeat(MAX_JSON_DEPTH)}${'61'.repeat(MAX_JSON_DEPTH - 1)}2e`;
    expect(read(deep)).toMatchObject({ ok: false, reason: expect.stringMatching(/nested deeper than/) });
    expect(read(`8004${'4e'.repeat(20_000)}2e`)).toMatchObject({ ok: false, reason: expect.stringMatching(/stack deeper than/) });
    expect(read(`8004${'4e9430'.repeat(10_001)}4e2e`)).toMatchObject({ ok: false, reason: expect.stringMatching(/more than \d+ memo entries/) });
    // x = [None], then 40 times x = (x, x) (BINPUT 1, POP, BINGET 1, BINGET 1, TUPLE2): 2**40 values once expanded, from 300 bytes.
    const doubling = `80045d4e61${'710130680168018 6'.replace(/ /g, '').repeat(40)}2e`;
    expect(read(doubling)).toMatchObject({ ok: false, reason: expect.stringMatching(/more than \d+ values to show/) });
  });
});
