import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../lib/codec/text';
import { MAX_LINE_BYTES, parsePythonStringLiteral, parseWordlist, parseWordlistLine, readWordlist, WordlistSplitter } from '../../lib/scan/wordlist';
import { FIXTURE_DIR } from '../fixtures';
import type { Secret } from '../../lib/types';

interface LiteralCase {
  line: string;
  kind: 'str' | 'bytes' | 'plain';
  text?: string;
  hex?: string;
}

const fixture = JSON.parse(readFileSync(join(FIXTURE_DIR, 'wordlist-literals.json'), 'utf8')) as { python: string; cases: LiteralCase[] };

function describeSecret(secret: Secret | null): { kind: string; value: string } | null {
  if (secret === null) return null;
  return typeof secret === 'string' ? { kind: 'text', value: secret } : { kind: 'bytes', value: toHex(secret) };
}

describe('wordlist lines against Python ast.literal_eval (fixture made by scripts/fixtures/wordlist_fixtures.py)', () => {
  it.each(fixture.cases.map((c) => [c.line, c] as const))('%j', (_line, c) => {
    const expected = c.kind === 'bytes' ? { kind: 'bytes', value: c.hex! } : { kind: 'text', value: c.text! };
    expect(describeSecret(parseWordlistLine(c.line))).toEqual(expected);
  });

  it('tells literals from plain text', () => {
    expect(parsePythonStringLiteral("'x'")).toBe('x');
    expect(parsePythonStringLiteral('x')).toBeNull();
    expect(parsePythonStringLiteral('123')).toBeNull();
  });

  it('leaves \\N{NAME} escapes (which need the Unicode name table) as plain text', () => {
    expect(parseWordlistLine("'\\N{BULLET}'")).toBe("'\\N{BULLET}'");
    // In bytes \N is no escape at all.
    expect(describeSecret(parseWordlistLine("b'\\N{X}'"))).toEqual({ kind: 'bytes', value: toHex(new TextEncoder().encode('\\N{X}')) });
  });
});

describe('parseWordlist', () => {
  it('skips blank lines, handles CRLF and a BOM, keeps order', () => {
    const text = "\ufeffalpha\r\n'beta'\r\n\r\n   \r\nb'\\x00\\xff'\r\n\"gamma\\n\"\r\n12345\r\nlast";
    const secrets = parseWordlist(text);
    expect(secrets.map(describeSecret)).toEqual([
      { kind: 'text', value: 'alpha' },
      { kind: 'text', value: 'beta' },
      { kind: 'bytes', value: '00ff' },
      { kind: 'text', value: 'gamma\n' },
      { kind: 'text', value: '12345' },
      { kind: 'text', value: 'last' },
    ]);
  });

  it('gives an empty list for empty text', () => {
    expect(parseWordlist('')).toEqual([]);
    expect(parseWordlist('\n\r\n\n')).toEqual([]);
  });

  it('keeps repeats: every line is an entry, in order', () => {
    expect(parseWordlist("one\n'one'\nb'one'\n").map(describeSecret)).toEqual([
      { kind: 'text', value: 'one' },
      { kind: 'text', value: 'one' },
      { kind: 'bytes', value: '6f6e65' },
    ]);
  });

  it('takes a line that is not UTF-8 as its raw bytes', () => {
    const latin1 = Uint8Array.from([...new TextEncoder().encode('plain\n  p'), 0xe4, ...new TextEncoder().encode('ssword \r\nlast')]);
    expect(parseWordlist(latin1).map(describeSecret)).toEqual([
      { kind: 'text', value: 'plain' },
      { kind: 'bytes', value: toHex(Uint8Array.from([0x70, 0xe4, ...new TextEncoder().encode('ssword')])) },
      { kind: 'text', value: 'last' },
    ]);
  });
});

describe('adjacent literals', () => {
  it('joins 400 KB of b-literals on one line in linear time, to the right bytes', () => {
    const count = 60_000;
    const line = Array.from({ length: count }, (_, i) => `b'${String.fromCharCode(0x61 + (i % 26))}\\x0${i % 8}'`).join(' ');
    expect(line.length).toBeGreaterThan(400_000);
    const secret = parsePythonStringLiteral(line) as Uint8Array;
    expect(secret).toBeInstanceOf(Uint8Array);
    expect(secret.length).toBe(count * 2);
    for (const i of [0, 1, 7, 8, 25, 26, count - 1]) expect([secret[2 * i], secret[2 * i + 1]]).toEqual([0x61 + (i % 26), i % 8]);
  });

  it('joins text literals, and refuses text mixed with bytes as Python does', () => {
    expect(parsePythonStringLiteral("'a' \"b\" ('c')")).toBeNull();
    expect(parsePythonStringLiteral("('a' \"b\" 'c')")).toBe('abc');
    expect(parsePythonStringLiteral("'a' b'b'")).toBeNull();
    expect(parsePythonStringLiteral("b'a' 'b'")).toBeNull();
  });
});

/** Feeds the bytes in chunks of the given sizes (cycled), as a file stream would. */
async function* chunked(bytes: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length]!;
    yield bytes.slice(at, at + size);
    at += size;
  }
}

async function readAll(bytes: Uint8Array, sizes: number[]) {
  const reader = readWordlist(chunked(bytes, sizes), bytes.length);
  const secrets: Secret[] = [];
  for (let batch = await reader.next(); batch !== null; batch = await reader.next()) secrets.push(...batch);
  return { secrets, counts: reader.counts, progress: reader.progress };
}

describe('reading a wordlist in chunks', () => {
  const text = "\ufeffalpha\r\n'b\u00e9ta'\r\n\r\nb'\\x00\\xff'\n\"\u{1f511}\\n\"\n12345\nlast";
  const whole = parseWordlist(text);

  it.each([[[1]], [[2, 3]], [[7]], [[64]], [[1 << 16]]])('gives what parsing the whole text gives, in chunks of %j bytes (UTF-8, CRLF and the BOM split anywhere)', async (sizes) => {
    const { secrets, counts, progress } = await readAll(new TextEncoder().encode(text), sizes);
    expect(secrets.map(describeSecret)).toEqual(whole.map(describeSecret));
    expect(counts).toEqual({ bytes: new TextEncoder().encode(text).length, entries: whole.length, skippedLines: 0 });
    expect(progress).toBe(1);
  });

  it('skips and counts lines over MAX_LINE_BYTES, keeping the lines around them', async () => {
    const long = 'x'.repeat(MAX_LINE_BYTES + 1);
    const atLimit = 'y'.repeat(MAX_LINE_BYTES);
    const bytes = new TextEncoder().encode(`first\r\n${long}\n${atLimit}\n${long}${long}\nlast\n${long}`);
    const { secrets, counts } = await readAll(bytes, [1000]);
    expect(secrets).toEqual(['first', atLimit, 'last']);
    expect(counts).toMatchObject({ entries: 3, skippedLines: 3 });
  });

  it('holds at most one line of MAX_LINE_BYTES between chunks, for a 10 MB line and for many lines', () => {
    const splitter = new WordlistSplitter();
    const out: Secret[] = [];
    const chunk = new Uint8Array(1 << 16).fill(0x61);
    let retained = 0;
    for (let i = 0; i < 160; i++) {
      splitter.push(chunk, out);
      retained = Math.max(retained, splitter.retained);
    }
    const lines = new TextEncoder().encode(Array.from({ length: 6000 }, (_, i) => `word-${i}`).join('\n'));
    for (let at = 0; at < lines.length; at += 4000) {
      splitter.push(lines.subarray(at, at + 4000), out);
      retained = Math.max(retained, splitter.retained);
    }
    splitter.end(out);
    expect(retained).toBeLessThanOrEqual(MAX_LINE_BYTES);
    expect(out.length).toBe(5999);
    expect(out[0]).toBe('word-1');
    expect(splitter.counts.skippedLines).toBe(1);
  });

  it('reads only as far as asked: a batch at a time', async () => {
    let pulled = 0;
    async function* counting() {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield new TextEncoder().encode(Array.from({ length: 100 }, (_, j) => `w${i}-${j}`).join('\n') + '\n');
      }
    }
    const reader = readWordlist(counting(), 1000 * 700);
    const batch = await reader.next();
    expect(batch!.length).toBeGreaterThanOrEqual(8192);
    expect(pulled).toBeLessThan(100);
    expect(reader.progress).toBeLessThan(0.2);
    reader.close();
    expect(await reader.next()).toBeNull();
  });
});

// The Flask-Unsign list (MIT) is only on the development machine: never in the project.
const WORDLIST = join(import.meta.dirname, '../../../shared/data/flask-unsign-wordlist.txt');
const PYTHON = '/usr/bin/python3';
const haveList = existsSync(WORDLIST) && existsSync(PYTHON);

describe.skipIf(!haveList)('the whole Flask-Unsign wordlist against Python', () => {
  it('parses every line as ast.literal_eval does', () => {
    const script = `
import ast, json, sys, warnings
warnings.simplefilter('ignore')
out = []
for line in open(sys.argv[1], encoding='utf-8').read().split('\\n'):
    s = line.strip()
    if not s:
        continue
    try:
        v = ast.literal_eval(s)
    except (SyntaxError, ValueError):
        v = s
    if isinstance(v, bytes):
        out.append(['bytes', v.hex()])
    elif isinstance(v, str):
        out.append(['text', v])
    else:
        out.append(['text', s])
json.dump(out, sys.stdout)
`;
    const expected = JSON.parse(execFileSync(PYTHON, ['-c', script, WORDLIST], { maxBuffer: 64 << 20 }).toString('utf8')) as [string, string][];
    const actual = parseWordlist(readFileSync(WORDLIST)).map((secret) => {
      const d = describeSecret(secret)!;
      return [d.kind, d.value];
    });
    expect(actual.length).toBe(expected.length);
    const mismatches = actual.flatMap((value, i) => (value[0] === expected[i]![0] && value[1] === expected[i]![1] ? [] : [{ i, actual: value, expected: expected[i] }]));
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});
