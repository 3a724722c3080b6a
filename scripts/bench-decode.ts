// Decoding speed: `npm run bench:decode [-- cookies]` decodes the real-framework fixture cookies (tests/fixtures/)
// and prints cookies/s: without the publicly-known-secret check, with it the first time a cookie is seen, and
// with it again (the extension re-decodes a tab's cookies on every change; known-key verdicts are kept).
import { decodeCookie, decodeCookies } from '../lib/decode/decode';
import { loadFixtures, SUPPORTED_FIXTURES } from '../tests/fixtures';

const count = Number(process.argv[2] ?? 10_000);
const distinct = SUPPORTED_FIXTURES.flatMap((file) => loadFixtures(file).cases.map((testCase) => testCase.cookie));
const cookies = Array.from({ length: count }, (_, i) => distinct[i % distinct.length]!);
const secrets = ['s3cr3t-flask-key'];

async function timed(label: string, run: () => Promise<unknown>, n: number): Promise<void> {
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  console.log(`${label}: ${n} cookies in ${ms.toFixed(0)} ms, ${Math.round((n / ms) * 1000)} cookies/s, ${(ms / n).toFixed(2)} ms each`);
}

await timed('known-secret check off', () => decodeCookies(cookies, { secrets, knownSecrets: false }), count);
await timed(
  `known-secret check on, first sight of each of the ${distinct.length} distinct cookies`,
  async () => {
    for (const cookie of distinct) await decodeCookie(cookie, { secrets });
  },
  distinct.length,
);
await timed('known-secret check on, cookies seen before', () => decodeCookies(cookies, { secrets }), count);
