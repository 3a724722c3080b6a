import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeCookie } from '../../lib/decode/decode';
import type { DecodeOptions } from '../../lib/types';

const SECRET = 'right-key';
const options = (extra: DecodeOptions = {}): DecodeOptions => ({ now: 1_795_306_710, knownSecrets: false, ...extra });

type Derivation = 'django-concat' | 'hmac' | 'concat';

/** itsdangerous' `Signer(secret, salt, key_derivation).sign(value)` with SHA-1, written from its documentation. */
function sign(value: string, salt: string, derivation: Derivation, secret = SECRET): string {
  const key =
    derivation === 'hmac'
      ? createHmac('sha1', secret).update(salt).digest()
      : createHash('sha1').update(derivation === 'django-concat' ? `${salt}signer${secret}` : `${salt}${secret}`).digest();
  return `${value}.${createHmac('sha1', key).update(value).digest('base64url')}`;
}

/** The salts of every supported format that signs the itsdangerous way. */
const FAMILY_SALTS = ['cookie-session', 'flask-session', 'itsdangerous', 'itsdangerous.Signer'];
const DJANGO_SALTS = ['django.contrib.sessions.backends.signed_cookies', 'django.core.signing', 'django.core.signing.Signer', 'django.core.signing.TimestampSigner'];
const KNOWN: [string, Derivation][] = [
  ...FAMILY_SALTS.flatMap((salt) => (['django-concat', 'hmac', 'concat'] as const).map((derivation): [string, Derivation] => [salt, derivation])),
  ...DJANGO_SALTS.map((salt): [string, Derivation] => [salt, 'django-concat']),
];

describe('itsdangerous signatures', () => {
  it.each(KNOWN)('the right key verifies a raw value signed with salt %s, key derivation %s', async (salt, derivation) => {
    const report = await decodeCookie({ name: 'session', value: sign('user-42 admin', salt, derivation) }, options({ secrets: [SECRET] }));
    expect(report).toMatchObject({ format: 'itsdangerous', payload: 'user-42 admin', signature: { status: 'valid', secretIndex: 0 } });
    expect(report.signature.config).toEqual({ salt, keyDerivation: derivation, digest: 'sha1' });
  });

  it('a wrong key gets invalid, without claiming that another key signed the cookie', async () => {
    const value = sign('user-42 admin', 'flask-session', 'hmac');
    const one = await decodeCookie({ name: 'session', value }, options({ secrets: ['wrong'] }));
    expect(one.signature).toEqual({
      status: 'invalid',
      detail: 'No known signing configuration matches the secret: the cookie was signed with another key, with a configuration Session Lens does not know, or altered.',
    });
    const two = await decodeCookie({ name: 'session', value }, options({ secrets: ['wrong', 'also wrong'] }));
    expect(two.signature.detail).toMatch(/^No known signing configuration matches any of the 2 secrets: /);
  });

  it('a salt Session Lens does not know is verified once given as the salt option', async () => {
    const value = sign('user-42 admin', 'email-confirm', 'hmac');
    const without = await decodeCookie({ name: 'token', value }, options({ secrets: [SECRET] }));
    expect(without.signature.status).toBe('invalid');
    expect(without.signature.detail).toMatch(/configuration Session Lens does not know/);
    const given = await decodeCookie({ name: 'token', value }, options({ secrets: [SECRET], salt: 'email-confirm' }));
    expect(given.signature).toMatchObject({ status: 'valid', config: { salt: 'email-confirm', keyDerivation: 'hmac' } });
  });
});

describe('Flask-Session ids', () => {
  it.each([16, 22, 43, 64, 86])('a signed token_urlsafe id of %i characters is a Flask-Session id', async (length) => {
    const id = 'Zx9_-'.repeat(18).slice(0, length);
    const report = await decodeCookie({ name: 'session', value: sign(id, 'flask-session', 'hmac') }, options({ secrets: [SECRET] }));
    expect(report).toMatchObject({ format: 'flask-session-id', payload: id, signature: { status: 'valid', config: { salt: 'flask-session', keyDerivation: 'hmac' } } });
  });

  it('an id-shaped value signed with another salt verifies, as the itsdangerous token it is', async () => {
    const id = '0b6f3c1e-8a8f-4d0e-9f43-2a5c7e1d9b20';
    const report = await decodeCookie({ name: 'session', value: sign(id, 'itsdangerous.Signer', 'django-concat') }, options({ secrets: [SECRET] }));
    expect(report).toMatchObject({ format: 'itsdangerous', payload: id, signature: { status: 'valid', config: { salt: 'itsdangerous.Signer' } } });
  });

  it('a URLSafeSerializer body (base64url JSON) is read as JSON, not taken for an id', async () => {
    const body = Buffer.from('{"user_id":42,"scope":"read"}').toString('base64url');
    const report = await decodeCookie({ name: 'session', value: sign(body, 'itsdangerous', 'django-concat') }, options({ secrets: [SECRET] }));
    expect(report).toMatchObject({ format: 'itsdangerous', payload: { user_id: 42, scope: 'read' }, signature: { status: 'valid' } });
  });

  it('a bare value in the session cookie is a Flask-Session id only in its default shapes', async () => {
    const token43 = await decodeCookie({ name: 'session', value: 'A1b2_'.repeat(9).slice(0, 43) }, options());
    expect(token43).toMatchObject({ format: 'flask-session-id', signature: { status: 'unsigned' } });
    const token22 = await decodeCookie({ name: 'session', value: 'A1b2_'.repeat(5).slice(0, 22) }, options());
    expect(token22.format).toBe('opaque-id');
  });
});
