import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeCookies } from '../../lib/decode/decode';
import { writeCookie } from '../../lib/formats/registry';
import type { CookieInput, DecodeOptions } from '../../lib/types';
import { loadFixtures } from '../fixtures';
import { reportProblem } from '../property/cookie-arbitraries';

const fixtures = loadFixtures('supabase.json');
const NOW = fixtures.now;
const byId = (id: string) => fixtures.cases.find((testCase) => testCase.id === id)!;
const jarOf = (id: string): CookieInput[] => [byId(id).cookie, ...(byId(id).companions ?? [])];
const options = (extra: DecodeOptions = {}): DecodeOptions => ({ now: NOW, knownSecrets: false, ...extra });
const SECRET = byId('supabase-plain').secrets[0]!;
const NAME = byId('supabase-plain').cookie.name;

describe('Supabase sessions', () => {
  it('shows a chunked session once: on .0, the other pieces are parts of it with the same verdict', async () => {
    const jar = jarOf('supabase-chunked');
    const reports = await decodeCookies(jar, options({ secrets: [SECRET] }));
    expect(reports.map((report) => [report.format, report.isSession, report.signature.status])).toEqual(jar.map((_, i) => ['supabase', i === 0, 'valid']));
    expect(reports[0]!.payload).toEqual(byId('supabase-chunked').expect.payload);
    expect(reports.slice(1).map((report) => report.payload)).toEqual(jar.slice(1).map(() => null));
  });

  it('reads `<name>` and not its pieces when both are set, as combineChunks does', async () => {
    const [whole] = jarOf('supabase-plain');
    const reports = await decodeCookies([whole!, ...jarOf('supabase-chunked')], options({ secrets: [SECRET] }));
    expect(reports[0]).toMatchObject({ format: 'supabase', isSession: true, payload: byId('supabase-plain').expect.payload });
    for (const report of reports.slice(1)) expect(report.format).not.toBe('supabase');
  });

  it('reads raw JSON pieces as the cookie serializer percent-encoded them', async () => {
    const session = byId('supabase-raw').expect.payload;
    const encoded = encodeURIComponent(JSON.stringify(session));
    const jar = [
      { name: `${NAME}.0`, value: encoded.slice(0, 400) },
      { name: `${NAME}.1`, value: encoded.slice(400) },
    ];
    const [report] = await decodeCookies(jar, options({ secrets: [SECRET] }));
    expect(report).toMatchObject({ format: 'supabase', payload: session, signature: { status: 'valid' } });
  });

  it('says what is wrong with a session cookie that has no access token', async () => {
    const value = `base64-${Buffer.from(JSON.stringify({ refresh_token: 'r' })).toString('base64url')}`;
    const [report] = await decodeCookies([{ name: NAME, value }], options({ secrets: [SECRET] }));
    expect(report).toMatchObject({ format: 'supabase', payload: null, signature: { status: 'invalid' }, error: 'malformed: the session has no access_token' });
  });

  it('verifies an access token of an asymmetric signing key (ES256) with the public key, and still shows the session', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const session = { ...(byId('supabase-plain').expect.payload as Record<string, unknown>) };
    session.access_token = await new SignJWT({ sub: 'u1', role: 'authenticated', iat: NOW, exp: NOW + 3600 }).setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'JWT' }).sign(privateKey);
    const value = `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`;
    const [report] = await decodeCookies([{ name: NAME, value }], options({ secrets: [publicKey.export({ type: 'spki', format: 'pem' }) as string] }));
    expect(report).toMatchObject({ format: 'supabase', payload: session, signature: { status: 'valid' }, facts: { alg: 'ES256' } });
  });

  it('writes only under a Supabase storage key name', async () => {
    const result = await writeCookie('supabase', byId('supabase-plain').expect.payload, SECRET, {});
    expect(result).toMatchObject({ ok: false, problem: { code: 'cannot-write' } });
  });

  it('never throws on hostile chunk jars', async () => {
    const { value } = byId('supabase-plain').cookie;
    const piece = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(value, value.slice(0, 300), value.slice(300), 'base64-', '{"access_token":1}'));
    const jar = fc.array(fc.tuple(fc.oneof(fc.nat({ max: 70 }), fc.constant(0)), piece), { maxLength: 80 }).map((pieces) => {
      const cookies = new Map<string, string>();
      for (const [index, text] of pieces) cookies.set(`${NAME}.${index}`, text);
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
