import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeCookie } from '../../lib/decode/decode';
import type { DecodeOptions } from '../../lib/types';

const NOW = 1_795_306_710;
const KEY = randomBytes(32);
const APP_KEY = `base64:${KEY.toString('base64')}`;
const options = (extra: DecodeOptions = {}): DecodeOptions => ({ now: NOW, knownSecrets: false, ...extra });

interface EncryptOptions {
  key?: Buffer;
  gcm?: boolean;
  /** The cookie name the prefix is made for; null = no prefix (Laravel < 6.18.29). */
  prefixFor?: string | null;
  /** EncryptCookies' `$serialize`: PHP `serialize()` of the prefixed value. */
  serialize?: boolean;
}

/** Illuminate's Encrypter + EncryptCookies, as the wire carries it (rawurlencode). */
function laravelEncrypt(plain: string | Buffer, { key = KEY, gcm = false, prefixFor = null, serialize = false }: EncryptOptions = {}): string {
  const prefixed = Buffer.concat([Buffer.from(prefixFor === null ? '' : `${createHmac('sha1', key).update(`${prefixFor}v2`).digest('hex')}|`), Buffer.from(plain)]);
  const text = serialize ? Buffer.concat([Buffer.from(`s:${prefixed.length}:"`), prefixed, Buffer.from('";')]) : prefixed;
  const bits = key.length * 8;
  const iv = randomBytes(gcm ? 12 : 16);
  const cipher = createCipheriv(`aes-${bits}-${gcm ? 'gcm' : 'cbc'}`, key, iv);
  const value = Buffer.concat([cipher.update(text), cipher.final()]).toString('base64');
  const ivText = iv.toString('base64');
  const payload = gcm
    ? { iv: ivText, value, mac: '', tag: (cipher as ReturnType<typeof createCipheriv> & { getAuthTag(): Buffer }).getAuthTag().toString('base64') }
    : { iv: ivText, value, mac: createHmac('sha256', key).update(ivText + value).digest('hex'), tag: '' };
  return encodeURIComponent(Buffer.from(JSON.stringify(payload)).toString('base64'));
}

describe('Laravel encrypted cookies', () => {
  it('opens AES-128-GCM with a 16-byte key', async () => {
    const key = randomBytes(16);
    const value = laravelEncrypt('abc', { key, gcm: true, prefixFor: 'laravel_session' });
    const report = await decodeCookie({ name: 'laravel_session', value }, options({ secrets: [`base64:${key.toString('base64')}`] }));
    expect(report).toMatchObject({ format: 'laravel-encrypted', payload: 'abc', signature: { status: 'valid' } });
    expect(report.signature.config).toEqual({ cipher: 'aes-128-gcm', keyDerivation: 'APP_KEY raw 16 bytes; GCM tag, mac empty' });
  });

  it('accepts a raw 32-character APP_KEY (old installs without base64:)', async () => {
    const raw = 'abcdefghijklmnopqrstuvwxyz012345';
    const value = laravelEncrypt('v', { key: Buffer.from(raw), prefixFor: 'c' });
    const report = await decodeCookie({ name: 'c', value }, options({ secrets: [raw] }));
    expect(report).toMatchObject({ payload: 'v', signature: { status: 'valid' } });
  });

  it('reads an unprefixed value (before 6.18.29) and warns that current Laravel refuses it', async () => {
    const value = laravelEncrypt('old value');
    const report = await decodeCookie({ name: 'c', value }, options({ secrets: [APP_KEY] }));
    expect(report).toMatchObject({ payload: 'old value', signature: { status: 'valid' } });
    expect(report.warnings.join(' ')).toMatch(/No cookie-name prefix/);
  });

  it('unserializes a PHP string from Laravel < 5.6.30, counting bytes', async () => {
    const value = laravelEncrypt('s:6:"héllo";');
    const report = await decodeCookie({ name: 'c', value }, options({ secrets: [APP_KEY] }));
    expect(report).toMatchObject({ payload: 'héllo', facts: { serializer: 'PHP serialize (EncryptCookies $serialize = true, the default before Laravel 5.6.30)' } });
  });

  it('with $serialize = true, reads the value inside the serialized string and checks its cookie-name prefix', async () => {
    const value = laravelEncrypt('id|with "quotes";', { prefixFor: 'c', serialize: true });
    const report = await decodeCookie({ name: 'c', value }, options({ secrets: [APP_KEY] }));
    expect(report).toMatchObject({ payload: 'id|with "quotes";', signature: { status: 'valid' }, facts: { serializer: expect.stringMatching(/\$serialize = true/) } });
    expect(report.facts.prefix).toMatch(/HMAC-SHA1/);
    expect(report.warnings).toEqual([]);
    const renamed = await decodeCookie({ name: 'other', value }, options({ secrets: [APP_KEY] }));
    expect(renamed).toMatchObject({ payload: null, signature: { status: 'invalid' } });
    expect(renamed.warnings.join(' ')).toMatch(/encrypted for another cookie name/);
  });

  it('counts a serialized string in bytes, whatever their encoding', async () => {
    const value = laravelEncrypt(Buffer.from([...Buffer.from('s:1:"'), 0xe9, ...Buffer.from('";')]));
    const report = await decodeCookie({ name: 'c', value }, options({ secrets: [APP_KEY] }));
    expect(report).toMatchObject({ payload: 'é', signature: { status: 'valid' } });
  });

  it.each([
    ['a length that does not match', 's:5:"héllo";'],
    ['data after the string', 's:1:"a";s:1:"b";'],
    ['an unclosed array', 'a:1:{i:0;s:1:"x";'],
  ])('shows malformed serialized data (%s) as written, and says why', async (_, plain) => {
    const report = await decodeCookie({ name: 'c', value: laravelEncrypt(plain) }, options({ secrets: [APP_KEY] }));
    expect(report).toMatchObject({ payload: plain, signature: { status: 'valid' }, facts: { serializer: expect.stringMatching(/other than a string, shown as written: not PHP serialize\(\) output/) } });
    expect(report.error).toBeUndefined();
  });

  it.each([
    ['an array', 'a:1:{i:0;s:1:"x";}', ['x']],
    ['an integer', 'i:42;', 42],
    ['an object', 'O:8:"stdClass":1:{s:1:"a";b:1;}', { '@class': 'stdClass', a: true }],
  ])('reads serialized values other than strings (%s) as data, building no object', async (_, plain, payload) => {
    const report = await decodeCookie({ name: 'c', value: laravelEncrypt(plain) }, options({ secrets: [APP_KEY] }));
    expect(report).toMatchObject({ payload, signature: { status: 'valid' }, facts: { serializer: expect.stringMatching(/^PHP serialize \(EncryptCookies/) } });
    expect(report.error).toBeUndefined();
  });

  it('shows cookie-driver data that is not serialize() output as written, and says why', async () => {
    const plain = JSON.stringify({ data: 'a:1:{', expires: 1_900_000_000 });
    const report = await decodeCookie({ name: 'c', value: laravelEncrypt(plain) }, options({ secrets: [APP_KEY] }));
    expect(report).toMatchObject({ payload: { data: 'a:1:{', expires: 1_900_000_000 }, facts: { data: expect.stringMatching(/^shown as written, not PHP serialize\(\) output/) } });
  });

  it('an app value that merely looks serialized, behind a prefix, is the value itself', async () => {
    const report = await decodeCookie({ name: 'c', value: laravelEncrypt('b:1;', { prefixFor: 'c' }) }, options({ secrets: [APP_KEY] }));
    expect(report).toMatchObject({ payload: 'b:1;', signature: { status: 'valid' } });
    expect(report.facts.serializer).toBeUndefined();
  });

  it('explains a value encrypted for another cookie name', async () => {
    const value = laravelEncrypt('id', { prefixFor: 'laravel_session' });
    const report = await decodeCookie({ name: 'XSRF-TOKEN', value }, options({ secrets: [APP_KEY] }));
    expect(report).toMatchObject({ format: 'laravel-encrypted', payload: null, signature: { status: 'invalid' } });
    expect(report.warnings.join(' ')).toMatch(/encrypted for another cookie name/);
  });

  it('says a key is needed before one is given, and names a bare session id once opened', async () => {
    const value = laravelEncrypt('A'.repeat(40), { prefixFor: 'app_session' });
    const closed = await decodeCookie({ name: 'app_session', value }, options());
    expect(closed).toMatchObject({ format: 'laravel-encrypted', signature: { status: 'unverified' }, facts: { contents: expect.stringMatching(/APP_KEY/) } });
    const open = await decodeCookie({ name: 'app_session', value }, options({ secrets: [APP_KEY] }));
    expect(open.facts.contents).toBeUndefined();
    expect(open.facts.storage).toMatch(/session id/);
  });

  it('secrets that are no APP_KEY give invalid, never an error', async () => {
    const value = laravelEncrypt('x', { prefixFor: 'c' });
    const report = await decodeCookie({ name: 'c', value }, options({ secrets: ['base64:', 'base64:!!!', 'short', new Uint8Array(7)] }));
    expect(report).toMatchObject({ format: 'laravel-encrypted', signature: { status: 'invalid' } });
    expect(report.error).toBeUndefined();
  });

  it('a payload without a mac is not an Encrypter payload', async () => {
    const value = Buffer.from(JSON.stringify({ iv: 'AAAA', value: 'AAAA' })).toString('base64');
    const report = await decodeCookie({ name: 'c', value }, options());
    expect(report.format).not.toBe('laravel-encrypted');
  });

  it('a bare laravel_session id is an opaque id, with a note', async () => {
    const report = await decodeCookie({ name: 'laravel_session', value: 'NVgS1agFWSgBDVjSid2Ce7LAo73p7w9vioZrCLEB' }, options());
    expect(report).toMatchObject({ format: 'opaque-id', signature: { status: 'unsigned' }, facts: { framework: 'Laravel' } });
    expect(report.facts.note).toMatch(/EncryptCookies/);
  });
});
