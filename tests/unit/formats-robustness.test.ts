import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCookies } from '../../lib/decode/decode';
import { FORMATS } from '../../lib/formats/registry';
import type { Secret } from '../../lib/types';
import { loadFixtures, SUPPORTED_FIXTURES } from '../fixtures';

/** Odd secrets for every keyed format: empty, binary, PEM-ish, JSON-ish, Laravel-ish. */
const ODD_SECRETS: Secret[] = ['', 'x', new Uint8Array(0), new Uint8Array(32), '-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----', '{"keys":[{}]}', '{"kty":"RSA"}', 'base64:', 'base64:AAAA', '\u{1F600}'];

/** The same value cut short, with a character changed, with separators doubled or removed. */
function mutations(value: string): string[] {
  const out = new Set<string>();
  for (const cut of [1, 2, 5, Math.floor(value.length / 2), value.length - 1]) out.add(value.slice(0, Math.max(0, value.length - cut)));
  for (const at of [0, Math.floor(value.length / 3), Math.floor(value.length / 2), value.length - 2]) {
    for (const char of ['A', '-', '.', ':', '%', '=', '"', '|']) out.add(value.slice(0, at) + char + value.slice(at + 1));
  }
  for (const separator of ['.', ':', '--', '%3A', '|']) {
    out.add(value.split(separator).join(separator + separator));
    out.add(value.split(separator).join(''));
  }
  return [...out];
}

describe('every format module never throws', () => {
  const cases = SUPPORTED_FIXTURES.flatMap((file) => loadFixtures(file).cases);

  it('on mutated real cookies, with odd secrets', async () => {
    for (const testCase of cases) {
      for (const value of mutations(testCase.cookie.value)) {
        const jar = [{ ...testCase.cookie, value }, ...(testCase.companions ?? [])];
        const [report] = await decodeCookies(jar, { secrets: [...testCase.secrets, ...ODD_SECRETS], knownSecrets: false, now: 1_795_306_000 });
        expect(report!.error ?? '', `${testCase.id}: ${value}`).not.toMatch(/^internal error/);
      }
    }
  }, 60_000);

  it('on arbitrary names and values, read() and open() included', async () => {
    const names = fc.constantFrom('session', 'sessionid', 'connect.sid', 'token', '_app_session', 'laravel_session', 'x.sig', 'PHPSESSID', 'theme');
    await fc.assert(
      fc.asyncProperty(names, fc.string({ maxLength: 300 }), async (name, value) => {
        const jar = new Map([[name, value], [`${name}.sig`, value]]);
        for (const format of FORMATS) {
          const reading = format.read({ name, value }, { jar });
          if (reading?.signing.kind === 'keyed') for (const secret of ODD_SECRETS) await reading.signing.open(secret);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
