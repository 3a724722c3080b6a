import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { decodeCookie } from '../../lib/decode/decode';
import type { DecodeOptions } from '../../lib/types';
import { loadFixtures } from '../fixtures';

const require = createRequire(import.meta.url);
const cookieSignature = require('cookie-signature') as { sign(value: string, secret: string): string };

const NOW = 1_795_306_582;
const options = (extra: DecodeOptions = {}): DecodeOptions => ({ now: NOW, knownSecrets: false, ...extra });
const part = (json: unknown) => Buffer.from(typeof json === 'string' ? json : JSON.stringify(json)).toString('base64url');

function hs256(claims: unknown, secret: string, header: unknown = { alg: 'HS256', typ: 'JWT' }): string {
  const input = `${part(header)}.${part(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
function rs256(claims: unknown, kid?: string): string {
  const input = `${part({ alg: 'RS256', typ: 'JWT', ...(kid ? { kid } : {}) })}.${part(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), rsa.privateKey).toString('base64url')}`;
}

describe('JWT', () => {
  it('reads claims that are not JSON as malformed, header still shown', async () => {
    const token = `${part({ alg: 'HS256' })}.${part('not json')}.${part('sig')}`;
    const report = await decodeCookie({ name: 'token', value: token }, options({ secrets: ['x'] }));
    expect(report.format).toBe('jwt');
    expect(report.error).toMatch(/^malformed: /);
    expect(JSON.parse(report.facts.header!)).toEqual({ alg: 'HS256' });
  });

  it('a three-part value without a JSON header is not a JWT', async () => {
    const report = await decodeCookie({ name: 'token', value: 'abc.def.ghi' }, options());
    expect(report.format).not.toBe('jwt');
  });

  it('an HS256 signature of the wrong length is malformed and cannot verify', async () => {
    const token = `${part({ alg: 'HS256' })}.${part({ sub: '1' })}.${Buffer.alloc(20).toString('base64url')}`;
    const report = await decodeCookie({ name: 'token', value: token }, options({ secrets: ['x'] }));
    expect(report).toMatchObject({ format: 'jwt', payload: { sub: '1' }, signature: { status: 'invalid' } });
    expect(report.error).toMatch(/^malformed: HS256 signature has 20 bytes/);
  });

  it('shows nbf as a fact and keeps iat/exp', async () => {
    const report = await decodeCookie({ name: 'token', value: hs256({ iat: NOW, nbf: NOW + 86400, exp: NOW + 90000 }, 's') }, options({ secrets: ['s'] }));
    expect(report).toMatchObject({ issuedAt: NOW, expiresAt: NOW + 90000, expired: false, signature: { status: 'valid', config: { digest: 'sha256' } } });
    expect(report.facts['not valid before']).toBe(new Date((NOW + 86400) * 1000).toISOString().replace('.000Z', 'Z'));
  });

  it('alg none is unsigned with a loud warning, also when a signature part was left in', async () => {
    const token = `${part({ alg: 'none' })}.${part({ admin: true })}.${part('leftover')}`;
    const report = await decodeCookie({ name: 'token', value: token }, options({ secrets: ['s'] }));
    expect(report).toMatchObject({ format: 'jwt', payload: { admin: true }, signature: { status: 'unsigned' } });
    expect(report.warnings.join(' ')).toMatch(/alg "none".*no signature/);
    expect(report.warnings.join(' ')).toMatch(/signature part is present/);
  });

  it('flags an HS256 token signed with jwt.io\'s example secret', async () => {
    const report = await decodeCookie({ name: 'token', value: hs256({ sub: '1' }, 'your-256-bit-secret') }, { now: NOW });
    expect(report.signature).toMatchObject({ status: 'valid', knownSecret: 'your-256-bit-secret' });
  });

  describe('public keys', () => {
    const token = rs256({ sub: '42', iat: NOW }, 'key-2');
    const publicJwk = rsa.publicKey.export({ format: 'jwk' });
    const privateJwk = rsa.privateKey.export({ format: 'jwk' });

    it('verifies with a JWK', async () => {
      const report = await decodeCookie({ name: 'token', value: token }, options({ secrets: [JSON.stringify(publicJwk)] }));
      expect(report.signature).toMatchObject({ status: 'valid', secretIndex: 0, config: { alg: 'RS256', key: 'public key (JWK)' } });
    });

    it('picks the key by kid from a JWK Set', async () => {
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
      const set = { keys: [{ ...other, kid: 'key-1' }, { ...publicJwk, kid: 'key-2' }] };
      const report = await decodeCookie({ name: 'token', value: token }, options({ secrets: [JSON.stringify(set)] }));
      expect(report.signature.status).toBe('valid');
    });

    it('uses only the public half of a private JWK', async () => {
      const report = await decodeCookie({ name: 'token', value: token }, options({ secrets: [JSON.stringify({ ...privateJwk, key_ops: ['sign'] })] }));
      expect(report.signature.status).toBe('valid');
    });

    it('secrets that are no public key give invalid, never an error', async () => {
      const report = await decodeCookie({ name: 'token', value: token }, options({ secrets: ['plain secret', '{not json', '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----', '{"keys":[]}'] }));
      expect(report).toMatchObject({ format: 'jwt', payload: { sub: '42', iat: NOW }, signature: { status: 'invalid' } });
      expect(report.error).toBeUndefined();
      expect(report.facts.key).toMatch(/public key/);
    });

    it('an algorithm WebCrypto cannot verify is reported, not thrown', async () => {
      const es256k = `${part({ alg: 'ES256K' })}.${part({ sub: '1' })}.${Buffer.alloc(64).toString('base64url')}`;
      const report = await decodeCookie({ name: 'token', value: es256k }, options({ secrets: [JSON.stringify(publicJwk)] }));
      expect(report).toMatchObject({ format: 'jwt', signature: { status: 'invalid' } });
      expect(report.warnings.join(' ')).toMatch(/Unsupported algorithm "ES256K"/);
    });
  });

  describe('algorithm confusion (HS256 forged with the public key, see jwt-confusion.json)', () => {
    const fixtures = loadFixtures('jwt-confusion.json') as ReturnType<typeof loadFixtures> & { keys: { rsa: { spki: string } } };
    const forged = fixtures.cases.find((testCase) => testCase.id === 'jwt-confusion-spki-trimmed-secret')!;

    it('is invalid, names the attack and points at the public key, even with the known-key check on', async () => {
      const report = await decodeCookie(forged.cookie, { now: fixtures.now, secrets: forged.secrets });
      expect(report.signature).toMatchObject({ status: 'invalid', secretIndex: 1, attack: 'jwt-algorithm-confusion', config: { digest: 'sha256' } });
      expect(report.signature.knownSecret).toBeUndefined();
      expect(report.signature.detail).toMatch(/^Forged with the public key secret #2 as its HMAC secret .*algorithm confusion/);
      expect(report.warnings).toEqual([expect.stringMatching(/^JWT algorithm confusion: this token was forged with the public key \(secret #2\) as its HMAC secret\..*vulnerable/)]);
    });

    it('a public key is never the HMAC secret of another format either', async () => {
      const pem = fixtures.keys.rsa.spki;
      const value = `s:${cookieSignature.sign('user-42', pem)}`;
      const report = await decodeCookie({ name: 'uid', value }, options({ secrets: [pem] }));
      expect(report).toMatchObject({ format: 'express-signed', signature: { status: 'invalid' } });
      expect(report.signature.attack).toBeUndefined();
    });
  });
});
