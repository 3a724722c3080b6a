import { parseArgs } from 'node:util';

/** A mistake in how the command was called: printed as one line, exit code 2. */
export class UsageError extends Error {}

export interface DecodeArgs {
  command: 'decode';
  secrets: string[];
  secretFiles: string[];
  salt?: string;
  maxAge?: number;
  now?: number;
  json: boolean;
  cookies: string[];
}

export const USAGE = `usage: session-lens decode [--secret S]... [--secret-file F]... [--salt S] [--max-age SECONDS] [--now UNIX] [--json] COOKIE...
  COOKIE is name=value, a whole Cookie: header ("a=1; b=2"), a Set-Cookie: header, or - to read header lines from stdin`;

/** Options that take a value: their value may start with a dash (a PEM key: `-----BEGIN PUBLIC KEY-----`). */
const VALUE_OPTIONS = new Set(['--secret', '--secret-file', '--salt', '--max-age', '--now', '--wordlist', '--threads']);

/** `--secret -----BEGIN…` becomes `--secret=-----BEGIN…`, which parseArgs accepts whatever the value starts with. */
export function joinOptionValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i]!;
    if (argument === '--') return [...joined, ...argv.slice(i)];
    if (VALUE_OPTIONS.has(argument) && i + 1 < argv.length) joined.push(`${argument}=${argv[++i]}`);
    else joined.push(argument);
  }
  return joined;
}

export function parseDecodeArgs(argv: string[]): DecodeArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinOptionValues(argv),
      allowPositionals: true,
      strict: true,
      options: {
        secret: { type: 'string', multiple: true },
        'secret-file': { type: 'string', multiple: true },
        salt: { type: 'string' },
        'max-age': { type: 'string' },
        now: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' '));
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError('decode needs at least one COOKIE (name=value, a Cookie: header, or - for stdin)');
  return {
    command: 'decode',
    secrets: values.secret ?? [],
    secretFiles: values['secret-file'] ?? [],
    ...(values.salt !== undefined ? { salt: values.salt } : {}),
    ...(values['max-age'] !== undefined ? { maxAge: nonNegativeInteger('--max-age', values['max-age']) } : {}),
    ...(values.now !== undefined ? { now: nonNegativeInteger('--now', values.now) } : {}),
    json: values.json ?? false,
    cookies: positionals,
  };
}

function nonNegativeInteger(flag: string, text: string): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new UsageError(`${flag} needs a whole number of seconds, got ${JSON.stringify(text)}`);
  return Number(text);
}
