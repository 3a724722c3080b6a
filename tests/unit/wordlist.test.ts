import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../lib/codec/text';
import fc from 'fast-check';
import { CHUNK_BYTES, MAX_LINE_BYTES, parsePythonStringLiteral, parseWordlist, parseWordlistLine, readWordlist, WordlistChunker, WordlistEntries } from '../../lib/scan/wordlist';
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
  const entries = new WordlistEntries();
  for (let lines = await reader.next(); lines !== null; lines = await reader.next()) {
    entries.parse(lines);
    reader.counted(entries.length, entries.skippedLines);
    for (let i = 0; i < entries.length; i++) secrets.push(entries.secret(i));
  }
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

  it('holds at most a chunk between reads, for a 10 MB line and for many lines', () => {
    const chunker = new WordlistChunker();
    const out: Uint8Array[] = [];
    const chunk = new Uint8Array(1 << 16).fill(0x61);
    let retained = 0;
    for (let i = 0; i < 160; i++) {
      chunker.push(chunk, out);
      retained = Math.max(retained, chunker.retained);
    }
    expect(out).toEqual([]);
    const lines = new TextEncoder().encode(Array.from({ length: 60_000 }, (_, i) => `word-${i}`).join('\n'));
    for (let at = 0; at < lines.length; at += 4000) {
      chunker.push(lines.subarray(at, at + 4000), out);
      retained = Math.max(retained, chunker.retained);
    }
    chunker.end(out);
    expect(retained).toBeLessThanOrEqual(CHUNK_BYTES);
    expect(out.length).toBeGreaterThan(1);
    for (const piece of out.slice(0, -1)) expect(piece.length).toBeLessThanOrEqual(CHUNK_BYTES);
    const secrets = out.flatMap((piece) => parseWordlist(piece));
    expect(secrets.length).toBe(59_999);
    expect(secrets[0]).toBe('word-1');
    expect(secrets.at(-1)).toBe('word-59999');
    expect(chunker.counts.skippedLines).toBe(1);
  });

  it('reads only as far as asked: a chunk of whole lines at a time', async () => {
    let pulled = 0;
    async function* counting() {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield new TextEncoder().encode(Array.from({ length: 100 }, (_, j) => `w${i}-${j}`).join('\n') + '\n');
      }
    }
    const reader = readWordlist(counting(), 1000 * 700);
    const lines = await reader.next();
    expect(lines!.length).toBeGreaterThan(CHUNK_BYTES - MAX_LINE_BYTES);
    expect(lines!.at(-1)).toBe(0x0a);
    expect(pulled).toBeLessThanOrEqual(Math.ceil(CHUNK_BYTES / 600) + 1);
    expect(reader.progress).toBeLessThan(0.5);
    reader.close();
    expect(await reader.next()).toBeNull();
  });
});

describe('chunk boundaries', () => {
  /** Lines around a chunk boundary: `line` placed so that the boundary falls `into` bytes inside it. */
  function around(line: string, into: number): Uint8Array {
    const filler = `${'f'.repeat(40)}\n`;
    const before = CHUNK_BYTES - into;
    const fillers = Math.floor(before / filler.length);
    const pad = 'p'.repeat(before - fillers * filler.length - 1);
    return new TextEncoder().encode(`${filler.repeat(fillers)}${pad}\n${line}\r\nafter\n`);
  }

  it.each([
    ["'split-across'", 5],
    ["'esc\\x41pe'", 5],
    ["'esc\\x41pe'", 6],
    ["'esc\\x41pe'", 7],
    ["'\\x", 2],
    ["\"\\\\'\"", 2],
    ["'caf\u00e9'", 5],
    ["b'\\xff\\x00'", 4],
    ["'line'", 6],
  ])('%j cut %i bytes in: the same entries as read whole', async (line, into) => {
    const bytes = around(line, into);
    const whole = parseWordlist(bytes).map(describeSecret);
    expect(whole).toContainEqual(describeSecret(parseWordlistLine(line)));
    for (const sizes of [[1 << 16], [CHUNK_BYTES - 3, 7], [4093]]) {
      const { secrets, counts } = await readAll(bytes, sizes);
      expect(secrets.map(describeSecret)).toEqual(whole);
      expect(counts.entries).toBe(whole.length);
    }
  });

  it('keeps a CR before the chunk end and a last line without a line end', async () => {
    const lines = Math.ceil(CHUNK_BYTES / 3) + 1;
    const text = `${'w\r\n'.repeat(lines)}'last'`;
    const { secrets } = await readAll(new TextEncoder().encode(text), [CHUNK_BYTES - 1, 2, 100]);
    expect(secrets.length).toBe(lines + 1);
    expect(new Set(secrets.slice(0, -1))).toEqual(new Set(['w']));
    expect(secrets.at(-1)).toBe('last');
  });
});

describe('the fast paths of WordlistEntries', () => {
  /** One line read by WordlistEntries, as its secret. */
  function entry(line: string): Secret | null {
    const entries = new WordlistEntries();
    entries.parse(new TextEncoder().encode(line));
    return entries.length === 0 ? null : entries.secret(0);
  }

  it('give what the reference parser gives, on lines of quotes, escapes and ASCII', () => {
    const piece = fc.constantFrom("'", '"', '\\', 'x', 'x4', 'x7f', 'x80', '0', '17', '177', '200', 'n', 'u0041', 'N', ' ', '\t', '#', '(', ')', 'b', 'r', 'A', '\u00e9', '\0');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const line = pieces.join('');
        expect(describeSecret(entry(line))).toEqual(describeSecret(parseWordlistLine(line)));
      }),
      { numRuns: 3000 },
    );
  });

  it('give what the reference parser gives, on quoted lines of escapes beyond ASCII', () => {
    const piece = fc.constantFrom('\\x41', '\\xe9', '\\xFF', '\\x80', '\\x4', '\\u00e9', '\\u2019', '\\u0041', '\\ud83d', '\\ude00', '\\u12', '\\U0001f600', '\\U00110000', '\\U0010ffff', '\\377', '\\777', '\\0', '\\8', '\\q', '\\ ', '\\N{BULLET}', '\\\\', "\\'", '\\"', '\\', "'", '"', 'a', ' ', '\t', '\u00e9');
    fc.assert(
      fc.property(fc.constantFrom("'", '"'), fc.array(piece, { maxLength: 10 }), (quote, pieces) => {
        const line = `${quote}${pieces.join('')}${quote}`;
        expect(describeSecret(entry(line))).toEqual(describeSecret(parseWordlistLine(line)));
      }),
      { numRuns: 3000 },
    );
  });

  it('find each line of a chunk as the reference parser reads the lines one by one', () => {
    const piece = fc.constantFrom("'", '"', '\\', '\\x41', '\\xe9', 'a', ' ', '\t', '\r', '\n', '\n\n', ' #', '\u00e9', '(');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        const entries = new WordlistEntries();
        entries.parse(new TextEncoder().encode(text));
        const expected = text.split('\n').flatMap((line) => {
          const secret = parseWordlistLine(line);
          return secret === null ? [] : [describeSecret(secret)];
        });
        expect(Array.from({ length: entries.length }, (_, i) => describeSecret(entries.secret(i)))).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('keep key bytes for ASCII text and the secret itself for the rest', () => {
    const entries = new WordlistEntries();
    entries.parse(new TextEncoder().encode("'plain'\nplain\n'\\x41\\101\\n'\nb'bytes'\n'caf\u00e9'\n"));
    expect(Array.from({ length: entries.length }, (_, i) => entries.ends[i]! >= 0)).toEqual([true, true, true, false, false]);
    expect(Array.from({ length: entries.length }, (_, i) => entries.secret(i))).toEqual(['plain', 'plain', 'AA\n', new TextEncoder().encode('bytes'), 'caf\u00e9']);
  });

  it('read escapes beyond ASCII as text, and an unknown escape as the backslash it keeps', () => {
    const entries = new WordlistEntries();
    entries.parse(new TextEncoder().encode("'\\xe9\\u2019\\U0001f600\\ud83d\\351'\n\"C:\\Temp\\u0041\\q\"\n"));
    expect(Array.from({ length: entries.length }, (_, i) => entries.ends[i]! >= 0)).toEqual([false, true]);
    expect(Array.from({ length: entries.length }, (_, i) => entries.secret(i))).toEqual(['\u00e9\u2019\u{1f600}\ud83d\u00e9', 'C:\\TempA\\q']);
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
