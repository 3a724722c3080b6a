import fc from 'fast-check';
import { loadFixtures, SUPPORTED_FIXTURES } from '../fixtures';
import type { CookieInput, FormatId, SessionReport } from '../../lib/types';

const FORMAT_IDS: readonly FormatId[] = [
  'flask', 'itsdangerous', 'flask-login-remember', 'flask-session-id', 'django-session', 'django-signed', 'express-cookie-session',
  'express-session-id', 'express-signed', 'jwt', 'rails-encrypted', 'rails-signed', 'laravel-encrypted', 'starlette', 'tornado', 'opaque-id', 'iron', 'unknown',
  'remix', 'hono', 'koa-session', 'authjs', 'supabase', 'gorilla-securecookie', 'rack-session',
];

/** Real cookies made by the frameworks: the seeds that mutations start from. */
export const REAL_COOKIES: CookieInput[] = SUPPORTED_FIXTURES.flatMap((file) => loadFixtures(file).cases.map((testCase) => testCase.cookie));

const SESSION_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.|:=%"\\+/ ';

/** A single edit of the kind a proxy, a truncating store or an attacker makes. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), char: fc.constantFrom(...SESSION_ALPHABET) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('repeat' as const), times: fc.integer({ min: 2, max: 40 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(value: string, edits: Mutation[]): string {
  let text = value;
  for (const edit of edits) {
    const at = 'at' in edit ? edit.at % (text.length + 1) : 0;
    if (edit.kind === 'flip') text = text.slice(0, at) + edit.char + text.slice(at + 1);
    else if (edit.kind === 'insert') text = text.slice(0, at) + edit.text + text.slice(at);
    else if (edit.kind === 'delete') text = text.slice(0, at) + text.slice(at + edit.length);
    else if (edit.kind === 'truncate') text = text.slice(0, at);
    // Repeats compound across edits: stop growing past 64 KB, far beyond any real cookie.
    else if (text.length < 64 * 1024) text = text.repeat(edit.times);
  }
  return text;
}

/** Real framework cookies with one to four random edits. */
export const mutatedCookie: fc.Arbitrary<CookieInput> = fc
  .tuple(fc.constantFrom(...REAL_COOKIES), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([cookie, edits]) => ({ name: cookie.name, value: mutate(cookie.value, edits) }));

/** Anything at all: any text, any length, including lone surrogates and control characters. */
export const randomCookie: fc.Arbitrary<CookieInput> = fc.record({
  name: fc.oneof(fc.constantFrom('session', 'remember_token', 'sessionid', 'token', 'connect.sid'), fc.string({ unit: 'grapheme-ascii' })),
  value: fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: fc.constantFrom(...SESSION_ALPHABET), maxLength: 400 }),
    fc.string({ maxLength: 5000 }),
  ),
});

/** Cookies shaped like the supported formats but with random parts. */
export const shapedCookie: fc.Arbitrary<CookieInput> = fc
  .tuple(
    fc.constantFrom('session', 'token', 'remember_token'),
    fc.array(fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), maxLength: 90 }), { minLength: 1, maxLength: 5 }),
    fc.boolean(),
  )
  .map(([name, parts, compressed]) => ({ name, value: `${compressed ? '.' : ''}${parts.join('.')}` }));

/** What every report must satisfy, whatever the input. Returns a reason when it does not. */
export function reportProblem(report: SessionReport): string | null {
  if (!FORMAT_IDS.includes(report.format)) return `unknown format id ${String(report.format)}`;
  if (!['valid', 'invalid', 'unverified', 'unsigned'].includes(report.signature.status)) return `bad status ${report.signature.status}`;
  if (report.error !== undefined && !report.error.startsWith('malformed: ')) return `error is not a clear malformed message: ${report.error}`;
  if (report.expired !== null && report.expiresAt === null) return 'expired without an expiry';
  if (!Array.isArray(report.warnings)) return 'warnings is not a list';
  try {
    JSON.stringify(report.payload);
  } catch {
    return 'payload is not JSON-serialisable';
  }
  try {
    // What the decode worker's postMessage does to every report.
    structuredClone(report);
  } catch {
    return 'report cannot be passed to the page (structured clone refuses it)';
  }
  return null;
}
