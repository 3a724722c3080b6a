import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeCookie, decodeCookies } from '../../lib/decode/decode';
import type { CookieInput, DecodeOptions } from '../../lib/types';

const NOW = 1_795_306_530;
const options = (extra: DecodeOptions = {}): DecodeOptions => ({ now: NOW, knownSecrets: false, ...extra });

const keygrip = (key: string, data: string, digest = 'sha1') => createHmac(digest, key).update(data).digest('base64url');
/** cookie-signature: standard base64 without `=`. */
const cookieSign = (value: string, secret: string) => `s:${value}.${createHmac('sha256', secret).update(value).digest('base64').replace(/=+$/, '')}`;
const body = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64');

async function jar(cookies: CookieInput[], extra: DecodeOptions = {}) {
  return decodeCookies(cookies, options(extra));
}

describe('cookie-session', () => {
  const value = body({ userId: 1 });
  const sig = keygrip('k1', `session=${value}`);

  it('reports the .sig companion as the signature of its session, with the same verdict', async () => {
    const [session, companion] = await jar([{ name: 'session', value }, { name: 'session.sig', value: sig }], { secrets: ['k1'] });
    expect(session).toMatchObject({ format: 'express-cookie-session', isSession: true, payload: { userId: 1 }, signature: { status: 'valid' } });
    expect(companion).toMatchObject({ format: 'express-cookie-session', isSession: false, payload: null, signature: { status: 'valid', secretIndex: 0 } });
  });

  it('a missing .sig gives no session: invalid with a key, unverified without, and says why', async () => {
    const [withKey] = await jar([{ name: 'session', value }], { secrets: ['k1'] });
    expect(withKey).toMatchObject({ format: 'express-cookie-session', payload: { userId: 1 }, signature: { status: 'invalid' } });
    expect(withKey!.warnings.join(' ')).toMatch(/No "session\.sig" cookie/);
    const [withoutKey] = await jar([{ name: 'session', value }]);
    expect(withoutKey!.signature.status).toBe('unverified');
  });

  it('leaves koa-session\'s default name to koa-session, and an arbitrary name without a .sig to nothing', async () => {
    const [koa, other] = await jar([
      { name: 'koa:sess', value },
      { name: 'prefs', value },
    ]);
    expect(koa!.format).toBe('koa-session');
    expect(other!.format).toBe('unknown');
  });

  it('a .sig that is no keygrip signature is reported, not thrown', async () => {
    const [session] = await jar([{ name: 'session', value }, { name: 'session.sig', value: 'not a signature!' }], { secrets: ['k1'] });
    expect(session!.signature.status).toBe('invalid');
    expect(session!.warnings.join(' ')).toMatch(/not a keygrip signature/);
  });

  it('a body that is not JSON is malformed when the .sig says it is cookie-session', async () => {
    const garbled = Buffer.from('{"userId":').toString('base64');
    const [session] = await jar([{ name: 'session', value: garbled }, { name: 'session.sig', value: keygrip('k1', `session=${garbled}`) }], { secrets: ['k1'] });
    expect(session!.format).toBe('express-cookie-session');
    expect(session!.error).toMatch(/^malformed: /);
    expect(session!.signature.status).toBe('valid');
  });

  it('verifies a SHA-512 keygrip signature', async () => {
    const [session] = await jar([{ name: 'session', value }, { name: 'session.sig', value: keygrip('k1', `session=${value}`, 'sha512') }], { secrets: ['k1'] });
    expect(session!.signature).toMatchObject({ status: 'valid', config: { digest: 'sha512' } });
  });
});

describe('express-session and cookie-parser', () => {
  it('flags connect.sid signed with the README secret "keyboard cat"', async () => {
    const value = encodeURIComponent(cookieSign('x2L0nlb8eWJyMuUy-D5D_0_dhUfGRONW', 'keyboard cat'));
    const report = await decodeCookie({ name: 'connect.sid', value }, { now: NOW });
    expect(report).toMatchObject({ format: 'express-session-id', payload: 'x2L0nlb8eWJyMuUy-D5D_0_dhUfGRONW', facts: { wire: 'percent-encoded' } });
    expect(report.signature).toMatchObject({ status: 'valid', knownSecret: 'keyboard cat' });
  });

  it('a connect.sid whose signature is cut short is malformed express-session, not something else', async () => {
    const report = await decodeCookie({ name: 'connect.sid', value: 's%3Ax2L0nlb8eWJyMuUy-D5D_0_dhUfGRONW.Bedugb3c' }, options({ secrets: ['x'] }));
    expect(report).toMatchObject({ format: 'express-session-id', payload: 'x2L0nlb8eWJyMuUy-D5D_0_dhUfGRONW', signature: { status: 'invalid' } });
    expect(report.error).toMatch(/^malformed: /);
  });

  it('an unsigned connect.sid is a bare id', async () => {
    const report = await decodeCookie({ name: 'connect.sid', value: 'x2L0nlb8eWJyMuUy-D5D_0_dhUfGRONW' }, options());
    expect(report).toMatchObject({ format: 'opaque-id', payload: 'x2L0nlb8eWJyMuUy-D5D_0_dhUfGRONW', signature: { status: 'unsigned' } });
  });

  it('an express-session id under a custom name is still recognised by its uid-safe shape', async () => {
    const report = await decodeCookie({ name: 'app.sid', value: cookieSign('vhdC3TBAmVj255KtaP19Rej-7_cFVnOp', 's3cret') }, options({ secrets: ['s3cret'] }));
    expect(report).toMatchObject({ format: 'express-session-id', signature: { status: 'valid' } });
  });

  it.each([
    ['j:null', 'j:null'],
    ['j:0', 'j:0'],
    ['j:{bad json', 'j:{bad json'],
    ['j:[1,2]', [1, 2]],
    ['j:"text"', 'text'],
  ])('cookie-parser gives %s as %j', async (signedValue, expected) => {
    const report = await decodeCookie({ name: 'pref', value: cookieSign(signedValue, 'cookie secret') }, options({ secrets: ['cookie secret'] }));
    expect(report).toMatchObject({ format: 'express-signed', signature: { status: 'valid' } });
    expect(report.payload).toEqual(expected);
  });

  it('splits at the last dot: dots inside the value are part of it', async () => {
    const report = await decodeCookie({ name: 'host', value: cookieSign('example.co.uk', 'k') }, options({ secrets: ['k'] }));
    expect(report).toMatchObject({ format: 'express-signed', payload: 'example.co.uk', signature: { status: 'valid' } });
  });
});
