import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../lib/formats/registry';
import type { FormatId } from '../../lib/types';
import { BIN, CLI_NOW, runCli as run } from '../cli-run';
import { loadFixtures, SUPPORTED_FIXTURES, type FixtureCase } from '../fixtures';

const NOW = CLI_NOW;
const KEY_DIR = mkdtempSync(join(tmpdir(), 'session-lens-sign-'));
afterAll(() => rmSync(KEY_DIR, { recursive: true, force: true }));

/** What `decode --json` says about one cookie: the fields a round trip compares. */
interface Decoded {
  name: string;
  format: string;
  payload: unknown;
  issuedAt: number | null;
  facts: Record<string, string>;
  signature: { status: string; secretIndex?: number; config?: Record<string, string> };
  warningCodes: string[];
}

async function decodeJson(cookies: string[], secrets: string[], options: FixtureCase['options'] = {}, now = NOW): Promise<Decoded[]> {
  const { salt, maxAge } = options;
  const result = await run([
    'decode',
    '--json',
    '--now',
    String(now),
    ...secrets.map((secret) => `--secret=${secret}`),
    ...(salt !== undefined ? ['--salt', salt] : []),
    ...(maxAge !== undefined ? ['--max-age', String(maxAge)] : []),
    '--',
    ...cookies,
  ]);
  expect(result).toMatchObject({ code: 0, err: '' });
  return JSON.parse(result.out) as Decoded[];
}

/** `sign` options that reproduce what the decode report says the framework chose. */
function signOptions(decoded: Decoded, testCase: FixtureCase): string[] {
  const config = decoded.signature.config ?? {};
  const salt = config.salt ?? testCase.options?.salt;
  return [
    '--name',
    decoded.name,
    ...(salt !== undefined ? ['--salt', salt] : []),
    ...(decoded.issuedAt !== null ? ['--issued-at', String(decoded.issuedAt)] : []),
    ...algOption(decoded),
  ];
}

function algOption(decoded: Decoded): string[] {
  const config = decoded.signature.config ?? {};
  switch (decoded.format) {
    case 'jwt':
      return ['--alg', decoded.facts.alg!];
    case 'express-cookie-session':
    case 'koa-session':
    case 'rack-session':
    case 'tornado':
      return ['--alg', config.digest!];
    case 'rails-signed':
      return ['--alg', /pbkdf2-hmac-(\w+)/.exec(config.keyDerivation!)![1]!];
    case 'rails-encrypted':
      return ['--alg', config.digest!];
    case 'laravel-encrypted':
      return ['--alg', config.cipher!];
    default:
      return [];
  }
}

/** Why `sign` writes another configuration than the framework chose (none of its flags sets it); null when it cannot. */
function whySignedOtherwise(decoded: Decoded): string | null {
  const config = decoded.signature.config ?? {};
  if (decoded.format === 'itsdangerous' && (config.keyDerivation !== 'django-concat' || config.digest !== 'sha1')) return "itsdangerous's key derivation and digest are its defaults";
  if (decoded.format === 'django-session' && config.digest !== 'sha256') return "Django's digest is its default";
  if (decoded.format === 'rails-encrypted' && config.cipher !== 'aes-256-gcm') return 'Rails is encrypted as 5.2+ does (GCM)';
  if (decoded.format === 'iron' && (config.iterations !== '1' || config.sealVersion !== undefined || (config.passwordId ?? '') !== '')) {
    return "iron is sealed with @hapi/iron's defaults: no password id, 1 iteration, no ~2 (no flag sets them)";
  }
  if (decoded.format === 'gorilla-securecookie' && decoded.facts.encryption) return 'Gorilla values are signed unencrypted, the whole secret the hash key';
  return null;
}

const WRITERS = new Set<string>(FORMATS.filter((format) => format.write).map((format) => format.id));

/** Fixtures whose key is known and verifies, in a format that writes with an HMAC secret (not a public-key JWT). */
const signable = SUPPORTED_FIXTURES.flatMap((file) => {
  const { cases, now } = loadFixtures(file);
  return cases
    .filter(({ expect: expected }) => expected.signature.status === 'valid' && WRITERS.has(expected.format))
    .filter(({ expect: expected }) => expected.format !== 'jwt' || /^HS/.test(String((expected.header as { alg?: unknown } | undefined)?.alg ?? 'HS')))
    .map((testCase) => ({ file, testCase, now }));
});

describe('decode --json, then sign --format F with its payload, then decode --json: the same payload, verified', () => {
  it('covers every format that writes', () => {
    expect(new Set(signable.map(({ testCase }) => testCase.expect.format))).toEqual(WRITERS);
  });

  for (const { file, testCase, now } of signable) {
    it(`${file}: ${testCase.id}`, async () => {
      const jar = [testCase.cookie, ...(testCase.companions ?? [])].map(({ name, value }) => `${name}=${value}`);
      const decoded = (await decodeJson(jar, testCase.secrets, testCase.options, now)).find((report) => report.name === testCase.cookie.name)!;
      expect(decoded.signature.status).toBe('valid');
      const secret = testCase.secrets[decoded.signature.secretIndex!]!;
      const signed = await run(['sign', '--format', decoded.format, '--secret-env', 'SIGNING_KEY', ...signOptions(decoded, testCase), '--', JSON.stringify(decoded.payload)], '', {
        SIGNING_KEY: secret,
      });
      expect(signed).toMatchObject({ code: 0, err: '' });
      const lines = signed.out.trimEnd().split('\n');
      // The same cookies the framework set: a companion `.sig`, or the chunks of a large session.
      expect(lines.map((line) => line.slice(0, line.indexOf('=')))).toEqual([testCase.cookie, ...(testCase.companions ?? [])].map(({ name }) => name));
      const [again] = await decodeJson(lines, [secret], testCase.options, now);
      expect(again!.format).toBe(decoded.format);
      expect(again!.payload).toEqual(decoded.payload);
      expect(again!.signature).toMatchObject({ status: 'valid', secretIndex: 0 });
      if (whySignedOtherwise(decoded) === null) expect(again!.signature.config).toEqual(decoded.signature.config);
    });
  }
});

describe('session-lens sign: usage errors are one line, exit code 2', () => {
  const SIGNABLE_LIST = /sign writes jwt, authjs, supabase, laravel-encrypted, tornado, koa-session, express-cookie-session, express-session-id, express-signed, django-session, django-signed, rails-encrypted, rack-session, rails-signed, starlette, remix, hono, gorilla-securecookie, flask-login-remember, flask-session-id, flask, itsdangerous, iron$/;

  async function usageError(argv: string[], stdin = '', env: Record<string, string> = {}): Promise<string> {
    const result = await run(argv, stdin, env);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/^session-lens: [^\n]+\n$/);
    return result.err.trimEnd();
  }

  it('an unknown format names the signable ones', async () => {
    expect(await usageError(['sign', '--format', 'pickle', '--secret', 'k', '{}'])).toMatch(/unknown format "pickle": /);
    expect(await usageError(['sign', '--format', 'pickle', '--secret', 'k', '{}'])).toMatch(SIGNABLE_LIST);
  });

  it('a format that is only read names the signable ones', async () => {
    const message = await usageError(['sign', '--format', 'opaque-id' satisfies FormatId, '--secret', 'k', '"abc"']);
    expect(message).toMatch(/opaque-id cookies are read, not signed: /);
    expect(message).toMatch(SIGNABLE_LIST);
  });

  it('no --format, no PAYLOAD, or two', async () => {
    expect(await usageError(['sign', '--secret', 'k', '{}'])).toMatch(/needs --format FORMAT/);
    expect(await usageError(['sign', '--format', 'flask', '--secret', 'k'])).toMatch(/needs one PAYLOAD/);
    expect(await usageError(['sign', '--format', 'flask', '--secret', 'k', '{}', '{}'])).toMatch(/needs one PAYLOAD/);
  });

  it('no secret, or more than one source', async () => {
    expect(await usageError(['sign', '--format', 'flask', '{}'])).toMatch(/exactly one of --secret, --secret-env, --secret-file \(got 0\)/);
    expect(await usageError(['sign', '--format', 'flask', '--secret', 'a', '--secret-env', 'K', '{}'], '', { K: 'b' })).toMatch(/\(got 2\)/);
    expect(await usageError(['sign', '--format', 'flask', '--secret', 'a', '--secret', 'b', '{}'])).toMatch(/\(got 2\)/);
    expect(await usageError(['sign', '--format', 'flask', '--secret-env', 'UNSET', '{}'])).toMatch(/--secret-env UNSET: the variable is not set/);
  });

  it('a secret file with several keys', async () => {
    const path = join(KEY_DIR, 'two-keys.txt');
    writeFileSync(path, 'first\nsecond\n');
    expect(await usageError(['sign', '--format', 'flask', '--secret-file', path, '{}'])).toMatch(/holds 2 keys: sign takes a file with one/);
    expect(await usageError(['sign', '--format', 'flask', '--secret-file', '-', '{}'], '')).toMatch(/holds 0 keys/);
    expect(await usageError(['sign', '--format', 'flask', '--secret-file', '-', '-'])).toMatch(/stdin \(-\) can be read once/);
  });

  it('a PAYLOAD that is not JSON says why', async () => {
    expect(await usageError(['sign', '--format', 'flask', '--secret', 'k', "{'a': 1}"])).toMatch(/PAYLOAD is not JSON: .*position 1/);
    expect(await usageError(['sign', '--format', 'flask', '--secret', 'k', '-'], '')).toMatch(/PAYLOAD is not JSON: /);
  });

  it('a payload the format cannot carry', async () => {
    expect(await usageError(['sign', '--format', 'django-session', '--secret', 'k', '[1, 2]'])).toBe('session-lens: cannot sign django-session: a Django session is a dict: the payload must be a JSON object');
    expect(await usageError(['sign', '--format', 'express-session-id', '--secret', 'k', '{"sid": 1}'])).toMatch(/cannot sign express-session-id: .*must be a string/);
  });

  it('a name the framework has no default for', async () => {
    expect(await usageError(['sign', '--format', 'rails-signed', '--secret', 'k', '{}'])).toMatch(/cannot sign rails-signed: the cookie name is needed/);
    expect(await usageError(['sign', '--format', 'laravel-encrypted', '--secret', 'base64:' + 'A'.repeat(43) + '=', '"dark"'])).toMatch(/cannot sign laravel-encrypted: the cookie name is needed/);
  });

  it('an --issued-at that is not whole Unix seconds', async () => {
    for (const time of ['1.5', 'soon', '-1', '1e9']) {
      expect(await usageError(['sign', '--format', 'flask', '--secret', 'k', '--issued-at', time, '{}'])).toMatch(/--issued-at needs a whole number/);
    }
  });

  it('an --alg the format does not have, or cannot use', async () => {
    expect(await usageError(['sign', '--format', 'flask', '--secret', 'k', '--alg', 'sha256', '{}'])).toMatch(/--alg is for jwt, express-cookie-session, koa-session, rack-session, tornado, rails-signed, rails-encrypted and laravel-encrypted, not flask/);
    expect(await usageError(['sign', '--format', 'tornado', '--name', 'user', '--secret', 'k', '--alg', 'sha512', '"x"'])).toMatch(/Tornado signs with sha256 \(v2\) or sha1 \(v1\), not sha512/);
    expect(await usageError(['sign', '--format', 'jwt', '--name', 't', '--secret', 'k', '--alg', 'RS256', '{}'])).toMatch(/cannot sign jwt: only HS256, HS384, HS512, none tokens/);
    expect(await usageError(['sign', '--format', 'express-cookie-session', '--secret', 'k', '--alg', 'md5', '{}'])).toMatch(/unknown digest md5/);
    expect(await usageError(['sign', '--format', 'laravel-encrypted', '--name', 'theme', '--secret', 'base64:' + 'A'.repeat(43) + '=', '--alg', 'aes-128-cbc', '"dark"'])).toMatch(
      /cannot sign laravel-encrypted: aes-128-cbc needs a 16-byte APP_KEY, this one has 32 bytes/,
    );
    expect(await usageError(['sign', '--format', 'jwt', '--name', 't', '--secret', 'k', '--alg', 'none', '{}'])).toMatch(/--alg none writes an unsigned token: give no secret/);
  });
});

describe('session-lens sign: what it writes', () => {
  it('--alg none writes the unsigned JWT decode warns about', async () => {
    const signed = await run(['sign', '--format', 'jwt', '--name', 'token', '--alg', 'none', '{"sub": "admin"}']);
    expect(signed.code).toBe(0);
    expect(signed.out).toMatch(/^token=[\w-]+\.[\w-]+\.\n$/);
    const [decoded] = await decodeJson([signed.out.trimEnd()], []);
    expect(decoded).toMatchObject({ format: 'jwt', payload: { sub: 'admin' }, signature: { status: 'unsigned' }, warningCodes: ['unsigned-jwt'] });
  });

  it('--json: the format and the cookies to set, in order', async () => {
    const signed = await run(['sign', '--format', 'express-cookie-session', '--secret', 'k', '--alg', 'sha256', '--json', '{"userId": 7}']);
    expect(signed.code).toBe(0);
    const json = JSON.parse(signed.out) as { format: string; cookies: { name: string; value: string }[] };
    expect(Object.keys(json)).toEqual(['format', 'cookies']);
    expect(json.format).toBe('express-cookie-session');
    expect(json.cookies.map((cookie) => Object.keys(cookie))).toEqual([
      ['name', 'value'],
      ['name', 'value'],
    ]);
    expect(json.cookies.map((cookie) => cookie.name)).toEqual(['session', 'session.sig']);
    const [decoded] = await decodeJson(
      json.cookies.map(({ name, value }) => `${name}=${value}`),
      ['k'],
    );
    expect(decoded).toMatchObject({ payload: { userId: 7 }, signature: { status: 'valid', config: { digest: 'sha256' } } });
  });

  it('reads PAYLOAD from stdin, leaves Flask tags as decode prints them, and signs at --issued-at', async () => {
    const payload = { ' t': [1, 2], user_id: '42' };
    const signed = await run(['sign', '--format', 'flask', '--secret', 'k', '--issued-at', '1795302959', '-'], JSON.stringify(payload));
    expect(signed.out).toMatch(/^session=/);
    const [decoded] = await decodeJson([signed.out.trimEnd()], ['k']);
    expect(decoded).toMatchObject({ format: 'flask', payload, issuedAt: 1795302959, signature: { status: 'valid' } });
  });

  it('takes a key file whole: a one-line file, or a JWK', async () => {
    const path = join(KEY_DIR, 'key.jwk');
    const jwk = { kty: 'oct', k: Buffer.from('jwk secret').toString('base64url') };
    writeFileSync(path, JSON.stringify(jwk));
    const signed = await run(['sign', '--format', 'jwt', '--name', 'token', '--secret-file', path, '{"sub": "1"}']);
    expect(signed.code).toBe(0);
    const [decoded] = await decodeJson([signed.out.trimEnd()], ['jwk secret']);
    expect(decoded!.signature.status).toBe('valid');
    const fromStdin = await run(['sign', '--format', 'django-signed', '--name', 'theme', '--secret-file', '-', '"dark"'], 'line key\n');
    const [theme] = await decodeJson([fromStdin.out.trimEnd()], ['line key']);
    expect(theme).toMatchObject({ format: 'django-signed', payload: 'dark', signature: { status: 'valid' } });
  });

  it('runs from the built bin (npm run build:cli)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'sign', '--format', 'flask', '--secret-env', 'SIGN_KEY', '--issued-at', '1795302959', '{"a":1}'], {
      env: { ...process.env, SIGN_KEY: 'k' },
    });
    // The value Flask 3 writes for this payload, key and time (printed by its SecureCookieSessionInterface).
    expect(stdout).toBe('session=eyJhIjoxfQ.awImLw.qI7PivPpYIFuTmjhz5jvHCeUdus\n');
    await expect(promisify(execFile)(process.execPath, [BIN, 'sign', '--format', 'opaque-id', '--secret', 'k', '"x"'])).rejects.toMatchObject({ code: 2 });
  });
});

describe('session-lens sign: default cookie names', () => {
  it('names a JWT cookie token unless told otherwise', async () => {
    const signed = await run(['sign', '--format', 'jwt', '--secret', 'k', '{"sub": "1"}']);
    expect(signed.out).toMatch(/^token=eyJ[\w-]+\.[\w-]+\.[\w-]+\n$/);
  });
});
