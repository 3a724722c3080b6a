import { zlibSync } from 'fflate';
import { encodeBase64, encodeBase64Url } from '../lib/codec/base64';
import { encodeUtf8, toHex } from '../lib/codec/text';
import type { CookieInput } from '../lib/types';

// Large and hostile cookies of every format, for the cost profile (scripts/profile-large.ts) and the tests that
// every report stays bounded and can be passed to the page.

const b64url = (text: string) => encodeBase64Url(encodeUtf8(text));
const b64 = (text: string) => encodeBase64(encodeUtf8(text));
const hex = (bytes: number) => toHex(new Uint8Array(bytes).fill(7));

/** A signature-shaped base64url part of `bytes` bytes (20: SHA-1, 32: SHA-256, 64: SHA-512). */
export const signatureOf = (bytes: number) => encodeBase64Url(new Uint8Array(bytes).fill(7));

/** cookie-signature's 43 characters (HMAC-SHA256 without `=`). */
const COOKIE_SIGNATURE = signatureOf(32).replace(/-/g, '+').replace(/_/g, '/');

/** An itsdangerous timestamp (2025-10-28). */
export const TIMESTAMP = 'aQAAAA';

/** A JSON object whose text is about `n` characters. */
export const bigJson = (n: number) => JSON.stringify({ user: 'alice', data: 'x'.repeat(Math.max(0, n - 30)) });

/** Base64 grows text by 4/3: the JSON text that gives about `n` characters of cookie. */
const jsonFor = (n: number) => bigJson(Math.floor((n * 3) / 4));

/** JSON arrays nested `levels` deep. */
export const deepJson = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

/** A Flask session whose zlib-compressed payload is nested `levels` deep: a few hundred bytes for ~800 levels. */
export const deepFlaskSession = (levels: number): CookieInput => ({
  name: 'session',
  value: `.${encodeBase64Url(zlibSync(encodeUtf8(deepJson(levels))))}.${TIMESTAMP}.${signatureOf(20)}`,
});

const one = (name: string, value: string): CookieInput[] => [{ name, value }];

/** gorilla/securecookie's `base64url(ts|base64url(data)|mac)` around `data`, with a SHA-256-sized MAC. */
export const gorillaValue = (data: Uint8Array) =>
  encodeBase64Url(new Uint8Array([...encodeUtf8(`1761609600|${encodeBase64Url(data)}|`), ...new Uint8Array(32).fill(7)]));

/** securecookie refuses values over 4096 characters by default: its hostile cookies stay within that. */
const gorillaSized = (n: number) => Math.min(n, 2800);

/** A jar (usually of one cookie) of about `n` characters, by what it exercises. */
export const HOSTILE_COOKIES: [label: string, jar: (n: number) => CookieInput[]][] = [
  ['flask session, big JSON', (n) => one('session', `${b64url(jsonFor(n))}.${TIMESTAMP}.${signatureOf(20)}`)],
  ['flask session, zlib JSON', (n) => one('session', `.${encodeBase64Url(zlibSync(encodeUtf8(bigJson(n * 20))))}.${TIMESTAMP}.${signatureOf(20)}`)],
  ['flask session, deep JSON', (n) => one('session', `${b64url(deepJson((n * 3) / 8))}.${TIMESTAMP}.${signatureOf(20)}`)],
  ['flask session, zlib deep JSON', (n) => one('session', `.${encodeBase64Url(zlibSync(encodeUtf8(deepJson(n * 10))))}.${TIMESTAMP}.${signatureOf(20)}`)],
  ['itsdangerous, sha512 signature', (n) => one('token', `${b64url(jsonFor(n))}.${signatureOf(64)}`)],
  ['itsdangerous raw Signer text', (n) => one('token', `${'a'.repeat(n)}.${signatureOf(20)}`)],
  ['django session', (n) => one('sessionid', `${b64url(jsonFor(n))}:1pXyZa:${signatureOf(32)}`)],
  ['django session, deep JSON', (n) => one('sessionid', `${b64url(deepJson((n * 3) / 8))}:1pXyZa:${signatureOf(32)}`)],
  ['django signed, many colons', (n) => one('pref', `${'a:'.repeat(n / 2)}1pXyZa:${signatureOf(32)}`)],
  ['express cookie-session + .sig', (n) => [{ name: 'session', value: b64(jsonFor(n)) }, { name: 'session.sig', value: signatureOf(20) }]],
  ['express cookie-session, deep', (n) => [{ name: 'session', value: b64(`{"a":${deepJson((n * 3) / 8)}}`) }, { name: 'session.sig', value: signatureOf(20) }]],
  ['express signed s:j:', (n) => one('data', `s:j:${bigJson(n)}.${COOKIE_SIGNATURE}`)],
  ['express signed s:j: deep', (n) => one('data', `s:j:${deepJson(n / 2)}.${COOKIE_SIGNATURE}`)],
  ['jwt, big claims', (n) => one('token', `${b64url('{"alg":"HS256"}')}.${b64url(jsonFor(n))}.${signatureOf(32)}`)],
  ['jwt, deep claims', (n) => one('token', `${b64url('{"alg":"HS256"}')}.${b64url(`{"a":${deepJson((n * 3) / 8)}}`)}.${signatureOf(32)}`)],
  ['jwt, big header', (n) => one('token', `${b64url(`{"alg":"HS256","x":"${'x'.repeat((n * 3) / 4)}"}`)}.${b64url('{}')}.${signatureOf(32)}`)],
  ['jwt, deep header', (n) => one('token', `${b64url(`{"alg":"HS256","x":${deepJson((n * 3) / 8)}}`)}.${b64url('{}')}.${signatureOf(32)}`)],
  ['rails signed', (n) => one('user', `${b64(jsonFor(n))}--${hex(20)}`)],
  ['rails signed, deep JSON', (n) => one('user', `${b64(deepJson((n * 3) / 8))}--${hex(20)}`)],
  ['rails signed, many --', (n) => one('user', `${'QQ--'.repeat(n / 4)}${hex(20)}`)],
  ['rails encrypted (GCM)', (n) => one('_app_session', `${b64('x'.repeat((n * 3) / 4))}--${b64('123456789012')}--${b64('1234567890123456')}`)],
  ['laravel encrypted', (n) => one('laravel_session', b64(`{"iv":"${b64('1234567890123456')}","value":"${b64('x'.repeat(n / 2))}","mac":"${hex(32)}"}`))],
  ['gorilla, big JSON', (n) => one('session-name', gorillaValue(encodeUtf8(bigJson(gorillaSized(n) / 2))))],
  ['gorilla, deep JSON', (n) => one('session-name', gorillaValue(encodeUtf8(deepJson(gorillaSized(n) / 4))))],
  ['gorilla, random data (encrypted)', (n) => one('session-name', gorillaValue(new Uint8Array(gorillaSized(n) / 2).map((_, i) => (i * 131) % 251)))],
  ['gorilla, many | in the MAC', (n) => one('session-name', encodeBase64Url(encodeUtf8(`1|${'|'.repeat(gorillaSized(n) / 2)}`)))],
  ['laravel, deep JSON', (n) => one('laravel_session', b64(`{"iv":${deepJson((n * 3) / 8)}}`))],
  ['starlette session, big JSON', (n) => one('session', `${b64(`{"a": "${'x'.repeat((n * 3) / 4)}"}`)}.${TIMESTAMP}.${signatureOf(20)}`)],
  ['starlette session, deep JSON', (n) => one('session', `${b64(`{"a": ${deepJson((n * 3) / 8)}}`)}.${TIMESTAMP}.${signatureOf(20)}`)],
  ['tornado v2, big value', (n) => one('user', `2|1:0|10:1761609600|4:user|${(n * 4) / 4}:${'QUFB'.repeat(n / 4)}|${hex(32)}`)],
  ['tornado v2, huge lengths', (n) => one('user', `2|${'9'.repeat(n)}:0|${hex(32)}`)],
  ['tornado v1, big value', (n) => one('user', `${'QUFB'.repeat(n / 4)}|1761609600|${hex(20)}`)],
  ['flask-login remember', (n) => one('remember_token', `${'1'.repeat(n)}|${hex(64)}`)],
  ['many |', (n) => one('remember_token', `${'|'.repeat(n)}${hex(64)}`)],
  ['many | with hex runs', (n) => one('remember_token', `|${'a'.repeat(127)}`.repeat(n / 128))],
  ['long = padding inside', (n) => one('session', `a${'='.repeat(n)}a.${TIMESTAMP}.${signatureOf(20)}`)],
  ['long = padding at the end', (n) => one('session', `eyJ${'='.repeat(n)}`)],
  ['long = padding, signature part', (n) => one('session', `eyJ.${TIMESTAMP}.${'='.repeat(n)}a`)],
  ['long = padding, .sig companion', (n) => [{ name: 'session', value: 'eyJ9' }, { name: 'session.sig', value: `${'='.repeat(n)}a` }]],
  ['many . parts', (n) => one('session', '.'.repeat(n))],
  ['many a. parts', (n) => one('session', 'a.'.repeat(n / 2))],
  ['quoted, octal escapes', (n) => one('session', `"${'\\101'.repeat(n / 4)}"`)],
  ['quoted, backslashes', (n) => one('session', `"${'\\'.repeat(n)}"`)],
  ['percent-encoded', (n) => one('session', '%41'.repeat(n / 3))],
  ['opaque id', (n) => one('PHPSESSID', 'a'.repeat(n))],
  ['random printable', (n) => one('x', Array.from({ length: n }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 94))).join(''))],
];
