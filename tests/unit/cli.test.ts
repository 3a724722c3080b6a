import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderLines, reportLines } from '../../cli/human';
import { decodeCookies } from '../../lib/decode/decode';
import type { SessionReport } from '../../lib/types';
import { BIN, runCli as run } from '../cli-run';
import { loadFixtures, SUPPORTED_FIXTURES, type FixtureCase } from '../fixtures';

function argvFor(testCase: FixtureCase, now: number): string[] {
  const { salt, maxAge } = testCase.options ?? {};
  return [
    'decode',
    '--json',
    '--now',
    String(now),
    // `--secret=` form: a PEM public key starts with "-----", which parseArgs refuses as a separate argument.
    ...testCase.secrets.map((secret) => `--secret=${secret}`),
    ...(salt !== undefined ? ['--salt', salt] : []),
    ...(maxAge !== undefined ? ['--max-age', String(maxAge)] : []),
    '--',
    ...[testCase.cookie, ...(testCase.companions ?? [])].map((cookie) => `${cookie.name}=${cookie.value}`),
  ];
}

describe('session-lens decode --json on every real-framework fixture', () => {
  for (const file of SUPPORTED_FIXTURES) {
    const fixtures = loadFixtures(file);
    for (const testCase of fixtures.cases) {
      it(`${file}: ${testCase.id}`, async () => {
        const result = await run(argvFor(testCase, fixtures.now));
        expect(result.code).toBe(0);
        const [decoded] = JSON.parse(result.out) as Record<string, any>[];
        const expected = testCase.expect;
        expect(decoded!.name).toBe(testCase.cookie.name);
        expect(decoded!.format).toBe(expected.format);
        if (expected.payload !== null) expect(decoded!.payload).toEqual(expected.payload);
        expect([decoded!.issuedAt, decoded!.expiresAt, decoded!.expired]).toEqual([expected.issuedAt, expected.expiresAt, expected.expired]);
        // The CLI also tries the publicly known secrets: none of the fixtures' secrets is one.
        expect(decoded!.signature.knownSecret).toBeUndefined();
        expect(decoded!.signature.status).toBe(expected.signature.status);
        expect(decoded!.signature.secretIndex).toBe(expected.signature.secretIndex);
        expect(decoded!.signature.attack).toBe(expected.signature.attack);
        expect(Array.isArray(decoded!.warnings)).toBe(true);
      });
    }
  }
});

describe('session-lens decode: inputs and outputs', () => {
  const flask = loadFixtures('flask.json');
  const plain = flask.cases.find((testCase) => testCase.id === 'flask-plain')!;
  const cookie = `${plain.cookie.name}=${plain.cookie.value}`;

  it('reads a whole Cookie: header and reports every cookie in order', async () => {
    const result = await run(['decode', '--json', `Cookie: theme=dark; ${cookie}; _ga=GA1.1.1.1`]);
    const names = (JSON.parse(result.out) as { name: string; format: string }[]).map((entry) => [entry.name, entry.format]);
    expect(names).toEqual([['theme', 'unknown'], ['session', 'flask'], ['_ga', 'unknown']]);
  });

  it('reads header lines from stdin with -', async () => {
    const result = await run(['decode', '--json', '--secret', plain.secrets[0]!, '-'], `Cookie: ${cookie}\nSet-Cookie: remember=1; Max-Age=60; HttpOnly\n`);
    const reports = JSON.parse(result.out) as { name: string; signature: { status: string }; cookieExpiresAt: number | null }[];
    expect(reports.map((report) => report.name)).toEqual(['session', 'remember']);
    expect(reports[0]!.signature.status).toBe('valid');
    expect(reports[1]!.cookieExpiresAt).toBe(1_800_000_060);
  });

  it('reads secrets from --secret-file, one per line, and reports the index across flags and files', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'session-lens-')), 'secrets.txt');
    writeFileSync(file, `not it\n\n${plain.secrets[0]}\n`);
    const result = await run(['decode', '--json', '--secret', 'first', '--secret-file', file, cookie]);
    expect(JSON.parse(result.out)[0].signature).toMatchObject({ status: 'valid', secretIndex: 2 });
  });

  it('takes option values that start with a dash, such as PEM keys', async () => {
    const result = await run(['decode', '--json', '--secret', '-----BEGIN PUBLIC KEY-----', '--salt', '-x', cookie]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)[0].signature.status).toBe('invalid');
  });

  it('prints a readable summary by default', async () => {
    const result = await run(['decode', '--now', String(flask.now), '--secret', plain.secrets[0]!, cookie]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Flask session');
    expect(result.out).toContain('valid signature');
    expect(result.out).toContain('username: "alice"');
    expect(result.out).not.toContain('\u001b[');
  });

  it('names the class of objects in the summary: a PHP object, and the call a pickled session would make', async () => {
    const laravel = loadFixtures('laravel.json').cases.find((testCase) => testCase.id === 'laravel-encrypted-cookie-session-store')!;
    const php = await run(['decode', '--secret', laravel.secrets[0]!, `${laravel.cookie.name}=${laravel.cookie.value}`]);
    expect(php.out).toMatch(/^ +\[0\] CartLine:\n +sku: "B-7"\n +quantity \(protected\): 3\n/m);
    const django = loadFixtures('django.json').cases.find((testCase) => testCase.id === 'django-session-pickle-os-system')!;
    const pickle = await run(['decode', '--secret', django.secrets[0]!, `sessionid=${django.cookie.value}`]);
    expect(pickle.out).toMatch(/^ +prefs calls posix\.system:\n +args tuple:\n +\[0\]: "id > /m);
  });

  it('lists the members of a pickled set and frozenset in the summary, without an index', async () => {
    const django = loadFixtures('django.json').cases.find((testCase) => testCase.id === 'django-session-pickle')!;
    const result = await run(['decode', '--now', String(loadFixtures('django.json').now), '--secret', django.secrets[0]!, `sessionid=${django.cookie.value}`]);
    expect(result.out).toMatch(/^ +recent_ids set:\n +- 1\n +- 2\n +- 3\n +frozen frozenset:\n +- 7\n/m);
  });

  it('neutralises terminal escape sequences from cookie data', async () => {
    const result = await run(['decode', 'evil\u001b[2J=1']);
    expect(result.out).not.toContain('\u001b');
    expect(result.out).toContain('\\u001B');
  });

  it.each([
    [['decode'], /at least one COOKIE/],
    [['decode', '--max-age', 'soon', cookie], /--max-age needs a whole number/],
    [['decode', '--now', '-5', cookie], /--now/],
    [['decode', '--frobnicate', cookie], /frobnicate/],
    [['decode', 'no-equals-sign'], /name=value/],
    [['decode', '--secret-file', '/nonexistent/secrets', cookie], /cannot read --secret-file/],
    [['decode', '--secret-file', '-', '-'], /stdin \(-\) can be read once/],
    [['decode', '--secret-file', '-', '--secret-file', '-', cookie], /stdin \(-\) can be read once/],
    [['decode', '--secret-env', 'SESSION_LENS_UNSET', cookie], /--secret-env SESSION_LENS_UNSET: the variable is not set/],
    [['unpack', cookie], /unknown command/],
  ])('exits 2 with a one-line message on %j', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(result.out).toBe('');
  });
});

describe('session-lens decode: secrets without the command line', () => {
  const rs256 = loadFixtures('jwt-pyjwt.json');
  const right = rs256.cases.find((testCase) => testCase.id === 'jwt-pyjwt-rs256')!;
  const wrong = rs256.cases.find((testCase) => testCase.id === 'jwt-pyjwt-rs256-wrong-key')!;
  const token = `${right.cookie.name}=${right.cookie.value}`;
  const rightPem = right.secrets[0]!;
  const wrongPem = wrong.secrets[0]!;

  async function secretFile(text: string): Promise<string> {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'session-lens-')), 'keys');
    writeFileSync(file, text);
    return file;
  }

  async function signature(argv: string[], stdin = '', env: Record<string, string> = {}) {
    const result = await run(['decode', '--json', ...argv, token], stdin, env);
    expect(result.err).toBe('');
    return JSON.parse(result.out)[0].signature as { status: string; secretIndex?: number };
  }

  it('takes a PEM file as its keys, one per block, not one per line', async () => {
    const file = await secretFile(`subject=CN = wrong\n${wrongPem}\n\nsubject=CN = right\n${rightPem}\n`);
    expect(await signature(['--secret-file', file])).toMatchObject({ status: 'valid', secretIndex: 1 });
  });

  it('takes a JWK Set file as its keys, one per entry', async () => {
    const { createPublicKey } = await import('node:crypto');
    const keys = [wrongPem, rightPem].map((key) => createPublicKey(key).export({ format: 'jwk' }));
    const file = await secretFile(JSON.stringify({ keys }, null, 2));
    expect(await signature(['--secret-file', file])).toMatchObject({ status: 'valid', secretIndex: 1 });
  });

  it('reads a key file from stdin with --secret-file -', async () => {
    expect(await signature(['--secret', 'first', '--secret-file', '-'], `${rightPem}\n`)).toMatchObject({ status: 'valid', secretIndex: 1 });
  });

  it('takes a variable named by --secret-env whole, a PEM included, after the --secret values', async () => {
    const env = { WRONG_KEY: wrongPem, RIGHT_KEY: rightPem };
    expect(await signature(['--secret-env', 'WRONG_KEY', '--secret', 'first', '--secret-env', 'RIGHT_KEY'], '', env)).toMatchObject({
      status: 'valid',
      secretIndex: 2,
    });
  });

  it('refuses an empty --secret-env variable, naming it', async () => {
    const result = await run(['decode', '--secret-env', 'APP_KEY', token], '', { APP_KEY: '' });
    expect([result.code, result.err]).toEqual([2, 'session-lens: --secret-env APP_KEY: the variable is empty\n']);
  });

  it('refuses a key file that is half a key, saying why', async () => {
    const file = await secretFile(rightPem.slice(0, 100));
    const result = await run(['decode', '--secret-file', file, token]);
    expect([result.code, result.err]).toEqual([2, `session-lens: --secret-file ${file}: "-----BEGIN PUBLIC KEY-----" has no matching "-----END PUBLIC KEY-----"\n`]);
  });
});

/** An unsigned JWT (alg none) with this header and these claims: the decoder shows it whatever it holds. */
function unsignedJwt(header: object, claims: object): string {
  const part = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
  return `${part(header)}.${part(claims)}.`;
}

describe('session-lens decode: hostile text', () => {
  /** One of each: C0 (ESC), DEL, C1 (CSI), bidi override, isolate and marks, the Arabic letter mark, a lone surrogate. */
  const HOSTILE = '\u001b[2J\u007f\u009b31m\u202e\u2066\u200f\u061c\ud800';
  const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/;
  const token = unsignedJwt({ alg: 'none', kid: `kid${HOSTILE}` }, { [`key${HOSTILE}`]: `value${HOSTILE}`, sub: `sub\n${HOSTILE}` });
  const name = `name${HOSTILE}`;

  it('escapes every hidden character in every printed field: name, header facts, payload keys and values', async () => {
    const result = await run(['decode', `${name}=${token}`]);
    expect(result.out).not.toMatch(HIDDEN);
    expect(result.out).toContain('name\\u001B[2J\\u007F\\u009B31m\\u202E\\u2066\\u200F\\u061C\\uD800');
    expect(result.out).toContain('kid: kid\\u001B[2J\\u007F\\u009B31m\\u202E\\u2066\\u200F\\u061C\\uD800');
    expect(result.out).toContain('key\\u001B[2J\\u007F\\u009B31m\\u202E\\u2066\\u200F\\u061C\\uD800: "value\\u001b[2J\\u007F\\u009B31m\\u202E\\u2066\\u200F\\u061C\\ud800"');
  });

  it('escapes them in --json too, which still parses to the exact text', async () => {
    const result = await run(['decode', '--json', `${name}=${token}`]);
    expect(result.out).not.toMatch(HIDDEN);
    const [report] = JSON.parse(result.out);
    expect(report.name).toBe(name);
    expect(report.payload[`key${HOSTILE}`]).toBe(`value${HOSTILE}`);
    expect(report.facts.kid).toBe(`kid${HOSTILE}`);
  });

  it('escapes them in error messages', async () => {
    const result = await run(['decode', `no-equals${HOSTILE}`]);
    expect(result.code).toBe(2);
    expect(result.err).not.toMatch(HIDDEN);
    expect(result.err).toContain('\\u009B31m\\u202E');
  });
});

describe('session-lens decode: times no date can hold', () => {
  const huge = unsignedJwt({ alg: 'none' }, { sub: 'far', iat: -1e20, exp: 1e20 });

  it('says they are out of range and still prints every other cookie', async () => {
    const result = await run(['decode', '--now', '1800000000', `before=1; far=${huge}; after=2`]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('issued   out of range (-100000000000000000000)');
    expect(result.out).toContain('expires  out of range (100000000000000000000)');
    expect(result.out).toMatch(/^before {2}/m);
    expect(result.out).toMatch(/^after {2}/m);
  });

  it('shows a report it cannot summarise as one line saying so, and the rest as usual', async () => {
    const flaskSession = loadFixtures('flask.json').cases[0]!.cookie.value;
    const [broken, fine] = await decodeCookies([{ name: 'broken', value: flaskSession }, { name: 'fine', value: flaskSession }], {});
    const unreadable = { ...broken!, typed: { type: 'dict', entries: null } } as unknown as SessionReport;
    const text = [unreadable, fine!].map((report) => renderLines(reportLines(report, 0), false)).join('\n\n');
    expect(text).toMatch(/^broken {2}cannot be shown: .+$/m);
    expect(text).toMatch(/^fine {2}Flask session/m);
  });

  it('keeps the numbers in --json and judges expiry numerically', async () => {
    const result = await run(['decode', '--json', '--now', '1800000000', `far=${huge}`]);
    expect(JSON.parse(result.out)[0]).toMatchObject({ issuedAt: -1e20, expiresAt: 1e20, expired: false });
  });
});

/** The CLI's lines for an unverified cookie with no times whose typed value is `typed`. */
function typedReportText(name: string, format: SessionReport['format'], label: string, typed: NonNullable<SessionReport['typed']>): string {
  const report: SessionReport = { name, format, label, isSession: true, payload: null, typed, issuedAt: null, expiresAt: null, expired: null, cookieExpiresAt: null, signature: { status: 'unverified' }, warnings: [], warningCodes: [], facts: {} };
  return renderLines(reportLines(report, 0), false);
}

describe('session-lens decode: Ruby objects', () => {
  it('names the class of the payload and of nested objects', () => {
    const text = typedReportText('account', 'rails-signed', 'Rails signed cookie', {
      type: 'object',
      className: 'Account',
      entries: [
        ['@name', { type: 'string', value: 'Zoë' }],
        ['@cart', { type: 'object', className: 'Cart', entries: [['@items', { type: 'list', items: [] }]] }],
      ],
    });
    expect(text).toMatch(/^ {2}payload Account$/m);
    expect(text).toMatch(/^ {4}@name: "Zoë"$/m);
    expect(text).toMatch(/^ {4}@cart Cart:$/m);
    expect(text).toMatch(/^ {6}@items:\n {8}\[\]$/m);
  });
});

describe('session-lens decode: Python sets', () => {
  it('writes an empty set and frozenset as Python does, and a set of tuples as its members', () => {
    const text = typedReportText('sessionid', 'django-session', 'Django session', {
      type: 'dict',
      entries: [
        ['e', { type: 'set', items: [], frozen: false }],
        ['f', { type: 'set', items: [], frozen: true }],
        ['pairs', { type: 'set', items: [{ type: 'tuple', items: [{ type: 'number', value: 1 }] }], frozen: false }],
      ],
    });
    expect(text).toMatch(/^ {4}e set:\n {6}set\(\)$/m);
    expect(text).toMatch(/^ {4}f frozenset:\n {6}frozenset\(\)$/m);
    expect(text).toMatch(/^ {4}pairs set:\n {6}- tuple:\n {8}\[0\]: 1$/m);
  });
});

describe('session-lens decode: a JWT forged with the public key', () => {
  const confusion = loadFixtures('jwt-confusion.json') as ReturnType<typeof loadFixtures> & { keys: { rsa: { spki: string } } };
  const token = (id: string) => `token=${confusion.cases.find((testCase) => testCase.id === id)!.cookie.value}`;
  // What `--secret "$(cat pub.pem)"` passes: the PEM without its final newline, which the forger's HMAC key had.
  const pem = confusion.keys.rsa.spki.trimEnd();

  it('--json: status invalid, the attack named, the public key pointed at, a warning', async () => {
    const result = await run(['decode', '--json', '--now', String(confusion.now), '--secret', pem, token('jwt-confusion-spki')]);
    const [decoded] = JSON.parse(result.out) as Record<string, any>[];
    expect(decoded!.signature).toMatchObject({ status: 'invalid', secretIndex: 0, attack: 'jwt-algorithm-confusion' });
    expect(decoded!.signature.knownSecret).toBeUndefined();
    expect(decoded!.warnings).toEqual([expect.stringMatching(/^JWT algorithm confusion: this token was forged with the public key/)]);
  });

  it('says FORGED in the readable summary', async () => {
    const result = await run(['decode', '--now', String(confusion.now), '--secret', pem, token('jwt-confusion-spki')]);
    expect(result.out.split('\n')[0]).toBe('token  JSON Web Token  FORGED: HMAC-signed with the public key (secret #1), JWT algorithm confusion');
    expect(result.out).toContain('! JWT algorithm confusion: this token was forged with the public key (secret #1) as its HMAC secret.');
  });

  it('the same public key still verifies the real RS256 token', async () => {
    const result = await run(['decode', '--json', '--now', String(confusion.now), '--secret', pem, token('jwt-confusion-rs256-spki')]);
    expect(JSON.parse(result.out)[0].signature).toMatchObject({ status: 'valid', secretIndex: 0, config: { alg: 'RS256', key: 'public key (PEM)' } });
  });
});

describe('the installed bin', () => {
  it('runs as plain JavaScript with node and prints JSON', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'decode', '--json', 'session=eyJhIjoxfQ.aSCl8w.ZwNqhxcG3S5LrzgvyRzHv9TUPzA']);
    expect(JSON.parse(stdout)[0]).toMatchObject({ name: 'session', format: 'flask', payload: { a: 1 }, signature: { status: 'unverified' } });
  });

  it('exits 2 on a usage error', async () => {
    await expect(promisify(execFile)(process.execPath, [BIN, 'decode'])).rejects.toMatchObject({ code: 2 });
  });
});

describe('session-lens decode --json: codes beside the words', () => {
  it('names what each warning is about, in the order of warnings', async () => {
    const dev = loadFixtures('demo.json').cases.find((testCase) => testCase.secrets.includes('dev'))!;
    const result = await run(['decode', '--json', `${dev.cookie.name}=${dev.cookie.value}`]);
    const [decoded] = JSON.parse(result.out) as Record<string, any>[];
    expect(decoded!.warningCodes).toEqual(['known-secret']);
    expect(decoded!.warnings).toEqual([expect.stringMatching(/^Signed with a publicly known key "dev"/)]);
  });

  it('gives the problem as data beside the error text', async () => {
    const result = await run(['decode', '--json', 'connect.sid=s:abc.too-short']);
    const [decoded] = JSON.parse(result.out) as Record<string, any>[];
    expect(decoded!.problem).toEqual({ code: 'malformed', message: 'the signature is not 43 characters of base64 (HMAC-SHA256 without =)' });
    expect(decoded!.error).toBe(`malformed: ${decoded!.problem.message}`);
    expect(decoded!.warningCodes).toEqual([]);
  });
});
