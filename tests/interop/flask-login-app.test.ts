// @vitest-environment node
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSetCookie } from '../../lib/codec/cookie-header';
import { decodeCookies } from '../../lib/decode/decode';
import { flaskUnavailableReason, startFlaskLoginApp, type RunningApp } from '../apps/flask-app';

const SECRET = 'interop-secret-key';
const unavailable = flaskUnavailableReason();

if (unavailable && process.env.CI) throw new Error(`CI must run the real Flask interop test, but ${unavailable}`);

/** Logs in to the real tutorial app with a real HTTP client and returns the Set-Cookie header it sent. */
async function logIn(app: RunningApp, username: string, email: string): Promise<string> {
  const response = await fetch(`${app.url}/login`, {
    method: 'POST',
    body: new URLSearchParams({ username, email }),
    redirect: 'manual',
  });
  expect(response.status).toBe(302);
  return response.headers.get('set-cookie')!;
}

describe.skipIf(unavailable !== null)(`the real Flask tutorial app${unavailable ? ` (SKIPPED: ${unavailable})` : ''}`, () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startFlaskLoginApp(SECRET);
  }, 20_000);
  afterAll(() => app?.stop());

  it('sets a session the decoder reads, verifies and dates', async () => {
    const before = Math.floor(Date.now() / 1000);
    const cookie = parseSetCookie(await logIn(app, 'zoë', 'zoe@example.com'))!;
    const [report] = await decodeCookies([cookie], { secrets: ['wrong', SECRET] });
    expect(report).toMatchObject({
      name: 'session',
      format: 'flask',
      payload: { email: 'zoe@example.com', role: 'viewer', username: 'zoë' },
      signature: { status: 'valid', secretIndex: 1 },
      expired: false,
      cookieExpiresAt: null,
    });
    expect(report!.issuedAt).toBeGreaterThanOrEqual(before - 1);
    expect(report!.issuedAt).toBeLessThanOrEqual(before + 5);
    expect(report!.expiresAt).toBe(report!.issuedAt! + 31 * 24 * 3600);
    expect(cookie.httpOnly).toBe(true);
  });

  it('reports a wrong secret as invalid and no secret as unverified', async () => {
    const cookie = parseSetCookie(await logIn(app, 'alice', 'alice@example.com'))!;
    const [wrong] = await decodeCookies([cookie], { secrets: ['not-the-key'] });
    const [none] = await decodeCookies([cookie]);
    expect(wrong!.signature.status).toBe('invalid');
    expect(none!.signature.status).toBe('unverified');
    expect(none!.payload).toEqual({ email: 'alice@example.com', role: 'viewer', username: 'alice' });
  });

  it('clears the session on logout', async () => {
    const cookie = parseSetCookie(await logIn(app, 'alice', 'alice@example.com'))!;
    const response = await fetch(`${app.url}/logout`, { headers: { cookie: `session=${cookie.value}` }, redirect: 'manual' });
    const cleared = parseSetCookie(response.headers.get('set-cookie')!)!;
    expect(cleared.name).toBe('session');
    expect(cleared.value).toBe('');
    expect(cleared.expirationDate).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('decodes the same Set-Cookie through the CLI', async () => {
    const header = await logIn(app, 'bob', 'bob@example.com');
    const bin = join(import.meta.dirname, '../../bin/session-lens.mjs');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'decode', '--json', '--secret', SECRET, `Set-Cookie: ${header}`]);
    expect(JSON.parse(stdout)[0]).toMatchObject({ format: 'flask', payload: { username: 'bob' }, signature: { status: 'valid', secretIndex: 0 } });
  });
});
