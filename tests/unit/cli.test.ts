import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/session-lens';
import { loadFixtures, SUPPORTED_FIXTURES, type FixtureCase } from '../fixtures';

const BIN = join(import.meta.dirname, '../../bin/session-lens.mjs');

interface RunResult {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[], stdin = ''): Promise<RunResult> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (text) => (out += text),
    err: (text) => (err += text),
    readStdin: async () => stdin,
    colour: false,
    now: () => 1_800_000_000,
  });
  return { code, out, err };
}

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

  it('neutralises terminal escape sequences from cookie data', async () => {
    const result = await run(['decode', 'evil\u001b[2J=1']);
    expect(result.out).not.toContain('\u001b');
    expect(result.out).toContain('\\u001b');
  });

  it.each([
    [['decode'], /at least one COOKIE/],
    [['decode', '--max-age', 'soon', cookie], /--max-age needs a whole number/],
    [['decode', '--now', '-5', cookie], /--now/],
    [['decode', '--frobnicate', cookie], /frobnicate/],
    [['decode', 'no-equals-sign'], /name=value/],
    [['decode', '--secret-file', '/nonexistent/secrets', cookie], /cannot read --secret-file/],
    [['unpack', cookie], /unknown command/],
  ])('exits 2 with a one-line message on %j', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(result.out).toBe('');
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
