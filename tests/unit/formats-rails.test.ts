import { createCipheriv, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeCookie } from '../../lib/decode/decode';
import type { DecodeOptions } from '../../lib/types';

const NOW = 1_795_306_660;
const SECRET = 'f'.repeat(64) + '0123456789abcdef'.repeat(4);
const options = (extra: DecodeOptions = {}): DecodeOptions => ({ now: NOW, knownSecrets: false, ...extra });
const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64');
/** Ruby `Marshal.dump(42)`. */
const MARSHAL_42 = Buffer.from([0x04, 0x08, 0x69, 0x2f]);

function envelope(message: Buffer | string, pur: string | null, exp: string | null = null): string {
  return JSON.stringify({ _rails: { message: b64(message), exp, pur } });
}

function railsSign(data: Buffer | string, { kdf = 'sha1', hmac = 'sha1', secret = SECRET, raw = false } = {}): string {
  const encoded = b64(data);
  const key = raw ? Buffer.from(secret) : pbkdf2Sync(secret, 'signed cookie', 1000, 64, kdf);
  return `${encoded}--${createHmac(hmac, key).update(encoded).digest('hex')}`;
}

function railsEncrypt(plain: string | Buffer, kdf = 'sha1'): string {
  const key = pbkdf2Sync(SECRET, 'authenticated encrypted cookie', 1000, 32, kdf);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return encodeURIComponent(`${b64(ct)}--${b64(iv)}--${b64(cipher.getAuthTag())}`);
}

describe('Rails signed cookies', () => {
  it('verifies a SHA-256 key generator with a SHA-256 HMAC (Rails 7 with signed_cookie_digest SHA256)', async () => {
    const value = railsSign(envelope('"dark"', 'cookie.theme'), { kdf: 'sha256', hmac: 'sha256' });
    const report = await decodeCookie({ name: 'theme', value }, options({ secrets: [SECRET] }));
    expect(report).toMatchObject({ format: 'rails-signed', payload: 'dark', signature: { status: 'valid' } });
    expect(report.signature.config).toEqual({ digest: 'sha256', keyDerivation: "pbkdf2-hmac-sha256(secret_key_base, 'signed cookie', 1000, 64)" });
  });

  it('verifies a Rails 3 cookie signed with secret_token as-is, reads its Marshal and warns about it', async () => {
    const value = railsSign(MARSHAL_42, { raw: true, secret: 'an old secret_token' });
    const report = await decodeCookie({ name: 'user_id', value }, options({ secrets: ['an old secret_token'] }));
    expect(report).toMatchObject({ format: 'rails-signed', payload: 42, typed: { type: 'number', value: 42 }, facts: { serializer: 'Marshal' } });
    expect(report.signature).toMatchObject({ status: 'valid', config: { keyDerivation: 'secret_token used as-is (Rails 3)' } });
    expect(report.warnings.join(' ')).toMatch(/Marshal/);
    expect(report.error).toBeUndefined();
  });

  it('reads a value written without metadata (before Rails 6.0)', async () => {
    const value = railsSign('{"theme":"dark"}');
    const report = await decodeCookie({ name: 'prefs', value }, options({ secrets: [SECRET] }));
    expect(report).toMatchObject({ payload: { theme: 'dark' }, expiresAt: null, signature: { status: 'valid' } });
    expect(report.facts.metadata).toMatch(/none/);
  });

  it('a purpose for another cookie can never verify, and says so even without a key', async () => {
    const value = railsSign(envelope('42', 'cookie.user_id'));
    const report = await decodeCookie({ name: 'account_id', value }, options());
    expect(report).toMatchObject({ format: 'rails-signed', payload: 42 });
    expect(report.warnings.join(' ')).toMatch(/"cookie\.user_id", not for "cookie\.account_id"/);
  });

  it('flags a cookie signed with a publicly known secret_key_base (PBKDF2 checks included)', async () => {
    const value = railsSign(envelope('42', 'cookie.user_id'), { secret: 'change_me' });
    const report = await decodeCookie({ name: 'user_id', value }, { now: NOW });
    expect(report.signature).toMatchObject({ status: 'valid', knownSecret: 'change_me' });
  });
});

describe('Rails encrypted cookies', () => {
  it('says what is missing before a key opens it, and what it learned after', async () => {
    const value = railsEncrypt(envelope('{"session_id":"ab","user_id":1}', 'cookie._app_session'), 'sha256');
    const closed = await decodeCookie({ name: '_app_session', value }, options());
    expect(closed).toMatchObject({ format: 'rails-encrypted', payload: null, signature: { status: 'unverified' }, label: 'Rails session (encrypted cookie store)' });
    expect(closed.facts.contents).toMatch(/add secret_key_base/);
    const open = await decodeCookie({ name: '_app_session', value }, options({ secrets: ['wrong', SECRET] }));
    expect(open).toMatchObject({ payload: { session_id: 'ab', user_id: 1 }, signature: { status: 'valid', secretIndex: 1, config: { digest: 'sha256' } } });
    expect(open.facts.contents).toBeUndefined();
    expect(open.facts).toMatchObject({ serializer: 'JSON', purpose: 'cookie._app_session', wire: 'percent-encoded' });
  });

  it('explains why a value moved to another cookie name is invalid though the key decrypts it', async () => {
    const value = railsEncrypt(envelope('"tok"', 'cookie.remember_token'));
    const report = await decodeCookie({ name: 'other', value }, options({ secrets: [SECRET] }));
    expect(report).toMatchObject({ format: 'rails-encrypted', payload: null, signature: { status: 'invalid' } });
    expect(report.warnings.join(' ')).toMatch(/not for "cookie\.other"/);
  });

  it('decrypts a Marshal session, reads it without loading anything, and warns', async () => {
    const value = railsEncrypt(envelope(MARSHAL_42, 'cookie.x'));
    const report = await decodeCookie({ name: 'x', value }, options({ secrets: [SECRET] }));
    expect(report).toMatchObject({ payload: 42, typed: { type: 'number', value: 42 }, signature: { status: 'valid' }, facts: { serializer: 'Marshal' } });
    expect(report.warningCodes).toContain('code-execution-serializer');
  });

  it('reports Marshal it cannot read as malformed, keeping the warning', async () => {
    const value = railsSign(Buffer.from([0x04, 0x08, 0x5b, 0x0a]), { raw: true, secret: 'an old secret_token' });
    const report = await decodeCookie({ name: 'user_id', value }, options());
    expect(report).toMatchObject({ format: 'rails-signed', payload: null, error: 'malformed: a count of 5 does not fit in the data' });
    expect(report.warningCodes).toContain('code-execution-serializer');
  });

  it('an envelope with an exp in the past is valid but expired', async () => {
    const value = railsEncrypt(envelope('1', 'cookie.x', '2026-11-22T00:00:00.500Z'));
    const report = await decodeCookie({ name: 'x', value }, options({ secrets: [SECRET] }));
    expect(report).toMatchObject({ expiresAt: Date.UTC(2026, 10, 22) / 1000, expired: true, signature: { status: 'valid' } });
  });

  it.each([
    ['parts of the wrong size', `${b64('x'.repeat(20))}--${b64('iv')}--${b64('t'.repeat(16))}`],
    ['a legacy body that is not b64--b64', `${b64('hello')}--${'a'.repeat(40)}`],
    ['two dashes only', 'abc--def'],
  ])('is not taken for an encrypted Rails cookie with %s', async (_why, value) => {
    const report = await decodeCookie({ name: 'x', value }, options({ secrets: [SECRET] }));
    expect(report.format).not.toBe('rails-encrypted');
    expect(report.error ?? '').not.toMatch(/^internal error/);
  });
});
