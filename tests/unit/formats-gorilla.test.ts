import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64Url } from '../../lib/codec/base64';
import { TOO_DEEP } from '../../lib/codec/json';
import { encodeUtf8 } from '../../lib/codec/text';
import { decodeCookie } from '../../lib/decode/decode';
import { writeCookie } from '../../lib/formats/registry';
import { decodeGob } from '../../lib/serializers/gob';
import { loadFixtures } from '../fixtures';
import { gorillaValue } from '../hostile-cookies';

interface GobCase {
  id: string;
  description: string;
  stream: string;
  json: unknown;
}

const fixtures = loadFixtures('gorilla.json');
const gobCases = (fixtures as unknown as { gob: GobCase[] }).gob;
const fixture = (id: string) => fixtures.cases.find((testCase) => testCase.id === id)!;
const streamOf = (testCase: GobCase) => decodeBase64(testCase.stream)!;

describe('gob streams written by Go (securecookie.GobEncoder)', () => {
  for (const testCase of gobCases) {
    it(`${testCase.id}: ${testCase.description}`, () => {
      const result = decodeGob(streamOf(testCase));
      expect(result.ok && result.json).toEqual(testCase.json);
    });
  }

  it('names the types it shows only by name', () => {
    const result = decodeGob(streamOf(gobCases.find((testCase) => testCase.id === 'opaque')!));
    expect(result.ok && [...result.opaqueTypes].sort()).toEqual(['complex128', 'main.Binary']);
  });

  it('refuses every truncation of every stream, without throwing', () => {
    for (const testCase of gobCases) {
      const stream = streamOf(testCase);
      for (let end = 0; end < stream.length; end++) expect(decodeGob(stream.subarray(0, end)).ok, `${testCase.id} cut at ${end}`).toBe(false);
    }
  });
});

/** A stream defining type 65 as a slice of itself, then a value nested `depth` levels deep. */
function selfNestedSlices(depth: number): Uint8Array {
  // -65 as a gob int is 129 (0xFF 0x81); 65 is 130 (0xFF 0x82). wireType{SliceT{CommonType{"D", 65}, Elem 65}}.
  const definition = [0xff, 0x81, 0x02, 0x01, 0x01, 0x01, 0x44, 0x01, 0xff, 0x82, 0x00, 0x01, 0xff, 0x82, 0x00, 0x00];
  const value = [0xff, 0x82, 0x00, ...new Array<number>(depth).fill(0x01), 0x00];
  return new Uint8Array([definition.length, ...definition, value.length, ...value]);
}

describe('gob bounds', () => {
  it('reads nesting up to the JSON depth cap and refuses deeper nesting', () => {
    const shallow = decodeGob(selfNestedSlices(3));
    expect(shallow.ok && shallow.json).toEqual([[[[]]]]);
    expect(decodeGob(selfNestedSlices(100))).toEqual({ ok: false, reason: TOO_DEEP, limit: true });
  });

  it('refuses a count larger than the bytes left before allocating anything', () => {
    // A top-level []byte (type 5) claiming 2^40 bytes: 0xFB = five length bytes follow.
    const claim = [0x0a, 0x00, 0xfb, 0x01, 0x00, 0x00, 0x00, 0x00];
    expect(decodeGob(new Uint8Array([claim.length + 1, ...claim, 0x00]))).toEqual({ ok: false, reason: 'gob: count exceeds the message' });
  });

  it('refuses a message longer than the stream and an integer of more than 8 bytes', () => {
    expect(decodeGob(new Uint8Array([0x40, 0x0c, 0x00])).ok).toBe(false);
    expect(decodeGob(new Uint8Array([0x0c, 0x06, 0x00, 0xf7, 1, 2, 3, 4, 5, 6, 7, 8, 9])).ok).toBe(false);
  });
});

describe('gorilla-securecookie reader', () => {
  it('an opened encrypted session shows what was read instead of what was hidden', async () => {
    const testCase = fixture('gorilla-sessions-encrypted');
    const report = await decodeCookie(testCase.cookie, { secrets: testCase.secrets, now: fixtures.now, knownSecrets: false });
    expect(report.facts.contents).toBeUndefined();
    expect(report.facts.serializer).toMatch(/^encoding\/gob/);
    expect(report.signature.config).toEqual({ hashKey: 'before ":"', blockKey: 'after ":", AES-256-CTR', digest: 'sha256' });
  });

  it('an encrypted session with the hash key alone: the MAC verifies, the values stay encrypted', async () => {
    const testCase = fixture('gorilla-sessions-encrypted');
    const hashKey = testCase.secrets[0]!.split(':')[0]!;
    const report = await decodeCookie(testCase.cookie, { secrets: [hashKey], now: fixtures.now, knownSecrets: false });
    expect(report.format).toBe('gorilla-securecookie');
    expect(report.signature.status).toBe('valid');
    expect(report.payload).toBeNull();
    expect(report.warningCodes).toContain('encrypted-contents');
  });

  it('an encrypted session with the right hash key and a wrong block key is verified but not read', async () => {
    const testCase = fixture('gorilla-sessions-encrypted');
    const hashKey = testCase.secrets[0]!.split(':')[0]!;
    const report = await decodeCookie(testCase.cookie, { secrets: [`${hashKey}:${'x'.repeat(32)}`], now: fixtures.now, knownSecrets: false });
    expect(report.signature.status).toBe('valid');
    expect(report.payload).toBeNull();
    expect(report.warnings).toContain('The hash key verifies the MAC, but the block key does not decrypt the values.');
  });

  it('an encrypted session without keys says what to add', async () => {
    const report = await decodeCookie(fixture('gorilla-sessions-encrypted').cookie, { now: fixtures.now, knownSecrets: false });
    expect(report.format).toBe('gorilla-securecookie');
    expect(report.signature.status).toBe('unverified');
    expect(report.facts.contents).toMatch(/hashKey:blockKey/);
    expect(report.error).toBeUndefined();
  });

  it("a session signed with gorilla/sessions' documented example key is flagged as publicly known", async () => {
    // sessions/doc.go: `var store = sessions.NewCookieStore([]byte("something-very-secret"))`
    const written = await writeCookie('gorilla-securecookie', { foo: 'bar' }, 'something-very-secret', { name: 'session-one', issuedAt: fixtures.now });
    const report = await decodeCookie(written.ok ? written.cookies[0]! : { name: '', value: '' }, { now: fixtures.now });
    expect(report.format).toBe('gorilla-securecookie');
    expect(report.signature).toMatchObject({ status: 'valid', knownSecret: 'something-very-secret' });
    expect(report.warningCodes).toContain('known-secret');
  });

  it('a gob value nested past the depth cap is malformed, its MAC still checked', async () => {
    const report = await decodeCookie({ name: 'session-name', value: gorillaValue(selfNestedSlices(100)) }, { secrets: ['k'], knownSecrets: false });
    expect(report.format).toBe('gorilla-securecookie');
    expect(report.error).toBe(`malformed: ${TOO_DEEP}`);
    expect(report.payload).toBeNull();
    expect(report.signature.status).toBe('invalid');
  });

  it('reports the serializer', async () => {
    const gob = await decodeCookie(fixture('gorilla-sessions-gob').cookie, { knownSecrets: false });
    const json = await decodeCookie(fixture('gorilla-securecookie-json').cookie, { knownSecrets: false });
    expect(gob.facts.serializer).toMatch(/^encoding\/gob/);
    expect(json.facts.serializer).toMatch(/^JSON/);
  });

  it('a value with the envelope but data that is neither gob, JSON nor ciphertext is malformed', async () => {
    const mac = new Uint8Array(32);
    const value = encodeBase64Url(new Uint8Array([...encodeUtf8(`1700000000|${encodeBase64Url(new Uint8Array([1, 2, 3]))}|`), ...mac]));
    const report = await decodeCookie({ name: 'session', value }, { knownSecrets: false });
    expect(report.format).toBe('gorilla-securecookie');
    expect(report.error).toMatch(/^malformed: /);
  });

  it('leaves values whose MAC has no digest length to other formats', async () => {
    const value = encodeBase64Url(encodeUtf8(`1700000000|${encodeBase64Url(encodeUtf8('"x"'))}|short`));
    const report = await decodeCookie({ name: 'session', value }, { knownSecrets: false });
    expect(report.format).not.toBe('gorilla-securecookie');
  });
});

/** gob's unsigned integer: one byte below 128, else the negated byte count and big-endian bytes. */
function gobUint(value: number): number[] {
  if (value < 128) return [value];
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [256 - bytes.length, ...bytes];
}

/** Type 65: a struct of `fields` int fields named A, B, C...; type 66: a slice of it; then `count` empty structs. */
function wideStructs(fields: number, count: number): Uint8Array {
  const fieldTypes = Array.from({ length: fields }, (_, index) => [0x01, 0x01, 0x41 + (index % 26), 0x01, 0x04, 0x00]).flat();
  // wireType{StructT (field 2): {CommonType{Name "S"}, Field []fieldType{Name "F", Id int}}}
  const struct = [0xff, 0x81, 0x03, 0x01, 0x01, 0x01, 0x53, 0x00, 0x01, ...gobUint(fields), ...fieldTypes, 0x00, 0x00];
  // wireType{SliceT (field 1): {CommonType{}, Elem 65}}; -66 is 131 (0xFF 0x83).
  const slice = [0xff, 0x83, 0x02, 0x02, 0xff, 0x82, 0x00, 0x00];
  // Value of type 66 (0xFF 0x84): singleton delta, count, then each struct's terminating zero delta.
  const value = [0xff, 0x84, 0x00, ...gobUint(count), ...new Array<number>(count).fill(0x00)];
  return new Uint8Array([...gobUint(struct.length), ...struct, ...gobUint(slice.length), ...slice, ...gobUint(value.length), ...value]);
}

describe('gob output is bounded', () => {
  it('fills the zero fields of a small struct slice, and refuses a wide struct repeated past the value budget', () => {
    const small = decodeGob(wideStructs(2, 2));
    expect(small.ok && small.json).toEqual([
      { A: 0, B: 0 },
      { A: 0, B: 0 },
    ]);
    const wide = wideStructs(500, 500);
    expect(wide.length).toBeLessThan(4096);
    expect(decodeGob(wide)).toEqual({ ok: false, reason: 'gob: more than 20000 values', limit: true });
  });
});
