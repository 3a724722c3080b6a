import { readFileSync } from 'node:fs';
import { parseCookieHeader, parseSetCookie } from '../lib/cookie-header';
import type { CookieInput } from '../lib/types';
import { UsageError } from './args';
import type { CliIo } from './session-lens';

/** Cookies from one argument or stdin line: `name=value`, `a=1; b=2`, `Cookie: ...` or `Set-Cookie: ...`. */
export function cookiesFromText(text: string, now: number): CookieInput[] {
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

/** Secret files hold one secret per line, taken verbatim (spaces included); blank lines are skipped. */
export function secretsFromFile(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --secret-file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  return text.split(/\r?\n/).filter((line) => line !== '');
}
