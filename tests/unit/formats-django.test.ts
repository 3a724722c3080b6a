import { createHash, createHmac } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeCookie, decodeCookies } from '../../lib/decode/decode';
import type { CookieInput, DecodeOptions } from '../../lib/types';
import { loadFixtures } from '../fixtures';

const SECRET = 'django-unit-test-secret-key';
const NOW = 1_795_306_481;
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function b62(n: number): string {
  let out = '';
  do {
    out = B62[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out;
}

const b64url = (bytes: Buffer) => bytes.toString('base64url');

/** Django's TimestampSigner: `value:TS:b64url(HMAC-H(H(keySalt + secret), value:TS))`. */
function djangoSign(value: string, keySalt: string, secret: string, digest: 'sha1' | 'sha256' = 'sha256', ts = NOW): string {
  const signed = `${value}:${b62(ts)}`;
  const key = createHash(digest).update(keySalt + secret).digest();
  return `${signed}:${b64url(createHmac(digest, key).update(signed).digest())}`;
}

const SESSION_SALT = 'django.contrib.sessions.backends.signed_cookiessigner';

function decode(cookie: CookieInput, options: DecodeOptions = {}) {
  return decodeCookie(cookie, { now: NOW, knownSecrets: false, ...options });
}

describe('Django signed_cookies session', () => {
  it('reads a session whose body is not valid base64 JSON as malformed, without throwing', async () => {
    const value = djangoSign('eyJub3QganNvbg', SESSION_SALT, SECRET);
    const report = await decode({ name: 'sessionid', value }, { secrets: [SECRET] });
    expect(report.format).toBe('django-session');
    expect(report.error).toMatch(/^malformed: /);
    expect(report.payload).toBeNull();
    // The signature is still checked: the payload is unreadable, not forged.
    expect(report.signature.status).toBe('valid');
  });

  it('reports truncated zlib data as malformed', async () => {
    const z = deflateSync(Buffer.from(JSON.stringify({ a: 'x'.repeat(100) })));
    const value = djangoSign(`.${b64url(z.subarray(0, z.length - 6))}`, SESSION_SALT, SECRET);
    const report = await decode({ name: 'sessionid', value });
    expect(report.format).toBe('django-session');
    expect(report.error).toMatch(/^malformed: zlib/);
  });

  it('reads a pickled session (PickleSerializer) without unpickling it, and warns about it', async () => {
    const pickle = Buffer.from([0x80, 0x04, 0x95, 0x05, 0, 0, 0, 0, 0, 0, 0, 0x7d, 0x94, 0x2e]);
    const value = djangoSign(b64url(pickle), SESSION_SALT, SECRET);
    const report = await decode({ name: 'sessionid', value }, { secrets: [SECRET] });
    expect(report.format).toBe('django-session');
    expect(report.error).toBeUndefined();
    expect(report.payload).toEqual({});
    expect(report.facts.serializer).toBe('pickle');
    expect(report.warnings.join(' ')).toMatch(/unpickle/);
    expect(report.signature.status).toBe('valid');
  });

  it('names what a pickled session would call when loaded (the os.system fixture made by pickle itself)', async () => {
    const fixture = loadFixtures('django.json').cases.find((testCase) => testCase.id === 'django-session-pickle-os-system')!;
    const report = await decode(fixture.cookie, { secrets: fixture.secrets });
    expect(report.warningCodes).toEqual(['code-execution-serializer']);
    expect(report.warnings[0]).toMatch(/^Pickled session that calls posix\.system when the server loads it \(never run here\)/);
  });

  it('says why a pickled session cannot be read (a truncated pickle), keeping the warning', async () => {
    const pickle = Buffer.from([0x80, 0x04, 0x7d, 0x94, 0x8c, 0x09, 0x61]);
    const report = await decode({ name: 'sessionid', value: djangoSign(b64url(pickle), SESSION_SALT, SECRET) }, { secrets: [SECRET] });
    expect(report).toMatchObject({ format: 'django-session', payload: null, signature: { status: 'valid' }, warningCodes: ['code-execution-serializer'] });
    expect(report.error).toMatch(/^malformed: not a readable pickle: 9 bytes run past the end/);
  });

  it('recognises a session under a custom SESSION_COOKIE_NAME by its base64 JSON dict', async () => {
    const value = djangoSign(b64url(Buffer.from('{"_auth_user_id":"1"}')), SESSION_SALT, SECRET);
    const report = await decode({ name: 'my_session', value }, { secrets: [SECRET] });
    expect(report.format).toBe('django-session');
    expect(report.payload).toEqual({ _auth_user_id: '1' });
    expect(report.expiresAt).toBe(NOW + 1209600);
  });

  it('flags a session signed with a publicly known SECRET_KEY', async () => {
    const value = djangoSign(b64url(Buffer.from('{"a":1}')), SESSION_SALT, 'django-insecure-change-me');
    const report = await decodeCookie({ name: 'sessionid', value }, { now: NOW });
    expect(report.signature).toMatchObject({ status: 'valid', knownSecret: 'django-insecure-change-me' });
    expect(report.warnings.join(' ')).toMatch(/publicly known/);
  });
});

describe('Django set_signed_cookie', () => {
  it('keeps colons inside the value (rsplit) and verifies SHA-1 with the user salt', async () => {
    const value = djangoSign('a:b:c', 'prefsv2signer', `django.http.cookies${SECRET}`, 'sha1');
    const report = await decode({ name: 'prefs', value }, { secrets: [SECRET], salt: 'v2' });
    expect(report.format).toBe('django-signed');
    expect(report.payload).toBe('a:b:c');
    expect(report.signature).toMatchObject({ status: 'valid', config: { digest: 'sha1' } });
    expect(report.issuedAt).toBe(NOW);
  });

  it('does not verify without the salt it was signed with', async () => {
    const value = djangoSign('dark', 'themev2signer', `django.http.cookies${SECRET}`);
    const report = await decode({ name: 'theme', value }, { secrets: [SECRET] });
    expect(report.format).toBe('django-signed');
    expect(report.signature.status).toBe('invalid');
  });

  it('an empty value is still a signed value', async () => {
    const value = djangoSign('', 'themesigner', `django.http.cookies${SECRET}`);
    const report = await decode({ name: 'theme', value }, { secrets: [SECRET] });
    expect(report).toMatchObject({ format: 'django-signed', payload: '', signature: { status: 'valid' } });
  });

  it.each([
    ['no timestamp', 'dark:BO_-TEXEG8o8qUECz9PvW0rnAP0qOL3lNvzOFlvtPEE'],
    ['a timestamp from 1970', 'dark:1:BO_-TEXEG8o8qUECz9PvW0rnAP0qOL3lNvzOFlvtPEE'],
    ['a timestamp that is not base62', 'dark:1x-vE9:BO_-TEXEG8o8qUECz9PvW0rnAP0qOL3lNvzOFlvtPEE'],
    ['a signature of no digest length', 'dark:1xUvE9:BO_-TEXEG8o8qUECz9PvW0rnAP0qOL3l'],
    ['plain colons', 'a:b:c'],
  ])('is not taken for Django with %s', async (_why, value) => {
    const [report] = await decodeCookies([{ name: 'theme', value }], { now: NOW, knownSecrets: false });
    expect(report!.format).not.toMatch(/^django/);
  });
});
