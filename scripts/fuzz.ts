// Long fuzz run of the decoder: `npm run fuzz -- [runs per generator, default 50000] [--known-secrets]`.
// The same generators and invariants as tests/property, many more runs; prints the rate and any counterexample.
import fc from 'fast-check';
import { decodeCookie } from '../lib/decode/decode';
import { mutatedCookie, randomCookie, reportProblem, shapedCookie } from '../tests/property/cookie-arbitraries';

const runs = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 50_000);
const knownSecrets = process.argv.includes('--known-secrets');
let failed = false;

for (const [name, arbitrary] of [['random', randomCookie], ['mutated', mutatedCookie], ['shaped', shapedCookie]] as const) {
  const started = performance.now();
  const result = await fc.check(
    fc.asyncProperty(arbitrary, async (cookie) => {
      const problem = reportProblem(await decodeCookie(cookie, { secrets: ['s3cr3t-flask-key'], knownSecrets }));
      if (problem) throw new Error(problem);
    }),
    { numRuns: runs },
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(`${name.padEnd(8)} ${result.numRuns} cookies in ${seconds.toFixed(1)} s (${Math.round(result.numRuns / seconds)}/s): ${result.failed ? 'FAILED' : 'ok'}`);
  if (result.failed) {
    failed = true;
    console.log(fc.defaultReportMessage(result));
  }
}
process.exitCode = failed ? 1 : 0;
