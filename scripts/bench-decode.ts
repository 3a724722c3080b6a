// Decoding speed: `npm run bench:decode [-- cookies]` decodes real Flask-family cookies (tests/fixtures/flask.json)
// and prints cookies/s with and without the publicly-known-secret check.
import { decodeCookies } from '../lib/decode';
import { loadFixtures } from '../tests/fixtures';

const count = Number(process.argv[2] ?? 10_000);
const fixtures = loadFixtures('flask.json');
const cookies = Array.from({ length: count }, (_, i) => fixtures.cases[i % fixtures.cases.length]!.cookie);
const secrets = ['s3cr3t-flask-key'];

for (const knownSecrets of [false, true]) {
  const started = performance.now();
  const reports = await decodeCookies(cookies, { secrets, knownSecrets, now: fixtures.now });
  const ms = performance.now() - started;
  const sessions = reports.filter((report) => report.isSession).length;
  console.log(
    `${count} cookies (${sessions} sessions), known-secret check ${knownSecrets ? 'on ' : 'off'}: ${ms.toFixed(0)} ms, ${Math.round((count / ms) * 1000)} cookies/s`,
  );
}
