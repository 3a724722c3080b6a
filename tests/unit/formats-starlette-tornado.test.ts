import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeCookie } from '../../lib/decode/decode';
import { writeCookie } from '../../lib/formats/registry';
import type { WriteResult } from '../../lib/formats/format';
import type { CookieInput, DecodeOptions } from '../../lib/types';

const NOW = 1_796_046_588;
const SECRET = 'unit-test-secret';

function decode(cookie: CookieInput, options: DecodeOptions = {}) {
  return decodeCookie(cookie, { now: NOW, knownSecrets: false, ...options });
}

function valueOf(result: WriteResult): string {
  if (!result.ok) throw new Error(result.problem.message);
  return result.cookies[0]!.value;
}

/** itsdangerous' `TimestampSigner(secret).sign(body)` (salt itsdangerous.Signer, django-concat, SHA-1), as Node computes it. */
function timestampSign(body: string, secret: string, ts = NOW - 60): string {
  const signed = `${body}.${Buffer.from(ts.toString(16).padStart(8, '0'), 'hex').toString('base64url')}`;
  const key = createHash('sha1').update(`itsdangerous.Signer` + 'signer' + secret).digest();
  return `${signed}.${createHmac('sha1', key).update(signed).digest('base64url')}`;
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('Starlette SessionMiddleware', () => {
  it('reads Python-default JSON in standard base64, whatever the cookie is called', async () => {
    const report = await decode({ name: 'app', value: timestampSign(b64('{"a": "x>?"}'), SECRET) }, { secrets: [SECRET] });
    expect(report).toMatchObject({ format: 'starlette', payload: { a: 'x>?' }, signature: { status: 'valid' } });
  });

  it('leaves compact JSON (Flask, itsdangerous) to the Flask family, even when its base64 is standard', async () => {
    const report = await decode({ name: 'session', value: timestampSign(b64('{"a":"x>?"}'), SECRET) });
    expect(report.format).not.toBe('starlette');
  });

  it('reads JSON nested too deep as malformed, without throwing', async () => {
    const deep = `{"a": ${'['.repeat(100)}${']'.repeat(100)}}`;
    const report = await decode({ name: 'session', value: timestampSign(b64(deep), SECRET) });
    expect(report).toMatchObject({ format: 'starlette', payload: null, error: 'malformed: nested deeper than 64 levels' });
  });

  it('is flagged when signed with a publicly known key (FastAPI docs)', async () => {
    const known = '09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7';
    const value = valueOf(await writeCookie('starlette', { user: 'alice' }, known, { issuedAt: NOW }));
    const report = await decodeCookie({ name: 'session', value }, { now: NOW });
    expect(report.signature).toMatchObject({ status: 'valid', knownSecret: known });
    expect(report.warningCodes).toContain('known-secret');
  });

  it('writes only a non-empty dict (Starlette sets no cookie for an empty session)', async () => {
    for (const payload of [{}, [], 'text']) {
      expect(await writeCookie('starlette', payload, SECRET, {})).toMatchObject({ ok: false, problem: { code: 'cannot-write' } });
    }
  });
});

/** Tornado v2 as `create_signed_value` writes it, computed with Node's HMAC. */
function tornadoV2(name: string, value: string, secret = SECRET, ts = NOW - 60, keyVersion = 0): string {
  const field = (text: string) => `${text.length}:${text}|`;
  const signed = `2|${field(String(keyVersion))}${field(String(ts))}${field(name)}${field(Buffer.from(value).toString('base64'))}`;
  return signed + createHmac('sha256', secret).update(signed).digest('hex');
}

function tornadoV1(name: string, value: Buffer, secret = SECRET, ts = NOW - 60): string {
  const body = value.toString('base64');
  return `${body}|${ts}|${createHmac('sha1', secret).update(name + body + String(ts)).digest('hex')}`;
}

describe('Tornado secure cookies', () => {
  it('binds the cookie name: a v2 value read under another name does not verify, and says for which it was signed', async () => {
    const value = tornadoV2('user', 'alice');
    expect((await decode({ name: 'user', value }, { secrets: [SECRET] })).signature.status).toBe('valid');
    const moved = await decode({ name: 'admin', value }, { secrets: [SECRET] });
    expect(moved).toMatchObject({ format: 'tornado', payload: 'alice', signature: { status: 'invalid' }, warningCodes: ['other-cookie'] });
  });

  it('binds the cookie name in v1 too', async () => {
    const value = tornadoV1('user', Buffer.from('alice'));
    expect((await decode({ name: 'user', value }, { secrets: [SECRET] })).signature.status).toBe('valid');
    expect((await decode({ name: 'admin', value }, { secrets: [SECRET] })).signature.status).toBe('invalid');
  });

  it('verifies each key version with the secret that signed it (a rotation dict is a list of secrets)', async () => {
    const secrets = ['old-secret', 'new-secret'];
    for (const [keyVersion, secretIndex] of [[0, 0], [1, 1]] as const) {
      const value = valueOf(await writeCookie('tornado', 'carol', secrets[secretIndex]!, { name: 'user', keyVersion, issuedAt: NOW }));
      expect(value).toBe(tornadoV2('user', 'carol', secrets[secretIndex], NOW, keyVersion));
      const report = await decode({ name: 'user', value }, { secrets });
      expect(report.signature).toMatchObject({ status: 'valid', secretIndex });
      expect(report.facts['key version']).toBe(String(keyVersion));
    }
  });

  it('shows bytes that are not UTF-8 as their base64, and says so', async () => {
    const report = await decode({ name: 'blob', value: tornadoV1('blob', Buffer.from([0xff, 0xfe, 0x00])) }, { secrets: [SECRET] });
    expect(report).toMatchObject({ payload: '//4A', signature: { status: 'valid' }, facts: { value: 'bytes, not UTF-8: shown as base64' } });
  });

  it('takes an upper-case hex signature (which Tornado never writes and refuses) as invalid', async () => {
    const value = tornadoV2('user', 'alice');
    const upper = value.slice(0, -64) + value.slice(-64).toUpperCase();
    expect((await decode({ name: 'user', value: upper }, { secrets: [SECRET] })).signature.status).toBe('invalid');
  });

  it('is flagged when signed with the placeholder of Tornado\'s docs', async () => {
    const known = '__TODO:_GENERATE_YOUR_OWN_RANDOM_VALUE_HERE__';
    const report = await decodeCookie({ name: 'user', value: tornadoV2('user', 'alice', known) }, { now: NOW });
    expect(report.signature).toMatchObject({ status: 'valid', knownSecret: known });
  });

  const hostile: [string, string, RegExp][] = [
    ['a length far beyond the value', `2|9999999:0|10:${NOW}|4:user|4:YWJj|${'0'.repeat(64)}`, /field 1 is not 9999999 characters long/],
    ['a length with too many digits', `2|1:0|${'9'.repeat(400)}:1|${'0'.repeat(64)}`, /field 2 has no length/],
    ['a length one short', `2|1:0|9:${NOW}|4:user|4:YWJj|${'0'.repeat(64)}`, /field 2 is not 9 characters long/],
    ['a value cut after its fields', `2|1:0|10:${NOW}|4:user|4:YWJj|`, /signature is not 64 hex digits/],
    ['a key version that is no number', `2|1:x|10:${NOW}|4:user|4:YWJj|${'0'.repeat(64)}`, /key version is not a number/],
    ['a timestamp that is no number', `2|1:0|10:1x9604658a|4:user|4:YWJj|${'0'.repeat(64)}`, /timestamp is not a number/],
    ['a value field that is not base64', `2|1:0|10:${NOW}|4:user|4:Y!Jj|${'0'.repeat(64)}`, /value is not base64/],
    ['a v1 timestamp with a leading zero (digits moved from the value)', `YWJj|0${NOW}|${'0'.repeat(40)}`, /starts with 0/],
    ['40 KB of empty fields', `2|${'0:|'.repeat(13_000)}`, /key version is not a number/],
  ];
  for (const [what, value, reason] of hostile) {
    it(`reads ${what} as malformed, without throwing`, async () => {
      const report = await decode({ name: 'user', value }, { secrets: [SECRET] });
      expect(report.format).toBe('tornado');
      expect(report.error).toMatch(reason);
      expect(report.signature.status).not.toBe('valid');
    });
  }

  it('writes text only, under an ASCII cookie name', async () => {
    expect(await writeCookie('tornado', { a: 1 }, SECRET, { name: 'user' })).toMatchObject({ ok: false, problem: { code: 'cannot-write' } });
    expect(await writeCookie('tornado', 'x', SECRET, {})).toMatchObject({ ok: false, problem: { message: 'the cookie name is needed' } });
    expect(await writeCookie('tornado', 'x', SECRET, { name: 'usér' })).toMatchObject({ ok: false, problem: { code: 'cannot-write' } });
    expect(await writeCookie('tornado', 'x', SECRET, { name: 'user', keyVersion: -1 })).toMatchObject({ ok: false, problem: { code: 'cannot-write' } });
  });
});
