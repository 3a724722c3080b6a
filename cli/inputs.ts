import { readFileSync } from 'node:fs';
import { parseCookieHeader, parseSetCookie } from '../lib/codec/cookie-header';
import type { CookieInput } from '../lib/types';
import { secretsFromKeyText } from '../lib/crypto/key-file';
import { UsageError, type SecretSources } from './args';
import type { CliIo } from './io';

/** Cookies from one argument or stdin line: `name=value`, `a=1; b=2`, `Cookie: ...` or `Set-Cookie: ...`. */
function cookiesFromText(text: string, now: number): CookieInput[] {
  if (/^\s*set-cookie\s*:/i.test(text)) {
    const cookie = parseSetCookie(text, now);
    return cookie ? [cookie] : [];
  }
  if (!/^\s*cookie\s*:/i.test(text) && !text.includes(';')) {
    // A single name=value keeps everything after the first "=", even "; " inside a quoted value.
    const equals = text.indexOf('=');
    if (equals < 0) throw new UsageError(`COOKIE must be name=value, got ${JSON.stringify(text.slice(0, 40))}`);
    return [{ name: text.slice(0, equals).trim(), value: text.slice(equals + 1) }];
  }
  return parseCookieHeader(text);
}

/** Every cookie named by the COOKIE arguments; `-` reads header lines from stdin. */
export async function readCookies(arguments_: readonly string[], io: CliIo, now = io.now()): Promise<CookieInput[]> {
  const cookies: CookieInput[] = [];
  for (const argument of arguments_) {
    const texts = argument === '-' ? (await io.readStdin()).split(/\r?\n/).filter((line) => line.trim() !== '') : [argument];
    for (const text of texts) cookies.push(...cookiesFromText(text, now));
  }
  return cookies;
}

/** The secrets, numbered in this order: the --secret values, the --secret-env variables, the --secret-file keys. */
export async function readSecrets(args: SecretSources, io: CliIo): Promise<string[]> {
  const fromFiles: string[] = [];
  for (const path of args.secretFiles) fromFiles.push(...(await secretsFromFile(path, io)));
  return [...args.secrets, ...args.secretEnvs.map((name) => secretFromEnv(name, io)), ...fromFiles];
}

/** The variable's whole value is one secret, line breaks included: a PEM public key fits in one variable. */
function secretFromEnv(name: string, io: CliIo): string {
  const value = io.env[name];
  if (value === undefined || value === '') throw new UsageError(`--secret-env ${name}: the variable is ${value === undefined ? 'not set' : 'empty'}`);
  return value;
}

/** A key file, or stdin for `-`: PEM blocks, a JWK or JWK Set, or one secret per line (lib/crypto/key-file.ts). */
async function secretsFromFile(path: string, io: CliIo): Promise<string[]> {
  let text: string;
  try {
    text = path === '-' ? await io.readStdin() : readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --secret-file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const read = secretsFromKeyText(text);
  if (!read.ok) throw new UsageError(`--secret-file ${path}: ${read.reason}`);
  return read.secrets;
}
