import { parseArgs } from 'node:util';

/** A mistake in how the command was called: printed as one line, exit code 2. */
export class UsageError extends Error {}

export interface DecodeArgs {
  command: 'decode';
  secrets: string[];
  /** Names of environment variables, each holding one secret. */
  secretEnvs: string[];
  /** Key files (see lib/crypto/key-file.ts); `-` is stdin. */
  secretFiles: string[];
  salt?: string;
  maxAge?: number;
  now?: number;
  json: boolean;
  cookies: string[];
}

/** Where the secrets come from: the same three sources for every command. */
export type SecretSources = Pick<DecodeArgs, 'secrets' | 'secretEnvs' | 'secretFiles'>;

export interface SignArgs extends SecretSources {
  command: 'sign';
  /** A decode format id; cli/sign.ts checks that it writes. */
  format: string;
  salt?: string;
  name?: string;
  issuedAt?: number;
  alg?: string;
  json: boolean;
  /** JSON text, or `-` for stdin. */
  payload: string;
}

export interface ScanArgs {
  command: 'scan';
  wordlist: string;
  threads?: number;
  salt?: string;
  json: boolean;
  cookies: string[];
}

export const USAGE = `usage: session-lens decode [--secret S]... [--secret-env NAME]... [--secret-file F]... [--salt S] [--max-age SECONDS] [--now UNIX] [--json] COOKIE...
       session-lens scan --wordlist FILE [--threads N] [--salt S] [--json] COOKIE
       session-lens sign --format FORMAT [--secret S | --secret-file F | --secret-env NAME] [--salt S] [--name NAME]
                         [--issued-at UNIX] [--alg ALG] [--json] PAYLOAD
  COOKIE is name=value, a whole Cookie: header ("a=1; b=2"), a Set-Cookie: header, or - to read header lines from stdin;
  --secret is visible to other local users (ps): prefer --secret-env NAME (the variable's whole value) or
  --secret-file F (- for stdin): PEM blocks or a JWK/JWK Set are keys, any other file holds one secret per line;
  scan tries every line of FILE (plain lines or Flask-Unsign's quoted Python literals) as the cookie's secret key;
  sign writes the cookies that carry PAYLOAD (JSON as decode --json prints it, or - for stdin) in FORMAT, one
  name=value line each; --alg is the JWT algorithm (HS256, HS384, HS512, none), cookie-session's and Rack's digest
  (sha1, sha256), Rails' key generator digest (sha256, sha1) or Laravel's cipher (aes-256-cbc, aes-128-cbc,
  aes-256-gcm, aes-128-gcm)`;

/** Options that take a value: their value may start with a dash (a PEM key: `-----BEGIN PUBLIC KEY-----`). */
const VALUE_OPTIONS = new Set(['--secret', '--secret-env', '--secret-file', '--salt', '--max-age', '--now', '--wordlist', '--threads', '--format', '--name', '--issued-at', '--alg']);

/** `--secret -----BEGIN…` becomes `--secret=-----BEGIN…`, which parseArgs accepts whatever the value starts with. */
function joinOptionValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i]!;
    if (argument === '--') return [...joined, ...argv.slice(i)];
    if (VALUE_OPTIONS.has(argument) && i + 1 < argv.length) joined.push(`${argument}=${argv[++i]}`);
    else joined.push(argument);
  }
  return joined;
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

function parseStrict<T extends OptionSpec>(argv: string[], options: T) {
  try {
    return parseArgs({ args: joinOptionValues(argv), allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError((error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' '));
  }
}

export function parseScanArgs(argv: string[]): ScanArgs {
  const { values, positionals } = parseStrict(argv, {
    wordlist: { type: 'string' },
    threads: { type: 'string' },
    salt: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.wordlist === undefined) throw new UsageError('scan needs --wordlist FILE');
  if (positionals.length === 0) throw new UsageError('scan needs the COOKIE to attack (name=value or a Cookie: header)');
  const threads = values.threads === undefined ? undefined : nonNegativeInteger('--threads', values.threads);
  if (threads === 0) throw new UsageError('--threads needs at least 1');
  return {
    command: 'scan',
    wordlist: values.wordlist,
    ...(threads !== undefined ? { threads } : {}),
    ...(values.salt !== undefined ? { salt: values.salt } : {}),
    json: values.json ?? false,
    cookies: positionals,
  };
}

export function parseDecodeArgs(argv: string[]): DecodeArgs {
  const { values, positionals } = parseStrict(argv, {
    secret: { type: 'string', multiple: true },
    'secret-env': { type: 'string', multiple: true },
    'secret-file': { type: 'string', multiple: true },
    salt: { type: 'string' },
    'max-age': { type: 'string' },
    now: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length === 0) throw new UsageError('decode needs at least one COOKIE (name=value, a Cookie: header, or - for stdin)');
  const secretFiles = values['secret-file'] ?? [];
  if ([...positionals, ...secretFiles].filter((argument) => argument === '-').length > 1) {
    throw new UsageError('stdin (-) can be read once: give either the cookies or the secrets as -, once');
  }
  return {
    command: 'decode',
    secrets: values.secret ?? [],
    secretEnvs: values['secret-env'] ?? [],
    secretFiles,
    ...(values.salt !== undefined ? { salt: values.salt } : {}),
    ...(values['max-age'] !== undefined ? { maxAge: nonNegativeInteger('--max-age', values['max-age']) } : {}),
    ...(values.now !== undefined ? { now: nonNegativeInteger('--now', values.now) } : {}),
    json: values.json ?? false,
    cookies: positionals,
  };
}

export function parseSignArgs(argv: string[]): SignArgs {
  const { values, positionals } = parseStrict(argv, {
    format: { type: 'string' },
    secret: { type: 'string', multiple: true },
    'secret-env': { type: 'string', multiple: true },
    'secret-file': { type: 'string', multiple: true },
    salt: { type: 'string' },
    name: { type: 'string' },
    'issued-at': { type: 'string' },
    alg: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.format === undefined) throw new UsageError('sign needs --format FORMAT (a format id decode --json reports)');
  if (positionals.length !== 1) throw new UsageError('sign needs one PAYLOAD: JSON text, or - for stdin');
  const secretFiles = values['secret-file'] ?? [];
  if (positionals[0] === '-' && secretFiles.includes('-')) throw new UsageError('stdin (-) can be read once: give either the payload or the secret as -');
  return {
    command: 'sign',
    format: values.format,
    secrets: values.secret ?? [],
    secretEnvs: values['secret-env'] ?? [],
    secretFiles,
    ...(values.salt !== undefined ? { salt: values.salt } : {}),
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values['issued-at'] !== undefined ? { issuedAt: nonNegativeInteger('--issued-at', values['issued-at']) } : {}),
    ...(values.alg !== undefined ? { alg: values.alg } : {}),
    json: values.json ?? false,
    payload: positionals[0]!,
  };
}

function nonNegativeInteger(flag: string, text: string): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new UsageError(`${flag} needs a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
}
