import fc from 'fast-check';
import { describe, it } from 'vitest';
import { decodeCookies } from '../../lib/decode/decode';
import { loadFixtures } from '../fixtures';
import { reportProblem } from './cookie-arbitraries';

const chunked = loadFixtures('iron.json').cases.find((testCase) => testCase.id === 'h3-chunked')!;
const realPieces = chunked.companions!.map(({ value }) => value);

describe("h3's chunked sessions never throw and always explain themselves", () => {
  it('on any marker count with pieces missing, reordered, cut or made up', async () => {
    const piece = fc.oneof(fc.constantFrom(...realPieces), fc.string({ maxLength: 120 }), fc.constantFrom(...realPieces).map((value) => value.slice(0, value.length >> 1)));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constant(3)), fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), piece), { maxLength: 6 }), async (count, pieces) => {
        const named = new Map(pieces.map(([index, value]) => [`h3.${index}`, value]));
        const jar = [{ name: 'h3', value: `__chunked__${count}` }, ...[...named].map(([name, value]) => ({ name, value }))];
        const reports = await decodeCookies(jar, { secrets: chunked.secrets, now: 1_800_000_000, knownSecrets: false });
        for (const report of reports) {
          const problem = reportProblem(report);
          if (problem) throw new Error(`${problem} for ${JSON.stringify(jar).slice(0, 300)}`);
        }
      }),
      { numRuns: 150 },
    );
  });
});
