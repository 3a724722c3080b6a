import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCookies } from '../../lib/decode/decode';
import { writeCookie } from '../../lib/formats/registry';
import type { CookieInput, DecodeOptions } from '../../lib/types';
import { loadFixtures } from '../fixtures';
import { reportProblem } from '../property/cookie-arbitraries';

const fixtures = loadFixtures('authjs.json');
const NOW = fixtures.now;
const byId = (id: string) => fixtures.cases.find((testCase) => testCase.id === id)!;
const jarOf = (id: string): CookieInput[] => [byId(id).cookie, ...(byId(id).companions ?? [])];
const options = (extra: DecodeOptions = {}): DecodeOptions => ({ now: NOW, knownSecrets: false, ...extra });
const SECRET = byId('authjs-v5-plain').secrets[0]!;
const header = (value: string) => JSON.parse(Buffer.from(value.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;

describe('Auth.js sessions', () => {
  it('reads the JWE header without the secret and says what opens it', async () => {
    const [report] = await decodeCookies(jarOf('authjs-v5-no-secret'), options());
    expect(report).toMatchObject({ format: 'authjs', isSession: true, payload: null, signature: { status: 'unverified' } });
    expect(report!.facts).toMatchObject({ enc: 'A256CBC-HS512', contents: 'encrypted, AUTH_SECRET needed' });
    expect(JSON.parse(report!.facts.header!)).toMatchObject({ alg: 'dir', enc: 'A256CBC-HS512' });
  });

  it('shows a chunked session once: on .0, the other pieces are parts of it with the same verdict', async () => {
    const jar = jarOf('authjs-v5-chunked');
    const reports = await decodeCookies(jar, options({ secrets: [SECRET] }));
    expect(reports.map((report) => [report.format, report.isSession, report.signature.status])).toEqual(jar.map((_, i) => ['authjs', i === 0, 'valid']));
    expect(reports[0]!.payload).toEqual(byId('authjs-v5-chunked').expect.payload);
    expect(reports[0]!.facts.chunks).toBe(`joined from ${jar.length} cookies, "authjs.session-token.0" … "authjs.session-token.${jar.length - 1}"`);
    for (const [i, report] of reports.slice(1).entries()) {
      expect(report.payload).toBeNull();
      expect(report.label).toBe(`Auth.js session (encrypted JWT), part ${i + 2} of ${jar.length}`);
    }
  });

  it('says a chunked session with a piece missing is cut short, and leaves the orphaned pieces to other formats', async () => {
    const [first, , ...rest] = jarOf('authjs-v5-chunked');
    const reports = await decodeCookies([first!, ...rest], options({ secrets: [SECRET] }));
    expect(reports[0]).toMatchObject({ format: 'authjs', signature: { status: 'invalid' }, error: 'malformed: the joined chunks are not a whole JWE: a chunk is missing or from another session' });
    for (const report of reports.slice(1)) expect(report.format).not.toBe('authjs');
  });

  it("tries the user's salt for an app that passes its own salt to encode", async () => {
    const written = await writeCookie('authjs', { sub: 'u1' }, SECRET, { name: 'authjs.session-token', salt: 'custom-salt' });
    if (!written.ok) throw new Error(written.problem.message);
    const withoutSalt = await decodeCookies(written.cookies, options({ secrets: [SECRET] }));
    expect(withoutSalt[0]!.signature.status).toBe('invalid');
    const [report] = await decodeCookies(written.cookies, options({ secrets: [SECRET], salt: 'custom-salt' }));
    expect(report).toMatchObject({ payload: { sub: 'u1' }, signature: { status: 'valid', config: { salt: 'custom-salt' } } });
  });

  it("writes the key Auth.js derives: the kid is @auth/core's thumbprint for the same secret and name", async () => {
    const written = await writeCookie('authjs', { sub: 'u1' }, SECRET, { name: 'authjs.session-token' });
    if (!written.ok) throw new Error(written.problem.message);
    expect(header(written.cookies[0]!.value).kid).toBe(header(byId('authjs-v5-plain').cookie.value).kid);
  });

  it('writes NextAuth v4 (A256GCM, no kid) for a next-auth name, chunked at v4 SessionStore size', async () => {
    const payload = byId('authjs-v4-chunked').expect.payload;
    const written = await writeCookie('authjs', payload, SECRET, { name: 'next-auth.session-token.0' });
    if (!written.ok) throw new Error(written.problem.message);
    expect(header(written.cookies[0]!.value)).toEqual({ alg: 'dir', enc: 'A256GCM' });
    expect(written.cookies.slice(0, -1).map(({ value }) => value.length)).toEqual(written.cookies.slice(0, -1).map(() => 4096 - 163));
    const [report] = await decodeCookies(written.cookies, options({ secrets: [SECRET] }));
    expect(report).toMatchObject({ label: 'NextAuth.js v4 session (encrypted JWT)', payload, signature: { status: 'valid', config: { version: 'NextAuth.js v4', salt: '' } } });
  });

  it('never throws on hostile chunk jars', async () => {
    const { value } = byId('authjs-v5-plain').cookie;
    const piece = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(value, value.slice(0, 200), value.slice(200)));
    const jar = fc.array(fc.tuple(fc.oneof(fc.nat({ max: 70 }), fc.constant(0)), piece), { maxLength: 80 }).map((pieces) => {
      const cookies = new Map<string, string>();
      for (const [index, text] of pieces) cookies.set(`authjs.session-token.${index}`, text);
      return [...cookies].map(([name, cookieValue]) => ({ name, value: cookieValue }));
    });
    await fc.assert(
      fc.asyncProperty(jar, async (cookies) => {
        for (const report of await decodeCookies(cookies, options({ secrets: [SECRET] }))) expect(reportProblem(report)).toBeNull();
      }),
      { numRuns: 150 },
    );
  });
});
