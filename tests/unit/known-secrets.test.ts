import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { describe, expect, it } from 'vitest';
import { encodeBase64, encodeBase64Url } from '../../lib/codec/base64';
import { encodeUtf8, toHex } from '../../lib/codec/text';
import { decodeCookie, decodeCookies } from '../../lib/decode/decode';
import { readPublicKeyText } from '../../lib/crypto/public-key';
import { problemText, type SessionReport } from '../../lib/types';
import { knownSecrets } from '../../lib/known-keys/list';
import { writeCookie } from '../../lib/formats/registry';

/** A Flask session signed the way itsdangerous signs it, with the given key. */
function flaskCookie(secret: Uint8Array | string, payload: object, timestamp = 1_795_000_000): string {
  const key = hmac(sha1, typeof secret === 'string' ? encodeUtf8(secret) : secret, encodeUtf8('cookie-session'));
  const ts = encodeBase64Url(new Uint8Array([(timestamp >>> 24) & 255, (timestamp >>> 16) & 255, (timestamp >>> 8) & 255, timestamp & 255]));
  const body = `${encodeBase64Url(encodeUtf8(JSON.stringify(payload)))}.${ts}`;
  return `${body}.${encodeBase64Url(hmac(sha1, key, encodeUtf8(body)))}`;
}

describe('the publicly known secrets', () => {
  it('holds several hundred distinct entries, each with its source', () => {
    const list = knownSecrets();
    expect(list.length).toBeGreaterThan(500);
    const keys = list.map((entry) => (typeof entry.secret === 'string' ? `s:${entry.secret}` : `b:${toHex(entry.secret)}`));
    expect(new Set(keys).size).toBe(keys.length);
    for (const entry of list) expect(entry.source).not.toBe('');
  });

  it.each(['dev', 'supersecretkey', 'any random string', 'you-will-never-guess', 'keyboard cat', 'your-256-bit-secret'])(
    'flags a Flask session signed with %j without being asked',
    async (secret) => {
      const report = await decodeCookie({ name: 'session', value: flaskCookie(secret, { _user_id: '1' }) });
      expect(report.signature).toMatchObject({ status: 'valid', knownSecret: secret });
      expect(report.warnings[0]).toMatch(/anyone can forge this session/);
    },
  );

  it("flags Flask's quickstart bytes key b'_5#y2L\"F4Q8z\\n\\xec]/'", async () => {
    const bytes = new Uint8Array([...encodeUtf8('_5#y2L"F4Q8z\n'), 0xec, ...encodeUtf8(']/')]);
    const report = await decodeCookie({ name: 'session', value: flaskCookie(bytes, { a: 1 }) });
    expect(report.signature.knownSecret).toBe('b\'_5#y2L"F4Q8z\\n\\xec]/\'');
  });

  it('prefers the user\'s own secret and stays quiet when the key is not public', async () => {
    const value = flaskCookie('a-private-key-nobody-published-4f0c1d0b9a7e', { a: 1 });
    expect((await decodeCookie({ name: 'session', value })).signature).toEqual(expect.objectContaining({ status: 'unverified' }));
    expect((await decodeCookie({ name: 'session', value })).signature.knownSecret).toBeUndefined();
    const own = await decodeCookie({ name: 'session', value: flaskCookie('dev', { a: 1 }) }, { secrets: ['dev'] });
    expect(own.signature).toMatchObject({ status: 'valid', secretIndex: 0 });
    expect(own.signature.knownSecret).toBeUndefined();
  });

  it('gives the same verdict when a cookie is decoded again (the extension re-decodes on every change)', async () => {
    const known = { name: 'session', value: flaskCookie('dev', { n: 1 }) };
    const unknown = { name: 'session', value: flaskCookie('not-public-9f8e7d6c5b4a', { n: 1 }) };
    for (let round = 0; round < 2; round++) {
      expect((await decodeCookie(known)).signature).toMatchObject({ status: 'valid', knownSecret: 'dev' });
      expect((await decodeCookie(unknown)).signature.status).toBe('unverified');
    }
  });

  it('can be turned off', async () => {
    const report = await decodeCookie({ name: 'session', value: flaskCookie('dev', { a: 1 }) }, { knownSecrets: false });
    expect(report.signature.status).toBe('unverified');
  });

  it('tries the Rails docs keys on PBKDF2-derived Rails signed cookies', async () => {
    const secretKeyBase = 'b3c631c314c0bbca50c1b2843150fe33';
    const key = pbkdf2(sha1, encodeUtf8(secretKeyBase), encodeUtf8('signed cookie'), { c: 1000, dkLen: 64 });
    const data = encodeBase64(encodeUtf8(JSON.stringify({ _rails: { message: encodeBase64(encodeUtf8('"42"')), exp: null, pur: 'cookie.user_id' } })));
    const value = `${data}--${toHex(hmac(sha1, key, encodeUtf8(data)))}`;
    const report = await decodeCookie({ name: 'user_id', value });
    expect(report.format).toBe('rails-signed');
    expect(report.signature).toMatchObject({ status: 'valid', knownSecret: secretKeyBase });
  });
});

it('no publicly known secret is public key material (a public key as HMAC secret is a forgery, never a known key)', () => {
  expect(knownSecrets().filter((entry) => readPublicKeyText(entry.secret) !== null)).toEqual([]);
});

describe('the automatic known-key check is bounded per jar', () => {
  /** A 4 KB Flask session (about the browsers' limit) signed with the publicly known key `dev`. */
  const bigDevSession = (n: number) => ({ name: `session${n}`, value: flaskCookie('dev', { n, pad: 'x'.repeat(2900) }) });
  const skipped = (report: SessionReport) =>
    report.signature.status === 'unverified' &&
    report.facts['known-key check'] === 'skipped: too large' &&
    report.warnings.some((warning) => warning.startsWith('Known-key check skipped: too large'));

  it('checks cookies in jar order while they fit, skips (and says so) those that do not, and still checks smaller ones after', async () => {
    const jar = [...Array.from({ length: 6 }, (_, n) => bigDevSession(n)), { name: 'small', value: flaskCookie('dev', { a: 1 }) }];
    const reports = await decodeCookies(jar);
    const checked = reports.slice(0, 6).filter((report) => report.signature.knownSecret === 'dev').length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThan(6);
    expect(reports.slice(0, checked).every((report) => report.signature.knownSecret === 'dev')).toBe(true);
    expect(reports.slice(checked, 6).every(skipped)).toBe(true);
    expect(reports[6]!.signature).toMatchObject({ status: 'valid', knownSecret: 'dev' });
    // Verdicts kept from the first decode are charged too: the same jar gives the same reports.
    expect(await decodeCookies(jar)).toEqual(reports);
  });

  it('skips a cookie too large for the whole budget, even alone', async () => {
    const report = await decodeCookie({ name: 'session', value: flaskCookie('dev', { pad: 'x'.repeat(40_000) }) });
    expect(skipped(report)).toBe(true);
    expect(report.payload).toMatchObject({ pad: 'x'.repeat(40_000) });
  });

  it('skips ten 3.8 KB tokens with a 64-byte signature instead of spending seconds on each', async () => {
    const signature = encodeBase64Url(new Uint8Array(64).fill(7));
    const jar = Array.from({ length: 10 }, (_, i) => ({ name: `t${i}`, value: `${encodeBase64Url(encodeUtf8(JSON.stringify({ i, pad: 'x'.repeat(2800) })))}.${signature}` }));
    const reports = await decodeCookies(jar);
    expect(reports.map((report) => report.format)).toEqual(Array(10).fill('itsdangerous'));
    expect(reports.every(skipped)).toBe(true);
  });
});

describe('documented example keys of the newer formats', () => {
  it("flags a React Router session signed with the docs' createCookieSessionStorage secret s3cret1", async () => {
    const written = await writeCookie('remix', { userId: 42 }, 's3cret1');
    if (!written.ok) throw new Error(problemText(written.problem));
    const [cookie] = written.cookies;
    const report = await decodeCookie({ name: '__session', value: cookie!.value });
    expect(report).toMatchObject({ format: 'remix', payload: { userId: 42 }, signature: { status: 'valid', knownSecret: 's3cret1' } });
    expect(report.warningCodes).toContain('known-secret');
  });

  it("flags a Supabase access token signed with the Supabase CLI's local-project JWT secret", async () => {
    const written = await writeCookie('jwt', { sub: 'u-1', role: 'authenticated', iss: 'http://127.0.0.1:54321/auth/v1' }, 'super-secret-jwt-token-with-at-least-32-characters-long', { name: 'token' });
    if (!written.ok) throw new Error(problemText(written.problem));
    const report = await decodeCookie({ name: 'token', value: written.cookies[0]!.value });
    expect(report).toMatchObject({ format: 'jwt', signature: { status: 'valid', knownSecret: 'super-secret-jwt-token-with-at-least-32-characters-long' } });
  });

  it('flags an iron-session seal made with the iron-session example password already listed', async () => {
    const password = 'complex_password_at_least_32_characters_long';
    const written = await writeCookie('iron', { user: { id: 1 } }, password, { name: 'iron-session', iron: { passwordId: '1', sealVersion: '2' } });
    if (!written.ok) throw new Error(problemText(written.problem));
    const report = await decodeCookie({ name: 'iron-session', value: written.cookies[0]!.value });
    expect(report).toMatchObject({ format: 'iron', payload: { user: { id: 1 } }, signature: { status: 'valid', knownSecret: password } });
  });
});
