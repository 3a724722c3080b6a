// Cost of large and hostile cookies: `npm run profile:large [-- KB]` decodes a ~40 KB input (or KB) of every
// format, valid-shaped and hostile, and prints the time of each (best of three runs) at that size and at a quarter
// of it: a ratio far above 4 means a superlinear path. The known-key check is timed separately, once per value
// (first sight). Prints figures; it is not a test.
import { encodeBase64Url } from '../lib/codec/base64';
import { encodeUtf8 } from '../lib/codec/text';
import { hmacDigest } from '../lib/crypto/digest';
import { decodeCookies } from '../lib/decode/decode';
import { bigJson, HOSTILE_COOKIES, signatureOf, TIMESTAMP } from '../tests/hostile-cookies';

const size = Number(process.argv[2] ?? 40) * 1024;

async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** The best of three runs: on a busy machine one run measures the neighbours as much as the code. */
async function bestTime(run: () => Promise<unknown>): Promise<number> {
  return Math.min(await time(run), await time(run), await time(run));
}

const rows: string[][] = [['case', 'chars', `ms @${size / 4096}K`, `ms @${size / 1024}K`, 'ratio', 'known-key ms']];
for (const [label, jar] of HOSTILE_COOKIES) {
  const small = jar(size / 4);
  const large = jar(size);
  const smallMs = await bestTime(() => decodeCookies(small, { knownSecrets: false }));
  const largeMs = await bestTime(() => decodeCookies(large, { knownSecrets: false }));
  // First sight of this value: the known-key verdicts kept so far are for other values.
  const knownMs = await time(() => decodeCookies(large));
  const chars = large.reduce((total, cookie) => total + cookie.value.length, 0);
  rows.push([label, String(chars), smallMs.toFixed(1), largeMs.toFixed(1), (largeMs / Math.max(smallMs, 0.05)).toFixed(1), knownMs.toFixed(0)]);
}

// The case: ten 3.8 KB itsdangerous tokens with a 64-byte signature in one jar.
const b64url = (text: string) => encodeBase64Url(encodeUtf8(text));
const tenTokens = Array.from({ length: 10 }, (_, i) => ({ name: `t${i}`, value: `${b64url(bigJson(2800 + i))}.${signatureOf(64)}` }));
const tenMs = await time(() => decodeCookies(tenTokens));
// A normal jar: a 4 KB Flask session signed with a random key.
const flask = `${b64url(bigJson(2900))}.${TIMESTAMP}`;
const flaskKey = hmacDigest('sha1', encodeUtf8('not-a-known-key'), encodeUtf8('cookie-session'));
const normalMs = await time(() => decodeCookies([{ name: 'session', value: `${flask}.${encodeBase64Url(hmacDigest('sha1', flaskKey, encodeUtf8(flask)))}` }]));

const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
for (const row of rows) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
console.log(`\nknown-key check, ten 3.8 KB tokens with a 64-byte signature in one jar: ${tenMs.toFixed(0)} ms`);
console.log(`known-key check, one 4 KB Flask session with an unknown key: ${normalMs.toFixed(0)} ms`);
