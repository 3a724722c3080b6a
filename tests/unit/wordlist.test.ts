import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../lib/codec/text';
import { parsePythonStringLiteral, parseWordlist, parseWordlistLine } from '../../lib/secrets/wordlist';
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

  it('drops repeats (the same text written plain or quoted, the same bytes) unless told not to', () => {
    const text = "one\n'one'\n\"one\"\nb'one'\nb\"one\"\ntwo\n";
    expect(parseWordlist(text).map(describeSecret)).toEqual([
      { kind: 'text', value: 'one' },
      { kind: 'bytes', value: '6f6e65' },
      { kind: 'text', value: 'two' },
    ]);
    expect(parseWordlist(text, { dedupe: false })).toHaveLength(6);
  });

  it('gives an empty list for empty text', () => {
    expect(parseWordlist('')).toEqual([]);
    expect(parseWordlist('\n\r\n\n')).toEqual([]);
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
    const actual = parseWordlist(readFileSync(WORDLIST, 'utf8'), { dedupe: false }).map((secret) => {
      const d = describeSecret(secret)!;
      return [d.kind, d.value];
    });
    expect(actual.length).toBe(expected.length);
    const mismatches = actual.flatMap((value, i) => (value[0] === expected[i]![0] && value[1] === expected[i]![1] ? [] : [{ i, actual: value, expected: expected[i] }]));
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});
