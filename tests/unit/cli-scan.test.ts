import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/session-lens';
import { encodeBase64Url } from '../../lib/codec/base64';
import { hmacDigest } from '../../lib/crypto/digest';
import { MAX_LINE_BYTES } from '../../lib/scan/wordlist';
import { loadFixtures } from '../fixtures';

const BIN = join(import.meta.dirname, '../../bin/session-lens.mjs');
const flask = loadFixtures('flask.json');
const plain = flask.cases.find((testCase) => testCase.id === 'flask-plain')!;
const COOKIE = `${plain.cookie.name}=${plain.cookie.value}`;
const SECRET = plain.secrets[0]!;

function wordlist(lines: string[] | Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'session-lens-scan-')), 'words.txt');
  writeFileSync(file, Array.isArray(lines) ? `${lines.join('\n')}\n` : lines);
  return file;
}

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (text) => (out += text), err: (text) => (err += text), readStdin: async () => '', env: {}, colour: false, now: () => flask.now });
  return { code, out, err };
}

const decoys = Array.from({ length: 3000 }, (_, i) => `decoy-${i}`);

describe('session-lens scan', () => {
  it.each([
    ['first', [SECRET, ...decoys], 1],
    ['middle', [...decoys.slice(0, 1500), SECRET, ...decoys.slice(1500)], 1501],
    ['last', [...decoys, SECRET], 3001],
  ])('finds the secret at the %s entry and counts the attempts', async (_where, lines, attempts) => {
    const result = await run(['scan', '--json', '--threads', '1', '--wordlist', wordlist(lines), COOKIE]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    expect(json).toMatchObject({ found: true, secret: SECRET, attempts, name: 'session', format: 'flask' });
    expect(json.seconds).toBeGreaterThanOrEqual(0);
    expect(json.rate).toBeGreaterThan(0);
  });

  it("reports not found after trying every entry with Flask's configuration, then with the other itsdangerous ones", async () => {
    const result = await run(['scan', '--json', '--threads', '1', '--wordlist', wordlist(decoys), COOKIE]);
    expect(JSON.parse(result.out)).toMatchObject({ found: false, secret: null, attempts: 6000 });
  });

  it('says how many entries it tried and how many over-long lines it skipped, never a bare "not found"', async () => {
    const long = 'x'.repeat(MAX_LINE_BYTES + 1);
    const file = wordlist(['one', long, 'two', '', `${long}${long}`, 'three']);
    const json = JSON.parse((await run(['scan', '--json', '--threads', '1', '--wordlist', file, COOKIE])).out);
    expect(json).toMatchObject({ found: false, attempts: 6, candidates: 3, skippedLines: 2 });
    const human = await run(['scan', '--threads', '1', '--wordlist', file, COOKIE]);
    expect(human.out).toContain(`: 3 entries tried; 2 lines over ${MAX_LINE_BYTES} bytes skipped.`);
  });

  it('finds a key written in a Latin-1 list (a line that is not UTF-8) as its raw bytes', async () => {
    const key = Uint8Array.from([0x70, 0xe4, 0x73, 0x73]); // "päss" in Latin-1
    // flask-plain's payload and timestamp, signed as Flask signs them: HMAC-SHA1 keyed with HMAC-SHA1(key, salt).
    const value = plain.cookie.value.slice(0, plain.cookie.value.lastIndexOf('.'));
    const derived = hmacDigest('sha1', key, new TextEncoder().encode('cookie-session'));
    const cookie = `session=${value}.${encodeBase64Url(hmacDigest('sha1', derived, new TextEncoder().encode(value)))}`;
    const list = Uint8Array.from([...new TextEncoder().encode('decoy\n'), ...key, 0x0a]);
    const json = JSON.parse((await run(['scan', '--json', '--threads', '1', '--wordlist', wordlist(list), cookie])).out);
    expect(json).toMatchObject({ found: true, secret: "b'p\\xe4ss'", attempts: 2 });
  });

  it('finds a Flask-shaped token signed with a plain itsdangerous configuration in the second pass', async () => {
    const token = flask.cases.find((testCase) => testCase.id === 'itsdangerous-compressed')!;
    const result = await run(['scan', '--json', '--threads', '1', '--wordlist', wordlist([...decoys, token.secrets[0]!]), `${token.cookie.name}=${token.cookie.value}`]);
    expect(JSON.parse(result.out)).toMatchObject({ found: true, attempts: 3001 + 3001, format: 'itsdangerous', config: { salt: 'itsdangerous', keyDerivation: 'django-concat' } });
  });

  it('decodes Flask-Unsign style quoted Python literals', async () => {
    const result = await run(['scan', '--json', '--threads', '1', '--wordlist', wordlist(["'nope'", `"${SECRET}"`]), COOKIE]);
    expect(JSON.parse(result.out)).toMatchObject({ found: true, secret: SECRET, attempts: 2 });
  });

  it('prints a readable verdict by default', async () => {
    const result = await run(['scan', '--threads', '1', '--wordlist', wordlist([...decoys, SECRET]), COOKIE]);
    expect(result.out).toContain(`Found the secret key of session (Flask session): "${SECRET}"`);
    expect(result.out).toMatch(/3001 attempts in [\d.]+ s \([\d,]+ attempts\/s, 1 thread\)/);
  });

  it.each([
    [['scan', COOKIE], /--wordlist/],
    [['scan', '--wordlist', '/nonexistent/words.txt', COOKIE], /cannot read --wordlist/],
    [['scan', '--wordlist', '/dev/null'], /COOKIE/],
    [['scan', '--threads', '0', '--wordlist', '/dev/null', COOKIE], /--threads/],
    [['scan', '--wordlist', '/dev/null', 'theme=dark'], /nothing to scan/],
  ])('exits 2 with a one-line message on %j', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });

  it('scans on worker threads through the installed bin', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'scan', '--json', '--threads', '2', '--wordlist', wordlist([...decoys, ...decoys.map((d) => `${d}-b`), SECRET]), COOKIE]);
    expect(JSON.parse(stdout)).toMatchObject({ found: true, secret: SECRET, attempts: 6001, threads: 2 });
  });
});
