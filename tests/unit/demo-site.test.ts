// @vitest-environment node
// The `npm run demo` site: the cookies it sets over HTTP are the fixtures' real sessions, and what its page tells
// people to expect (which secret verifies what, the publicly known key, the expired JWT) is what the decoder says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSetCookie } from '../../lib/codec/cookie-header';
import { decodeCookies } from '../../lib/decode/decode';
import type { CookieInput } from '../../lib/types';
// @ts-expect-error: plain JavaScript module without type declarations
import { demoSessions, startDemoSite } from '../../scripts/demo-site.mjs';

interface DemoSession {
  framework: string;
  secret: string | null;
  fixture: { id: string; cookie: CookieInput; companions?: CookieInput[]; madeAt: number; expect: { format: string; payload: unknown; expired: boolean | null } };
}

const sessions = demoSessions() as DemoSession[];
let site: { url: string; close(): Promise<void> };
let setCookies: CookieInput[];

beforeAll(async () => {
  site = await startDemoSite();
  const response = await fetch(site.url);
  expect(response.status).toBe(200);
  setCookies = response.headers.getSetCookie().map((header) => parseSetCookie(header)!);
});
afterAll(() => site?.close());

describe('the demo site', () => {
  it('sets every fixture session (companions too) exactly as its framework wrote it, plus ordinary cookies', () => {
    for (const session of sessions) {
      for (const cookie of [session.fixture.cookie, ...(session.fixture.companions ?? [])]) {
        expect(setCookies.find((set) => set.name === cookie.name)?.value, cookie.name).toBe(cookie.value);
      }
    }
    expect(new Set(setCookies.map((cookie) => cookie.name)).size).toBe(setCookies.length);
    expect(sessions.map((session) => session.fixture.expect.format)).toEqual(
      expect.arrayContaining(['flask', 'flask-login-remember', 'django-session', 'jwt', 'express-cookie-session']),
    );
  });

  it('shows what its page promises: not verified without secrets, except the publicly known key; valid with the listed secrets', async () => {
    const secrets = [...new Set(sessions.flatMap((session) => (session.secret === null ? [] : [session.secret])))];
    const withoutSecrets = await decodeCookies(setCookies);
    const withSecrets = await decodeCookies(setCookies, { secrets });
    for (const session of sessions) {
      const index = setCookies.findIndex((cookie) => cookie.name === session.fixture.cookie.name);
      const [before, after] = [withoutSecrets[index]!, withSecrets[index]!];
      expect(before.format, session.fixture.id).toBe(session.fixture.expect.format);
      expect(before.payload, session.fixture.id).toEqual(session.fixture.expect.payload);
      if (session.secret === null) {
        expect(before.signature, session.fixture.id).toMatchObject({ status: 'valid', knownSecret: expect.anything() });
      } else {
        expect(before.signature.status, session.fixture.id).toBe('unverified');
        expect(after.signature, session.fixture.id).toMatchObject({ status: 'valid', secretIndex: secrets.indexOf(session.secret) });
      }
    }
    const jwt = withSecrets[setCookies.findIndex((cookie) => cookie.name === 'token')]!;
    expect(jwt.expired).toBe(true);
  });

  it('clears the cookies on /logout and sets them again on /login', async () => {
    const logout = await fetch(`${site.url}logout`, { redirect: 'manual' });
    expect(logout.headers.get('location')).toBe('/?loggedout');
    const cleared = logout.headers.getSetCookie().map((header) => parseSetCookie(header)!);
    expect(cleared.map((cookie) => cookie.name).sort()).toEqual(setCookies.map((cookie) => cookie.name).sort());
    expect(cleared.every((cookie) => cookie.value === '')).toBe(true);
    const page = await (await fetch(`${site.url}?loggedout`)).text();
    expect(page).toContain('Logged out');
    const login = await fetch(`${site.url}login`, { redirect: 'manual' });
    expect(login.headers.getSetCookie()).toHaveLength(setCookies.length);
  });
});
