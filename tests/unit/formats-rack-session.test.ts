import { describe, expect, it } from 'vitest';
import { encodeBase64 } from '../../lib/codec/base64';
import { encodeUtf8 } from '../../lib/codec/text';
import { decodeCookie } from '../../lib/decode/decode';
import { dumpMarshal } from '../../lib/serializers/marshal';
import { rackSessionSign } from '../../lib/signing/rack';

const NOW = 1_795_306_660;

function marshalSession(session: Record<string, unknown>, secret: string): string {
  const marshal = dumpMarshal(session);
  if (!marshal.ok) throw new Error(marshal.reason);
  return encodeURIComponent(rackSessionSign(encodeBase64(marshal.bytes), secret, 'sha1'));
}

describe('Rack session cookies', () => {
  it("flags a session signed with the key of Rack's own example", async () => {
    const value = marshalSession({ session_id: 'ab', user_id: 1 }, 'also_change_me');
    const report = await decodeCookie({ name: 'rack.session', value }, { now: NOW });
    expect(report).toMatchObject({ format: 'rack-session', payload: { session_id: 'ab', user_id: 1 }, signature: { status: 'valid', knownSecret: 'also_change_me' } });
    expect(report.warningCodes).toEqual(expect.arrayContaining(['code-execution-serializer', 'known-secret']));
  });

  it('reads a session under another key by its session_id, but leaves a Rails 3 `_<app>_session` to Rails', async () => {
    const value = marshalSession({ session_id: 'ab', _csrf_token: 'x' }, 'k');
    expect(await decodeCookie({ name: 'my.session', value }, { now: NOW, knownSecrets: false })).toMatchObject({ format: 'rack-session' });
    expect(await decodeCookie({ name: '_app_session', value }, { now: NOW, knownSecrets: false })).toMatchObject({ format: 'rails-signed' });
    const json = encodeURIComponent(rackSessionSign(encodeBase64(encodeUtf8('{"session_id":"ab"}')), 'k', 'sha1'));
    expect(await decodeCookie({ name: '_app_session', value: json }, { now: NOW, knownSecrets: false })).toMatchObject({
      format: 'rack-session',
      facts: { coder: 'Base64::JSON' },
    });
  });

  it('takes an unsigned value only under its own key, and says anyone can write it', async () => {
    const marshal = dumpMarshal({ session_id: 'ab' });
    const value = encodeURIComponent(encodeBase64(marshal.ok ? marshal.bytes : new Uint8Array()));
    const report = await decodeCookie({ name: 'rack.session', value }, { now: NOW });
    expect(report).toMatchObject({ format: 'rack-session', signature: { status: 'unsigned' }, warningCodes: ['code-execution-serializer'] });
    expect((await decodeCookie({ name: 'other', value }, { now: NOW })).format).not.toBe('rack-session');
  });

  it('reports a zlib bomb in a ZipJSON session as malformed', async () => {
    const { zlibSync } = await import('fflate');
    const bomb = zlibSync(new Uint8Array(4 * 1024 * 1024).fill(0x20), { level: 9 });
    const value = encodeURIComponent(rackSessionSign(encodeBase64(bomb), 'k', 'sha1'));
    const report = await decodeCookie({ name: 'rack.session', value }, { now: NOW, knownSecrets: false });
    expect(report).toMatchObject({ format: 'rack-session', payload: null, facts: { coder: 'Base64::ZipJSON' } });
    expect(report.error).toMatch(/^malformed: decompressed data exceeds/);
  });
});
