import { describe, expect, it } from 'vitest';
import { decodeCookies } from '../../lib/decode/decode';
import { jwtTestToken } from '../../lib/edit/jwt-variants';
import type { SessionReport } from '../../lib/types';
import { loadFixtures } from '../fixtures';

const { keys, cases, now } = loadFixtures('jwt-confusion.json') as ReturnType<typeof loadFixtures> & { keys: { rsa: { spki: string; jwk: string } } };
/** A real RS256 token (PyJWT/jose made) and its issuer's public key. */
const rs256 = cases.find((testCase) => testCase.id === 'jwt-confusion-rs256-spki')!;
const CLAIMS = { sub: 'admin', role: 'root' };
const HEADER = { alg: 'RS256', typ: 'JWT', kid: 'k1' };

async function decode(token: string, secrets: string[]): Promise<SessionReport> {
  const [report] = await decodeCookies([{ name: 'token', value: token }], { secrets, now, knownSecrets: false });
  return report!;
}

function tokenOf(result: Awaited<ReturnType<typeof jwtTestToken>>): string {
  if (!result.ok) throw new Error(result.message);
  return result.token;
}

const jsonPart = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString()) as unknown;

describe('JWT test tokens', () => {
  it('the fixture is a real RS256 token its public key verifies', async () => {
    expect((await decode(rs256.cookie.value, [keys.rsa.spki])).signature.status).toBe('valid');
  });

  it('alg none: header {alg: none, the typ kept}, the claims, an empty signature: an unsigned JWT', async () => {
    const token = tokenOf(await jwtTestToken('alg-none', CLAIMS, HEADER));
    const [header, claims, signature] = token.split('.');
    expect([jsonPart(header!), jsonPart(claims!), signature]).toEqual([{ alg: 'none', typ: 'JWT' }, CLAIMS, '']);
    const report = await decode(token, [keys.rsa.spki]);
    expect(report).toMatchObject({ format: 'jwt', payload: CLAIMS, signature: { status: 'unsigned' } });
    expect(report.warningCodes).toEqual(['unsigned-jwt']);
    expect(jsonPart(tokenOf(await jwtTestToken('alg-none', CLAIMS, { alg: 'RS256' })).split('.')[0]!)).toEqual({ alg: 'none' });
  });

  it('public key as HMAC secret: HS256 over the claims, named as algorithm confusion by the public key it was made with', async () => {
    const token = tokenOf(await jwtTestToken('public-key-hmac', CLAIMS, HEADER, keys.rsa.spki));
    expect(jsonPart(token.split('.')[0]!)).toEqual({ ...HEADER, alg: 'HS256' });
    const report = await decode(token, [keys.rsa.spki]);
    expect(report).toMatchObject({ format: 'jwt', payload: CLAIMS, signature: { status: 'invalid', attack: 'jwt-algorithm-confusion', secretIndex: 0 } });
    expect(report.warningCodes).toContain('public-key-forgery');
  });

  it('public key as HMAC secret needs a public key', async () => {
    expect(await jwtTestToken('public-key-hmac', CLAIMS, HEADER)).toEqual({ ok: false, message: 'the public key is needed, as PEM or JWK' });
    expect(await jwtTestToken('public-key-hmac', CLAIMS, HEADER, 'a shared secret')).toMatchObject({ ok: false });
  });

  it('empty signature: the original header and claims, no signature part, which no key verifies', async () => {
    const [header, claims] = rs256.cookie.value.split('.');
    const original = { header: jsonPart(header!) as Record<string, unknown>, claims: jsonPart(claims!) };
    const token = tokenOf(await jwtTestToken('empty-signature', original.claims, original.header));
    expect(token.split('.').map((part, i) => (i < 2 ? jsonPart(part) : part))).toEqual([original.header, original.claims, '']);
    const report = await decode(token, [keys.rsa.spki]);
    expect(report.format).toBe('jwt');
    expect(report.payload).toEqual(original.claims);
    expect(report.signature.status).not.toBe('valid');
  });

  it('refuses claims that are not a JSON object', async () => {
    expect(await jwtTestToken('alg-none', ['x'], HEADER)).toMatchObject({ ok: false });
    expect(await jwtTestToken('empty-signature', { n: Number.NaN }, HEADER)).toMatchObject({ ok: false });
  });
});
