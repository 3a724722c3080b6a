import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase64 } from '../../lib/codec/base64';
import { dumpJson } from '../../lib/codec/json';
import { decodeCookie } from '../../lib/decode/decode';
import { fromHex } from '../../lib/codec/text';
import { readMarshal } from '../../lib/serializers/marshal';
import { reportProblem } from './cookie-arbitraries';

/** Real `Marshal.dump` output (see tests/unit/marshal.test.ts): an object, a struct, links, Time, a subclassed Hash. */
const SEEDS = [
  '04086f3a0955736572073a0a406e616d654922095a6fc3ab063a0645543a0b4061646d696e54',
  '0408533a0a506f696e74073a067869063a06795b066907',
  '04085b0849220b736861726564063a06455440065b064006',
  '040849753a0954696d650d43001fc000005010063a097a6f6e65492208555443063a064546',
  '0408433a2d416374697665537570706f72743a3a4861736857697468496e646966666572656e744163636573737b0649220661063a0645546906',
].map((hex) => fromHex(hex)!);

/** Type bytes and packed ints Marshal is made of, so random streams get past the first byte often. */
const token = fc.oneof(
  fc.constantFrom(...[...'0TFi:;"Ifl[{}oSuUdCe/cmM@'].map((char) => char.charCodeAt(0))),
  fc.integer({ min: 0, max: 255 }),
);
const randomStream = fc.array(token, { maxLength: 200 }).map((bytes) => Uint8Array.from([4, 8, ...bytes]));
const mutatedSeed = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }))
  .map(([seed, edits]) => {
    const bytes = seed.slice();
    for (const [at, value] of edits) bytes[2 + (at % (bytes.length - 2))] = value;
    return bytes;
  });

function holds(bytes: Uint8Array): boolean {
  const result = readMarshal(bytes);
  // What it reads is always JSON the rest of Session Lens can write and read back.
  if (result.ok) expect(dumpJson(result.payload).ok).toBe(true);
  else expect(result.problem.code).toBe('malformed');
  return true;
}

describe('readMarshal never throws and reads only JSON-able values', () => {
  it('on random Marshal-like streams', () => {
    fc.assert(fc.property(randomStream, holds), { numRuns: 3000 });
  });

  it('on real dumps with random byte edits', () => {
    fc.assert(fc.property(mutatedSeed, holds), { numRuns: 3000 });
  });
});

describe('Rack and Rails cookies carrying hostile Marshal', () => {
  const marshal = fc.oneof(randomStream, mutatedSeed);
  const cookie = fc.tuple(marshal, fc.constantFrom('rack.session', 'user_id', '_app_session'), fc.boolean()).map(([bytes, name, signed]) => ({
    name,
    value: encodeURIComponent(`${encodeBase64(bytes)}${signed ? `--${'ab'.repeat(20)}` : ''}`),
  }));

  it('decode to a report that explains itself', async () => {
    await fc.assert(
      fc.asyncProperty(cookie, async (input) => {
        const report = await decodeCookie(input, { secrets: ['k'], now: 1_800_000_000, knownSecrets: false });
        expect(reportProblem(report)).toBeNull();
      }),
      { numRuns: 1500 },
    );
  });
});
