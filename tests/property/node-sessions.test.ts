import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase64 } from '../../lib/codec/base64';
import { encodeUtf8 } from '../../lib/codec/text';
import { decodeCookies } from '../../lib/decode/decode';
import { reportProblem } from './cookie-arbitraries';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const signatureText = (length: number) => fc.string({ unit: fc.constantFrom(...BASE64), minLength: length, maxLength: length });
const base64Of = (text: string) => encodeBase64(encodeUtf8(text));

/** Numbers a hostile body may put where koa-session keeps its times. */
const anyNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -0));
const koaTimes = fc.record({ _expire: fc.oneof(anyNumber, fc.jsonValue()), _maxAge: fc.oneof(anyNumber, fc.jsonValue()), _session: fc.jsonValue() }, { requiredKeys: [] });
const sessionBody = fc
  .tuple(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 6 }), koaTimes)
  .map(([data, times]) => JSON.stringify({ ...data, ...times }));

async function holds(jar: { name: string; value: string }[]): Promise<void> {
  const reports = await decodeCookies(jar, { secrets: ['k1'], now: 1_800_000_000, knownSecrets: false });
  for (const report of reports) {
    const problem = reportProblem(report);
    if (problem) throw new Error(`${problem} for ${JSON.stringify(jar).slice(0, 300)}`);
  }
}

describe('koa-session, Remix and Hono readers never throw and always explain themselves', () => {
  it('on keygrip session jars with any body, any times and any .sig', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('koa.sess', 'koa:sess', 'session', 'myapp'), fc.oneof(sessionBody.map(base64Of), fc.string({ maxLength: 200 })), fc.option(fc.string({ maxLength: 60 })), async (name, value, sig) => {
        await holds(sig === null ? [{ name, value }] : [{ name, value }, { name: `${name}.sig`, value: sig }]);
      }),
      { numRuns: 600 },
    );
  });

  it('on Remix-shaped values: base64 of any text, a 43-character signature, percent-encoded or not', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue().map((value) => JSON.stringify(value)), fc.string({ unit: 'binary', maxLength: 200 })), signatureText(43), fc.boolean(), async (text, sig, encoded) => {
        const value = `${base64Of(text)}.${sig}`;
        await holds([{ name: '__session', value: encoded ? encodeURIComponent(value) : value }]);
      }),
      { numRuns: 600 },
    );
  });

  it('on Hono-shaped values: any text, a padded 44-character signature, percent-encoded', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), signatureText(43), async (text, sig) => {
        await holds([{ name: 'theme', value: encodeURIComponent(`${text.replace(/[\uD800-\uDFFF]/g, '?')}.${sig}=`) }]);
      }),
      { numRuns: 600 },
    );
  });

  it('reads a session whose body is nested past the depth limit as malformed, not by recursion', async () => {
    const deep = `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const [koa] = await decodeCookies([{ name: 'koa.sess', value: base64Of(deep) }, { name: 'koa.sess.sig', value: 'x'.repeat(27) }]);
    expect(koa).toMatchObject({ format: 'koa-session', payload: null, error: expect.stringMatching(/^malformed: /) });
    const [remix] = await decodeCookies([{ name: '__session', value: `${base64Of(deep)}.${'A'.repeat(43)}` }]);
    expect(remix).toMatchObject({ format: 'remix', payload: null, error: expect.stringMatching(/^malformed: /) });
  });
});
