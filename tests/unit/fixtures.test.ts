import { describe, expect, it } from 'vitest';
import { decodeCookies } from '../../lib/decode/decode';
import { fixtureFiles, loadFixtures, SUPPORTED_FIXTURES, type FixtureCase } from '../fixtures';

/** The decoded report must match what the real framework made and judged (see scripts/fixtures/). */
async function decodeCase(testCase: FixtureCase, now: number) {
  const jar = [testCase.cookie, ...(testCase.companions ?? [])];
  const reports = await decodeCookies(jar, { secrets: testCase.secrets, now, knownSecrets: false, ...testCase.options });
  return reports[0]!;
}

function expectedConfig(config: Record<string, string>): Record<string, string> {
  // With no key derivation the salt is not part of the signature: no verifier can tell which one the app used.
  if (config.keyDerivation !== 'none') return config;
  const { salt: _unknowable, ...rest } = config;
  return rest;
}

it('every supported fixture file exists', () => {
  expect(fixtureFiles()).toEqual(expect.arrayContaining(SUPPORTED_FIXTURES));
});

for (const file of SUPPORTED_FIXTURES) {
  const fixtures = loadFixtures(file);
  describe(`${file} (made by ${fixtures.generator})`, () => {
    for (const testCase of fixtures.cases) {
      it(`${testCase.id}: ${testCase.description}`, async () => {
        const report = await decodeCase(testCase, fixtures.now);
        const expected = testCase.expect;
        expect(report.error ?? '', 'no internal error').not.toMatch(/^internal error/);
        expect(report.format).toBe(expected.format);
        if (expected.payload !== null || report.payload !== null) expect(report.payload).toEqual(expected.payload);
        if (expected.typed) expect(report.typed).toEqual(expected.typed);
        // A JWT's header is reported as a fact: its JSON text.
        if (expected.header) expect(JSON.parse(report.facts.header ?? 'null')).toEqual(expected.header);
        expect(report.issuedAt).toBe(expected.issuedAt);
        expect(report.expiresAt).toBe(expected.expiresAt);
        expect(report.expired).toBe(expected.expired);
        expect(report.signature.status).toBe(expected.signature.status);
        expect(report.signature.secretIndex).toBe(expected.signature.secretIndex);
        expect(report.signature.attack).toBe(expected.signature.attack);
        if (expected.config) expect(report.signature.config).toEqual(expectedConfig(expected.config));
      });
    }
  });
}
