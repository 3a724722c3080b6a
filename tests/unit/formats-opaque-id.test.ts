import { describe, expect, it } from 'vitest';
import { decodeCookie } from '../../lib/decode/decode';

const decode = (name: string, value: string) => decodeCookie({ name, value }, { now: 1_795_306_000, knownSecrets: false });

describe('opaque server-side session ids', () => {
  it.each([
    ['PHPSESSID', 'u3ei1mpk3o5o9ljmmq7ne8k2v1', 'PHP'],
    ['JSESSIONID', '2C3F0FD2D4CE0F1B5F0D7E2D1A3A1B9E.node0', 'Java servlet container (Tomcat, Jetty, Spring)'],
    ['ASP.NET_SessionId', 'rwhv1kfkqkzy5v2bq3prx0mf', 'ASP.NET'],
    ['ASPSESSIONIDQQGGGNCG', 'LBDGOOPBDCOKMMJKNMCDAOKL', 'Classic ASP'],
    ['sessionid', 'q8n1x7o0ykbkd5yv8c2ewd2sd6z3m0f4', 'Django (database, cache or file session backend)'],
    ['_session_id', '3f9a2c0c5d7e4b1a9e8d7c6b5a4f3e2d', 'Ruby on Rails / Rack (server-side session store)'],
    ['_gitlab_session', '5c1b2a8d9e0f4a3b2c1d0e9f8a7b6c5d', 'Ruby on Rails (server-side session store)'],
    ['ci_session', 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0', 'CodeIgniter'],
    ['SESS0123456789abcdef0123456789abcdef', 'Xy7_abcDEF0123456789-abcdefXYZ', 'Drupal'],
    ['sid', 'aBcDeFgHiJkLmNoP', 'unknown framework'],
    ['my_app_sessionid', 'aBcDeFgHiJkLmNoP', 'unknown framework'],
  ])('%s is a %s session id', async (name, value, framework) => {
    const report = await decode(name, value);
    expect(report).toMatchObject({ format: 'opaque-id', isSession: true, payload: value, signature: { status: 'unsigned' }, facts: { framework } });
    expect(report.facts.storage).toMatch(/server-side session, id only/);
  });

  it.each([
    ['sid', 'abc', 'too short for a generic name'],
    ['sid', 'has spaces in it', 'spaces'],
    ['PHPSESSID', '"quoted;value"', 'not cookie-octets'],
    ['theme', 'aBcDeFgHiJkLmNoP', 'not a session name'],
  ])('%s=%s is not taken for an id (%s)', async (name, value) => {
    const report = await decode(name, value);
    expect(report.format).not.toBe('opaque-id');
  });

  it('a Laravel payload in a *_session cookie is laravel-encrypted, unverified, not an id', async () => {
    const value = Buffer.from(JSON.stringify({ iv: 'AAAAAAAAAAAAAAAAAAAAAA==', value: 'AAAAAAAAAAAAAAAAAAAAAA==', mac: '00', tag: '' })).toString('base64');
    const report = await decode('shop_session', value);
    expect(report).toMatchObject({ format: 'laravel-encrypted', payload: null, signature: { status: 'unverified' } });
  });
});
