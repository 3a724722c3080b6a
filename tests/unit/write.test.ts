import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASCII_ONLY, dumpJson } from '../../lib/codec/json';
import { quoteCookieValue, quoteWerkzeugCookie, unquoteCookieValue } from '../../lib/codec/wire';
import { decodeCookies } from '../../lib/decode/decode';
import { railsMessage } from '../../lib/signing/rails';
import { dumpMarshal } from '../../lib/serializers/marshal';
import type { WriteOptions, WriteResult } from '../../lib/formats/format';
import { FORMATS, writeCookie } from '../../lib/formats/registry';
import type { KeyDerivationName } from '../../lib/signing/itsdangerous';
import type { DigestName } from '../../lib/crypto/digest';
import type { FormatId, SessionReport } from '../../lib/types';
import { FIXTURE_DIR, loadFixtures, SUPPORTED_FIXTURES, type FixtureCase } from '../fixtures';

const WRITERS = new Set(FORMATS.filter((format) => format.write).map((format) => format.id));

/** The formats this change writes: the list is the contract the round trips below hold each of them to. */
it('writes the formats whose signing scheme it implements', () => {
  expect([...WRITERS].sort()).toEqual(
    ['django-session', 'django-signed', 'express-cookie-session', 'express-session-id', 'express-signed', 'flask', 'itsdangerous', 'jwt', 'rails-encrypted', 'rails-signed', 'starlette', 'tornado', 'iron', 'remix', 'hono', 'koa-session', 'authjs', 'supabase', 'gorilla-securecookie', 'rack-session', 'laravel-encrypted', 'flask-login-remember', 'flask-session-id'].sort(),
  );
});

async function decodeCase(testCase: FixtureCase, now: number): Promise<SessionReport> {
  const jar = [testCase.cookie, ...(testCase.companions ?? [])];
  const reports = await decodeCookies(jar, { secrets: testCase.secrets, now, knownSecrets: false, ...testCase.options });
  return reports.find((report) => report.name === testCase.cookie.name)!;
}

/** Everything a framework let the app choose, as a decoded report tells it. */
function optionsFrom(report: SessionReport, testCase: FixtureCase): WriteOptions {
  const config = report.signature.config ?? {};
  const options: WriteOptions = { name: report.name, ...(report.issuedAt !== null ? { issuedAt: report.issuedAt } : {}) };
  const digest = config.digest as DigestName;
  switch (report.format) {
    case 'flask':
    case 'itsdangerous':
      return { ...options, salt: config.salt, keyDerivation: config.keyDerivation as KeyDerivationName, digest };
    case 'django-signed':
      return { ...options, digest, salt: testCase.options?.salt };
    case 'jwt':
      return { ...options, alg: report.facts.alg };
    case 'rails-signed':
      return { ...options, digest, kdfDigest: /pbkdf2-hmac-(\w+)/.exec(config.keyDerivation!)![1] as DigestName, ...railsExpiry(report) };
    case 'rails-encrypted':
      return { ...options, kdfDigest: digest, ...railsExpiry(report) };
    case 'tornado':
      return { ...options, keyVersion: Number(report.facts['key version'] ?? 0), digest };
    case 'iron':
      return { ...options, iron: { passwordId: config.passwordId, iterations: Number(config.iterations), sealVersion: config.sealVersion }, ...railsExpiry(report) };
    case 'koa-session':
      return { ...options, digest, ...railsExpiry(report) };
    case 'laravel-encrypted':
      return { ...options, cipher: config.cipher };
    default:
      return { ...options, digest };
  }
}

function railsExpiry(report: SessionReport): Pick<WriteOptions, 'expiresAt'> {
  return report.expiresAt === null ? {} : { expiresAt: report.expiresAt };
}

function cookiesOf(result: WriteResult) {
  if (!result.ok) throw new Error(`write refused: ${result.problem.message}`);
  return result.cookies;
}

interface WritableCase {
  testCase: FixtureCase;
  now: number;
  report: SessionReport;
}

/** Fixtures whose key is known, whose signature the decoder verified, in a format that writes, with their reports. */
const writable: WritableCase[] = await Promise.all(
  SUPPORTED_FIXTURES.flatMap((file) => {
    const { cases, now } = loadFixtures(file);
    return cases
      .filter((testCase) => testCase.expect.signature.status === 'valid' && WRITERS.has(testCase.expect.format as FormatId))
      .map(async (testCase) => ({ testCase, now, report: await decodeCase(testCase, now) }));
  }),
);

/** A public-key JWT is verified with the issuer's public key: nothing here signs with a private key. */
const isPublicKeyJwt = (report: SessionReport) => report.format === 'jwt' && !/^HS/.test(report.facts.alg ?? '');

describe('decode(write(decode(c).payload)) gives the same payload, verified by the same key', () => {
  for (const { testCase, now, report } of writable) {
    it(testCase.id, async () => {
      const secret = testCase.secrets[report.signature.secretIndex!]!;
      const options = optionsFrom(report, testCase);
      const result = await writeCookie(report.format, report.payload, secret, options);
      if (isPublicKeyJwt(report)) {
        expect(result).toMatchObject({ ok: false, problem: { code: 'cannot-write' } });
        return;
      }
      const [again] = await decodeCookies(cookiesOf(result), { secrets: [secret], now, knownSecrets: false, ...testCase.options });
      expect(again!.format).toBe(report.format);
      expect(again!.payload).toEqual(report.payload);
      expect(again!.signature).toMatchObject({ status: 'valid', secretIndex: 0 });
      // An untimed itsdangerous token (Signer, Serializer) is written as URLSafeTimedSerializer writes it: signed now;
      // a koa-session browser-session cookie (no _expire) with koa-session's default maxAge.
      if ((report.format !== 'itsdangerous' && report.format !== 'koa-session') || report.issuedAt !== null) {
        expect(again!.issuedAt).toBe(report.issuedAt);
        expect(again!.expiresAt).toBe(report.expiresAt);
      }
    });
  }
});

/**
 * Why the value Session Lens writes differs from the framework's for the same payload, key and time; null when it
 * must be the same, byte for byte.
 */
function whyNotFrameworkBytes(testCase: FixtureCase, report: SessionReport): string | null {
  if (isPublicKeyJwt(report)) return 'public-key JWTs are not written';
  if (report.format === 'rails-encrypted' || report.format === 'authjs' || report.format === 'laravel-encrypted') return 'a fresh random IV in every value';
  if (report.format === 'iron') return 'fresh random salts and IV in every seal';
  if (report.format === 'rails-signed' && report.facts.serializer === 'Marshal') return 'Rails cookies are written with the JSON serializer';
  // Byte for byte against Ruby's Marshal.dump in tests/unit/marshal.test.ts instead.
  if (report.format === 'rack-session') return 'a String keeps no encoding in JSON (session ids are US-ASCII): every String is written UTF-8';
  if (report.facts.compression === 'zlib') return "fflate's deflate writes other bytes than zlib's (both inflate the same)";
  if (report.facts.epoch) return 'itsdangerous < 1.0 timestamps are not written';
  if (report.facts.serializer === 'pickle') return 'Django sessions are written with JSONSerializer, never pickled';
  if (report.format === 'itsdangerous' && (report.issuedAt === null || report.facts.serializer !== 'URL-safe')) return 'written as URLSafeTimedSerializer';
  if (report.format === 'koa-session' && report.issuedAt === null) return "written with koa-session's default maxAge, not as a browser-session cookie";
  if (report.facts.encoding?.startsWith('the session JSON as it is')) return "Supabase sessions are written base64- as @supabase/ssr's default, not raw";
  if (report.format === 'gorilla-securecookie' && !report.facts.serializer?.startsWith('JSON')) return 'gob and encrypted values are written as JSON, unencrypted';
  if (testCase.id === 'jwt-pyjwt-unicode') return 'PyJWT writes claims ASCII-only (json.dumps ensure_ascii), jose as JSON.stringify does';
  return null;
}

const frameworkBytes = writable.filter(({ testCase, report }) => whyNotFrameworkBytes(testCase, report) === null);

describe('with the same payload, key and time, the value the real framework set', () => {
  it('is checked for every format that writes the same bytes each time', () => {
    const unlike = new Set<FormatId>(['rails-encrypted', 'iron', 'authjs', 'rack-session', 'laravel-encrypted']);
    expect(new Set(frameworkBytes.map(({ report }) => report.format))).toEqual(new Set([...WRITERS].filter((format) => !unlike.has(format))));
  });
  for (const { testCase, report } of frameworkBytes) {
    it(testCase.id, async () => {
      const result = await writeCookie(report.format, report.payload, testCase.secrets[report.signature.secretIndex!]!, optionsFrom(report, testCase));
      const jar = [testCase.cookie, ...(testCase.companions ?? [])];
      expect(cookiesOf(result)).toEqual(jar.map(({ name, value }) => ({ name, value })));
    });
  }
});

/** JSON as a parsed cookie holds it: any Unicode (astral planes, lone surrogates), no -0, `__proto__` an own key. */
const jsonValue = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);
const jsonObject = fc.dictionary(fc.string({ unit: 'binary', maxLength: 12 }), jsonValue, { maxKeys: 8 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);

const SECRET = 'property secret ✓';
const ISSUED_AT = 1795306559;

describe('generated payloads come back as written, verified', () => {
  const roundTrips: [FormatId, fc.Arbitrary<unknown>, WriteOptions][] = [
    ['flask', jsonObject, { issuedAt: ISSUED_AT }],
    ['itsdangerous', jsonValue, { name: 'token', issuedAt: ISSUED_AT }],
    ['django-session', jsonObject, { issuedAt: ISSUED_AT }],
    ['jwt', jsonObject, { name: 'token', alg: 'HS384' }],
    ['rack-session', jsonObject.filter((value) => dumpMarshal(value).ok), {}],
  ];
  for (const [format, payload, options] of roundTrips) {
    it(format, async () => {
      await fc.assert(
        fc.asyncProperty(payload, async (value) => {
          const [report] = await decodeCookies(cookiesOf(await writeCookie(format, value, SECRET, options)), { secrets: [SECRET], knownSecrets: false });
          expect(report!.format).toBe(format);
          expect(report!.payload).toEqual(value);
          expect(report!.signature.status).toBe('valid');
        }),
        { numRuns: 150 },
      );
    });
  }
  it('flask-login-remember (any user id, "a%41" included: Werkzeug never percent-decodes a cookie)', async () => {
    const userId = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), fc.constantFrom('a%41', '%2F%2f', '100%', '%E2%9C%93'));
    await fc.assert(
      fc.asyncProperty(userId, async (value) => {
        const latin1Secret = 's3cr3t-flask-kéy';
        const [report] = await decodeCookies(cookiesOf(await writeCookie('flask-login-remember', value, latin1Secret, {})), { secrets: [latin1Secret], knownSecrets: false });
        expect(report).toMatchObject({ format: 'flask-login-remember', payload: value, signature: { status: 'valid' } });
      }),
      { numRuns: 150 },
    );
  });
  it('laravel-encrypted (a string, as EncryptCookies carries it)', async () => {
    const appKey = `base64:${Buffer.alloc(32, 3).toString('base64')}`;
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('aes-256-cbc', 'aes-256-gcm'), async (value, cipher) => {
        const [report] = await decodeCookies(cookiesOf(await writeCookie('laravel-encrypted', value, appKey, { name: 'theme', cipher })), { secrets: [appKey], knownSecrets: false });
        expect(report).toMatchObject({ format: 'laravel-encrypted', payload: value, signature: { status: 'valid', config: { cipher } } });
      }),
      { numRuns: 150 },
    );
  });
});

describe('JSON as each framework writes it', () => {
  // Expected texts printed by Python 3.11's json and ActiveSupport 6.1 for the same values.
  const value = { b: 1, '10': 2, '2': [true, null, 1.5], '\u{1F389}': '\x7fé\u{1F389}\n"\\<>&\u2028', 'a\u{1F389}': 0, 'a\uffff': 0 };

  it("Flask: Python's sort_keys (by code point) and ensure_ascii", () => {
    expect(dumpJson(value, { sortKeys: true, escape: ASCII_ONLY })).toEqual({
      ok: true,
      text: '{"10":2,"2":[true,null,1.5],"a\\uffff":0,"a\\ud83c\\udf89":0,"b":1,"\\ud83c\\udf89":"\\u007f\\u00e9\\ud83c\\udf89\\n\\"\\\\<>&\\u2028"}',
    });
  });

  it("Rails: ActiveSupport's HTML-safe escapes, inside the _rails envelope", () => {
    const message = railsMessage({ b: 1, '\u{1F389}': '\x7fé\u{1F389}\n"\\<>&\u2028' }, { purpose: 'cookie.<x>', expiresAt: 1795306559.25 });
    expect(message).toEqual({
      ok: true,
      text: '{"_rails":{"message":"eyJiIjoxLCLwn46JIjoif8Op8J+OiVxuXCJcXFx1MDAzY1x1MDAzZVx1MDAyNlx1MjAyOCJ9","exp":"2026-11-22T00:15:59.250Z","pur":"cookie.\\u003cx\\u003e"}}',
    });
  });

  it('refuses what is not JSON or what the reader would refuse to read back', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    let deep: unknown = 1;
    for (let i = 0; i < 65; i++) deep = [deep];
    for (const notJson of [undefined, Number.NaN, Infinity, 1n, () => 1, { a: undefined }, [undefined], new Date(0), cyclic, deep]) {
      expect(dumpJson(notJson).ok, String(notJson)).toBe(false);
    }
  });
});

describe("Django's cookie quoting (Python's http.cookies)", () => {
  it('leaves legal values bare and quotes the rest as Python does', () => {
    // Expected texts printed by Python 3.11's http.cookies._quote.
    expect(quoteCookieValue('dark:1xUvE9:BO_-TEXEG8o8')).toBe('dark:1xUvE9:BO_-TEXEG8o8');
    expect(quoteCookieValue('a b;c"d\\e\x7fé✓,')).toBe('"a b\\073c\\"d\\\\e\\177\\351✓\\054"');
    expect(unquoteCookieValue(quoteCookieValue('a b;c"d\\e\x7fé✓,'))).toBe('a b;c"d\\e\x7fé✓,');
    expect(quoteCookieValue('')).toBe('""');
  });
});

describe("Werkzeug's cookie quoting (Flask's set_cookie)", () => {
  it('leaves legal values bare and quotes the rest over UTF-8 bytes, as Werkzeug 2.2 does', () => {
    // Expected texts printed by Werkzeug 2.2's dump_cookie.
    expect(quoteWerkzeugCookie('team|7')).toBe('team|7');
    expect(quoteWerkzeugCookie('')).toBe('');
    const quoted = quoteWerkzeugCookie('a b;c"d\\e\x7fé✓,(x)');
    expect(quoted).toBe('"a b\\073c\\"d\\\\e\\177\\303\\251\\342\\234\\223\\054(x)"');
    expect(unquoteCookieValue(quoted)).toBe('a b;c"d\\e\x7fé✓,(x)');
  });
});

describe('what a format cannot write is a problem, never a throw', () => {
  const refusals: [string, FormatId, unknown, WriteOptions][] = [
    ['a Flask session that is not a dict', 'flask', ['list'], {}],
    ['a Django session that is not a dict', 'django-session', 'text', {}],
    ['cookie-session without an object', 'express-cookie-session', 42, {}],
    ['JWT claims that are not an object', 'jwt', 'text', { name: 'token' }],
    ['a public-key JWT', 'jwt', {}, { name: 'token', alg: 'RS256' }],
    ['an algorithm named after a prototype property', 'jwt', {}, { name: 'token', alg: 'constructor' }],
    ['an express-session id that is not text', 'express-session-id', { sid: 1 }, {}],
    ['a Django signed cookie that is not text', 'django-signed', { a: 1 }, { name: 'theme' }],
    ['an Express value that is no JSON', 'express-signed', undefined, { name: 'theme' }],
    ['no name where the framework has no default', 'rails-signed', 42, {}],
    ['a name-bound Django cookie without its name', 'django-signed', 'dark', {}],
    ['a payload nested deeper than the reader reads', 'itsdangerous', JSON.parse('['.repeat(70) + ']'.repeat(70)), { name: 'token' }],
    ['a Rails expiry beyond any date', 'rails-encrypted', {}, { name: '_app_session', expiresAt: 1e20 }],
    ['a time before 1970', 'flask', {}, { issuedAt: -1 }],
    ['a time with fractions of a second', 'django-session', {}, { issuedAt: 1.5 }],
    ['an unknown digest', 'flask', {}, { digest: 'md5' as DigestName }],
    ['an unknown key generator digest', 'rails-encrypted', {}, { name: 'x', kdfDigest: 'md5' as DigestName }],
    ['a key generator digest WebCrypto does not derive', 'rails-encrypted', {}, { name: 'x', kdfDigest: 'sha224' }],
    ['an unknown key derivation', 'itsdangerous', {}, { name: 'token', keyDerivation: 'pbkdf2' as KeyDerivationName }],
    ['a format that is only read', 'opaque-id', 'abc', { name: 'PHPSESSID' }],
    ['a Laravel cookie without its name', 'laravel-encrypted', 'abc', {}],
    ['an unknown Laravel cipher', 'laravel-encrypted', 'abc', { name: 'x', cipher: 'aes-256-ctr' }],
    ['a Laravel cipher named after a prototype property', 'laravel-encrypted', 'abc', { name: 'x', cipher: 'constructor' }],
    ["a Laravel cipher whose key size is not the key's", 'laravel-encrypted', 'abc', { name: 'x', cipher: 'aes-128-gcm' }],
    ['a Laravel session nested deeper than the reader reads', 'laravel-encrypted', { data: JSON.parse('['.repeat(70) + ']'.repeat(70)), expires: 1 }, { name: 'x' }],
    ['a Flask-Login user id that is not text', 'flask-login-remember', 42, {}],
    ['a Flask-Session id that is not a session id', 'flask-session-id', 'not an id', {}],
  ];
  for (const [what, format, payload, options] of refusals) {
    it(what, async () => {
      const result = await writeCookie(format, payload, SECRET, options);
      expect(result).toMatchObject({ ok: false, problem: { code: 'cannot-write', message: expect.any(String) } });
    });
  }

  it('an APP_KEY that is no AES key, or a Flask-Login key beyond latin-1', async () => {
    expect(await writeCookie('laravel-encrypted', 'abc', 'base64:c2hvcnQ=', { name: 'x' })).toMatchObject({ ok: false, problem: { code: 'cannot-write', message: expect.stringMatching(/APP_KEY/) } });
    expect(await writeCookie('flask-login-remember', '42', 'clé ✓', {})).toMatchObject({ ok: false, problem: { code: 'cannot-write', message: expect.stringMatching(/latin-1/) } });
  });

  it('an empty HMAC key for a JWT', async () => {
    expect(await writeCookie('jwt', {}, '', { name: 'token' })).toMatchObject({ ok: false, problem: { code: 'cannot-write' } });
  });
});

describe('what each write adds beside the payload', () => {
  it('cookie-session: the session and its keygrip signature cookie, signed with the name', async () => {
    const result = cookiesOf(await writeCookie('express-cookie-session', { userId: 7 }, 'k', { name: 'myapp', digest: 'sha256' }));
    expect(result.map((cookie) => cookie.name)).toEqual(['myapp', 'myapp.sig']);
    const renamed = await decodeCookies([{ name: 'other', value: result[0]!.value }, { name: 'other.sig', value: result[1]!.value }], { secrets: ['k'] });
    expect(renamed[0]!.signature.status).toBe('invalid');
  });

  it('Rails: a fresh IV each time, and the purpose binds the value to its name', async () => {
    const first = cookiesOf(await writeCookie('rails-encrypted', { user_id: 1 }, SECRET, { name: '_app_session' }))[0]!;
    const second = cookiesOf(await writeCookie('rails-encrypted', { user_id: 1 }, SECRET, { name: '_app_session' }))[0]!;
    expect(first.value).not.toBe(second.value);
    const [moved] = await decodeCookies([{ name: '_other_session', value: first.value }], { secrets: [SECRET], knownSecrets: false });
    expect(moved!.signature.status).toBe('invalid');
    expect(moved!.warningCodes).toContain('other-cookie');
  });

  it('Flask: signed now when no time is given', async () => {
    const before = Math.floor(Date.now() / 1000);
    const [report] = await decodeCookies(cookiesOf(await writeCookie('flask', { a: 1 }, SECRET)), { secrets: [SECRET], knownSecrets: false });
    expect(report).toMatchObject({ name: 'session', format: 'flask', signature: { status: 'valid' } });
    expect(report!.issuedAt).toBeGreaterThanOrEqual(before);
    expect(report!.issuedAt).toBeLessThanOrEqual(before + 5);
  });

  it('JWT alg none: the unsigned token `header.claims.` the decoder warns about', async () => {
    const [cookie] = cookiesOf(await writeCookie('jwt', { sub: 'admin' }, '', { name: 'token', alg: 'none' }));
    const [header, claims, signature] = cookie!.value.split('.');
    expect([JSON.parse(Buffer.from(header!, 'base64url').toString()), JSON.parse(Buffer.from(claims!, 'base64url').toString()), signature]).toEqual([{ alg: 'none', typ: 'JWT' }, { sub: 'admin' }, '']);
    const [report] = await decodeCookies([cookie!], { secrets: [SECRET], knownSecrets: false });
    expect(report).toMatchObject({ format: 'jwt', payload: { sub: 'admin' }, signature: { status: 'unsigned' } });
    expect(report!.warningCodes).toEqual(['unsigned-jwt']);
  });

  it('JWT: a public key used as the HMAC secret makes the algorithm-confusion forgery the decoder names', async () => {
    const { keys } = JSON.parse(readFileSync(join(FIXTURE_DIR, 'jwt-confusion.json'), 'utf8')) as { keys: { rsa: { spki: string } } };
    const [report] = await decodeCookies(cookiesOf(await writeCookie('jwt', { sub: 'admin' }, keys.rsa.spki, { name: 'token' })), { secrets: [keys.rsa.spki] });
    expect(report!.signature).toMatchObject({ status: 'invalid', attack: 'jwt-algorithm-confusion', secretIndex: 0 });
  });

  describe('Laravel', () => {
    const APP_KEY = `base64:${Buffer.alloc(32, 7).toString('base64')}`;
    const encrypterPayload = (value: string) => JSON.parse(Buffer.from(decodeURIComponent(value), 'base64').toString()) as Record<string, string>;

    it("AES-256-CBC + HMAC by default: Illuminate's JSON keys in order, a 16-byte IV, no tag; a fresh IV each time", async () => {
      const [first] = cookiesOf(await writeCookie('laravel-encrypted', 'abc', APP_KEY, { name: 'theme' }));
      const [second] = cookiesOf(await writeCookie('laravel-encrypted', 'abc', APP_KEY, { name: 'theme' }));
      const payload = encrypterPayload(first!.value);
      expect(Object.keys(payload)).toEqual(['iv', 'value', 'mac', 'tag']);
      expect([Buffer.from(payload.iv!, 'base64').length, payload.mac, payload.tag]).toEqual([16, expect.stringMatching(/^[0-9a-f]{64}$/), '']);
      expect(first!.value).toMatch(/^eyJ[\w%]+$/);
      expect(first!.value).not.toBe(second!.value);
    });

    it('AES-256-GCM when the cipher says so (case as config/app.php writes it): a 12-byte IV, the tag, no mac', async () => {
      const [cookie] = cookiesOf(await writeCookie('laravel-encrypted', 'abc', APP_KEY, { name: 'theme', cipher: 'AES-256-GCM' }));
      const payload = encrypterPayload(cookie!.value);
      expect([Buffer.from(payload.iv!, 'base64').length, payload.mac, Buffer.from(payload.tag!, 'base64').length]).toEqual([12, '', 16]);
      const [report] = await decodeCookies([cookie!], { secrets: [APP_KEY], knownSecrets: false });
      expect(report).toMatchObject({ payload: 'abc', signature: { status: 'valid', config: { cipher: 'aes-256-gcm' } } });
    });

    it("the name prefix binds the value to its cookie: moved, EncryptCookies discards it", async () => {
      const [cookie] = cookiesOf(await writeCookie('laravel-encrypted', 'abc', APP_KEY, { name: 'theme' }));
      const [report] = await decodeCookies([cookie!], { secrets: [APP_KEY], knownSecrets: false });
      expect(report).toMatchObject({ payload: 'abc', signature: { status: 'valid' }, warningCodes: [] });
      const [moved] = await decodeCookies([{ name: 'other', value: cookie!.value }], { secrets: [APP_KEY], knownSecrets: false });
      expect(moved!.signature.status).toBe('invalid');
      expect(moved!.warningCodes).toContain('other-cookie');
    });

    it('a value that is not a string is PHP-serialized without the prefix, as Laravel before 6.18.29 wrote it', async () => {
      const [cookie] = cookiesOf(await writeCookie('laravel-encrypted', { theme: 'dark', recent: [3, 1] }, APP_KEY, { name: 'preferences' }));
      const [report] = await decodeCookies([cookie!], { secrets: [APP_KEY], knownSecrets: false });
      expect(report).toMatchObject({ payload: { theme: 'dark', recent: [3, 1] }, signature: { status: 'valid' }, warningCodes: ['legacy-format'] });
    });
  });
});
