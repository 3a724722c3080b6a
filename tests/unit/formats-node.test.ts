import { describe, expect, it } from 'vitest';
import { decodeCookies } from '../../lib/decode/decode';
import { writeCookie } from '../../lib/formats/registry';
import { loadFixtures } from '../fixtures';

const express = loadFixtures('express.json').cases;
const koa = loadFixtures('koa-session.json').cases;
const byId = (cases: typeof express, id: string) => cases.find((testCase) => testCase.id === id)!;

async function decode(jar: { name: string; value: string }[], secrets: string[] = []) {
  return decodeCookies(jar, { secrets, knownSecrets: false, now: 1_800_000_000 });
}

describe('koa-session or cookie-session: the same keygrip scheme, told apart by body and name', () => {
  it("a cookie-session pair under koa's default name is read as koa-session (its default name decides)", async () => {
    const plain = byId(express, 'express-cookie-session-plain');
    const [session, sig] = await decode([{ name: 'koa.sess', value: plain.cookie.value }, { name: 'koa.sess.sig', value: plain.companions![0]!.value }]);
    expect(session).toMatchObject({ format: 'koa-session', payload: { userId: 42, role: 'admin' }, expiresAt: null });
    expect(sig).toMatchObject({ format: 'koa-session', isSession: false });
  });

  it('a koa-session pair under cookie-session\'s name "session" stays koa-session: its _expire and _maxAge decide', async () => {
    const plain = byId(koa, 'koa-session-plain');
    const [session, sig] = await decode([{ name: 'session', value: plain.cookie.value }, { name: 'session.sig', value: plain.companions![0]!.value }]);
    expect(session).toMatchObject({ format: 'koa-session', payload: plain.expect.payload, expiresAt: plain.expect.expiresAt });
    expect(sig).toMatchObject({ format: 'koa-session', isSession: false, label: 'koa-session signature of "session"' });
  });

  it('a cookie-session pair under any other name stays cookie-session, its companion too', async () => {
    const named = byId(express, 'express-cookie-session-custom-name');
    const reports = await decode([named.cookie, ...named.companions!], named.secrets);
    expect(reports.map((report) => [report.format, report.isSession])).toEqual([['express-cookie-session', true], ['express-cookie-session', false]]);
    expect(reports[0]!.signature.status).toBe('valid');
  });

  it('koa-session without its .sig is recognised by name or by its times, and says what is missing', async () => {
    const named = byId(koa, 'koa-session-custom-name');
    const [report] = await decode([named.cookie], named.secrets);
    expect(report).toMatchObject({ format: 'koa-session', warningCodes: ['missing-signature-cookie'], signature: { status: 'invalid' } });
  });

  it('hides koa-session\'s own keys from the payload, as ctx.session.toJSON() does, and keeps the times', async () => {
    const written = await writeCookie('koa-session', { user: 'ann' }, 'k1', { issuedAt: 1_700_000_000 });
    expect(written.ok).toBe(true);
    if (!written.ok) return;
    const body = JSON.parse(atob(written.cookies[0]!.value)) as unknown;
    expect(body).toEqual({ user: 'ann', _expire: 1_700_086_400_000, _maxAge: 86_400_000 });
    const [report] = await decode(written.cookies, ['k1']);
    expect(report).toMatchObject({ format: 'koa-session', payload: { user: 'ann' }, issuedAt: 1_700_000_000, expiresAt: 1_700_086_400, expired: true, signature: { status: 'valid' } });
  });
});

describe('Remix or Hono: one HMAC-SHA256, told apart by the signature padding', () => {
  it('the same JSON value signed the same way reads as Remix unpadded and as Hono padded', async () => {
    const remix = await writeCookie('remix', { userId: 1 }, 's', {});
    const hono = await writeCookie('hono', 'eyJ1c2VySWQiOjF9', 's', { name: '__session' });
    expect(remix.ok && hono.ok).toBe(true);
    if (!remix.ok || !hono.ok) return;
    expect(decodeURIComponent(hono.cookies[0]!.value)).toBe(`${decodeURIComponent(remix.cookies[0]!.value)}=`);
    const [asRemix] = await decode(remix.cookies, ['s']);
    const [asHono] = await decode(hono.cookies, ['s']);
    expect(asRemix).toMatchObject({ format: 'remix', payload: { userId: 1 }, signature: { status: 'valid' } });
    expect(asHono).toMatchObject({ format: 'hono', payload: 'eyJ1c2VySWQiOjF9', signature: { status: 'valid' } });
  });

  it('is neither when the text before a 43-character signature is not base64 of JSON, or a 44th character is not =', async () => {
    const sig = 'A'.repeat(43);
    const [notJson, noPadding] = await decode([{ name: '__session', value: `${btoa('not json')}.${sig}` }, { name: 'theme', value: `dark.${sig}B` }]);
    expect(notJson!.format).not.toBe('remix');
    expect(noPadding!.format).not.toBe('hono');
  });

  it('names better-auth cookies as better-auth sessions', async () => {
    const [report] = await decode([{ name: '__Secure-better-auth.session_token', value: encodeURIComponent(`token.${'A'.repeat(43)}=`) }]);
    expect(report).toMatchObject({ format: 'hono', label: 'better-auth signed cookie', isSession: true, payload: 'token' });
  });
});

describe('what these writers cannot write is a problem', () => {
  const refusals: [string, Parameters<typeof writeCookie>][] = [
    ['a Hono value that is not text', ['hono', { a: 1 }, 'k', { name: 'theme' }]],
    ['a Hono cookie without its name', ['hono', 'dark', 'k', {}]],
    ['a koa-session key koa-session does not save', ['koa-session', { _private: 1 }, 'k', {}]],
    ['a koa-session expiry before the time of signing', ['koa-session', {}, 'k', { issuedAt: 1000, expiresAt: 999 }]],
    ['a Remix value that is not JSON', ['remix', undefined, 'k', {}]],
  ];
  for (const [what, args] of refusals) {
    it(what, async () => {
      expect(await writeCookie(...args)).toMatchObject({ ok: false, problem: { code: 'cannot-write' } });
    });
  }
});
