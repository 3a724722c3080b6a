import fc from 'fast-check';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeBase64Url } from '../../lib/codec/base64';
import { decodeCookie } from '../../lib/decode/decode';
import type { CookieInput } from '../../lib/types';
import { mutatedCookie, randomCookie, reportProblem, shapedCookie } from './cookie-arbitraries';

/** The ~1000 known-secret trials per signed cookie dominate the run time, so most runs leave them out. */
async function holdsFor(cookie: CookieInput, knownSecrets = false): Promise<boolean> {
  const report = await decodeCookie(cookie, { secrets: ['s3cr3t-flask-key'], now: 1_800_000_000, knownSecrets });
  const problem = reportProblem(report);
  if (problem) throw new Error(`${problem} for ${JSON.stringify(cookie).slice(0, 300)}`);
  return true;
}

describe('the decoder never throws and always explains itself', () => {
  it('on any string of any length', async () => {
    await fc.assert(fc.asyncProperty(randomCookie, (cookie) => holdsFor(cookie)), { numRuns: 1500 });
  });

  it('on real framework cookies with random edits', async () => {
    await fc.assert(fc.asyncProperty(mutatedCookie, (cookie) => holdsFor(cookie)), { numRuns: 1500 });
  });

  it('on real framework cookies with random edits, checked against the publicly known secrets too', async () => {
    await fc.assert(fc.asyncProperty(mutatedCookie, (cookie) => holdsFor(cookie, true)), { numRuns: 60 });
  }, 60_000);

  it('on values shaped like signed tokens with random parts', async () => {
    await fc.assert(fc.asyncProperty(shapedCookie, (cookie) => holdsFor(cookie)), { numRuns: 1500 });
  });

  it('on non-string input smuggled past the types', async () => {
    for (const value of [undefined, null, 42, {}, ['a']]) {
      await expect(holdsFor({ name: 'session', value } as unknown as CookieInput)).resolves.toBe(true);
    }
  });

  it('stops a zlib bomb at the limit with a message', async () => {
    const bomb = zlibSync(new Uint8Array(16 * 1024 * 1024), { level: 9 });
    const value = `.${encodeBase64Url(bomb)}.aSCl8w.ZwNqhxcG3S5LrzgvyRzHv9TUPzA`;
    const report = await decodeCookie({ name: 'session', value });
    expect(report.format).toBe('flask');
    expect(report.error).toMatch(/^malformed: decompressed data exceeds \d+ bytes/);
    expect(report.payload).toBeNull();
  });
});
