// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WriteOptions } from '../../lib/formats/format';
import { writeCookie } from '../../lib/formats/registry';
import type { FormatId } from '../../lib/types';

/** The frameworks' own readers, as installed for the system Python and Ruby (see README: real frameworks). */
const SYSTEM_PYTHON = '/usr/bin/python3';
const APPS = join(import.meta.dirname, '..', 'apps');

function unavailable(command: string, args: string[], install: string): string | null {
  const probe = spawnSync(command, args, { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return `${command} cannot load it (${install})`;
  return null;
}

const readers = {
  flask: unavailable(SYSTEM_PYTHON, ['-c', 'import flask'], 'apt-get install python3-flask'),
  django: unavailable(SYSTEM_PYTHON, ['-c', 'import django'], 'apt-get install python3-django'),
  tornado: unavailable(SYSTEM_PYTHON, ['-c', 'import tornado.web'], 'apt-get install python3-tornado'),
  rails: unavailable('ruby', ['-e', 'require "active_support"; require "active_support/message_encryptor"'], 'apt-get install ruby-activesupport'),
  flaskLogin: unavailable(SYSTEM_PYTHON, ['-c', 'import flask_login'], 'apt-get install python3-flask-login'),
  flaskSession: unavailable(SYSTEM_PYTHON, ['-c', 'import flask_session'], 'apt-get install python3-flask-session'),
  pyjwt: unavailable(SYSTEM_PYTHON, ['-c', 'import jwt'], 'apt-get install python3-jwt'),
  laravel: unavailable('php', ['-r', 'require "Illuminate/Cookie/autoload.php"; require "Illuminate/Encryption/autoload.php"; require "Illuminate/Http/autoload.php"; require "Illuminate/Session/autoload.php";'], 'apt-get install php-cli php-illuminate-encryption php-illuminate-cookie php-illuminate-http php-illuminate-session'),
};
for (const [reader, reason] of Object.entries(readers)) {
  if (reason && process.env.CI) throw new Error(`CI must read written cookies with ${reader}, but ${reason}`);
}

const SECRET = 'interop-write-secret ✓';
const SESSION = { user: 'zoë', cart: [1, 2, { sku: 'A-1' }], html: '<b>&</b>' };

async function written(format: FormatId, options: WriteOptions = {}): Promise<string> {
  const result = await writeCookie(format, SESSION, SECRET, options);
  if (!result.ok) throw new Error(result.problem.message);
  return result.cookies[0]!.value;
}

async function writtenCookies(format: FormatId, payload: unknown, secret: string, options: WriteOptions = {}): Promise<{ name: string; value: string }[]> {
  const result = await writeCookie(format, payload, secret, options);
  if (!result.ok) throw new Error(result.problem.message);
  return result.cookies;
}

/** The Cookie header a browser sends back for the cookies set. */
const cookieHeader = (cookies: { name: string; value: string }[]) => cookies.map(({ name, value }) => `${name}=${value}`).join('; ');

function run(command: string, args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} refused the cookie: ${result.stderr}`);
  return result.stdout.trim();
}

describe('cookies Session Lens writes, read by the frameworks themselves', () => {
  it.skipIf(readers.flask !== null)(`Flask's session interface${readers.flask ? ` (SKIPPED: ${readers.flask})` : ''}`, async () => {
    const value = await written('flask');
    expect(JSON.parse(run(SYSTEM_PYTHON, [join(APPS, 'read_session_cookie.py'), 'flask', SECRET, value]))).toEqual(SESSION);
  });

  it.skipIf(readers.django !== null)(`Django's signed_cookies backend${readers.django ? ` (SKIPPED: ${readers.django})` : ''}`, async () => {
    const value = await written('django-session');
    expect(JSON.parse(run(SYSTEM_PYTHON, [join(APPS, 'read_session_cookie.py'), 'django', SECRET, value]))).toEqual(SESSION);
  });

  it.skipIf(readers.tornado !== null)(`Tornado's create_signed_value(version=1), byte for byte${readers.tornado ? ` (SKIPPED: ${readers.tornado})` : ''}`, async () => {
    const result = await writeCookie('tornado', 'zoë ✓', SECRET, { name: 'user', digest: 'sha1', issuedAt: 1_795_306_559 });
    if (!result.ok) throw new Error(result.problem.message);
    const script = [
      'import sys, tornado.web as w',
      'secret, name, value, ts = sys.argv[1:5]',
      'print(w.create_signed_value(secret, name, value, version=1, clock=lambda: int(ts)).decode())',
    ].join('\n');
    expect(run(SYSTEM_PYTHON, ['-c', script, SECRET, 'user', 'zoë ✓', '1795306559'])).toBe(result.cookies[0]!.value);
  });

  for (const [format, kind] of [['rails-encrypted', 'encrypted'], ['rails-signed', 'signed']] as const) {
    it.skipIf(readers.rails !== null)(`ActiveSupport's ${kind} cookie reader${readers.rails ? ` (SKIPPED: ${readers.rails})` : ''}`, async () => {
      const value = await written(format, { name: '_app_session' });
      const message = run('ruby', [join(APPS, 'read_rails_cookie.rb'), SECRET, kind, '_app_session', value]);
      expect(JSON.parse(message)).toEqual(SESSION);
      expect(run('ruby', [join(APPS, 'read_rails_cookie.rb'), SECRET, kind, '_other_session', value])).toBe('REJECTED');
    });
  }

  it.skipIf(readers.flask !== null)(`itsdangerous URLSafeTimedSerializer.loads${readers.flask ? ` (SKIPPED: ${readers.flask})` : ''}`, async () => {
    const [cookie] = await writtenCookies('itsdangerous', SESSION, SECRET, { name: 'token' });
    expect(JSON.parse(run(SYSTEM_PYTHON, [join(APPS, 'read_session_cookie.py'), 'itsdangerous', SECRET, cookie!.value]))).toEqual(SESSION);
  });

  it.skipIf(readers.flaskLogin !== null)(`Flask-Login: a request with only the remember cookie logs the user in${readers.flaskLogin ? ` (SKIPPED: ${readers.flaskLogin})` : ''}`, async () => {
    // Flask-Login takes SECRET_KEY as latin-1; a non-ASCII id with a "|" is quoted by Werkzeug and split at the last "|".
    const secret = 'interop-clé';
    const [cookie] = await writtenCookies('flask-login-remember', 'zoë|7', secret);
    const login = (key: string) => JSON.parse(run(SYSTEM_PYTHON, [join(APPS, 'read_session_cookie.py'), 'flask-login', key, cookie!.value, cookie!.name])) as unknown;
    expect(cookie!.name).toBe('remember_token');
    expect(login(secret)).toBe('zoë|7');
    expect(login('another key')).toBeNull();
  });

  it.skipIf(readers.flaskSession !== null)(`Flask-Session opens the session of a signed id${readers.flaskSession ? ` (SKIPPED: ${readers.flaskSession})` : ''}`, async () => {
    const sessionId = 'b8f2ae11-8445-48f8-a387-bae579279510';
    const [cookie] = await writtenCookies('flask-session-id', sessionId, SECRET);
    const open = (key: string) => JSON.parse(run(SYSTEM_PYTHON, [join(APPS, 'read_session_cookie.py'), 'flask-session', key, cookie!.value, cookie!.name], { SESSION_ID: sessionId })) as unknown;
    expect(open(SECRET)).toEqual({ user: 'zoë', cart: [1, 2] });
    // A signature Flask-Session refuses starts a new, empty session.
    expect(open('another key')).toEqual({ _permanent: true });
  });

  it.skipIf(readers.django !== null)(`Django's request.get_signed_cookie${readers.django ? ` (SKIPPED: ${readers.django})` : ''}`, async () => {
    const [cookie] = await writtenCookies('django-signed', 'zoë; "dark"', SECRET, { name: 'theme', salt: 'prefs' });
    const read = (salt: string) => JSON.parse(run(SYSTEM_PYTHON, [join(APPS, 'read_session_cookie.py'), 'django-signed', SECRET, cookie!.value, cookie!.name], { SALT: salt })) as unknown;
    expect(read('prefs')).toBe('zoë; "dark"');
    expect(() => read('other')).toThrow(/BadSignature/);
  });

  it.skipIf(readers.pyjwt !== null)(`PyJWT jwt.decode${readers.pyjwt ? ` (SKIPPED: ${readers.pyjwt})` : ''}`, async () => {
    const [cookie] = await writtenCookies('jwt', { sub: 'zoë', admin: true }, SECRET);
    expect(JSON.parse(run(SYSTEM_PYTHON, [join(APPS, 'read_session_cookie.py'), 'jwt', SECRET, cookie!.value]))).toEqual({ sub: 'zoë', admin: true });
  });

  describe('Node: a real Express app (and jsonwebtoken) reads them', () => {
    const readNode = (framework: string, secret: string, input: string, env: Record<string, string> = {}) =>
      JSON.parse(run(process.execPath, [join(APPS, 'read_node_cookie.mjs'), framework, secret, input], env)) as unknown;

    it('cookie-session: the session and its .sig', async () => {
      const cookies = await writtenCookies('express-cookie-session', SESSION, SECRET);
      expect(readNode('cookie-session', SECRET, cookieHeader(cookies))).toEqual(SESSION);
      expect(readNode('cookie-session', 'another key', cookieHeader(cookies))).toEqual({});
    });

    it("cookie-parser's signedCookies, a JSON value (s:j:)", async () => {
      const cookies = await writtenCookies('express-signed', { theme: 'dark', user: 'zoë' }, SECRET, { name: 'prefs' });
      expect(readNode('cookie-parser', SECRET, cookieHeader(cookies))).toEqual({ prefs: { theme: 'dark', user: 'zoë' } });
      expect(readNode('cookie-parser', 'another key', cookieHeader(cookies))).toEqual({ prefs: false });
    });

    it("express-session finds the stored session of the signed id", async () => {
      const sessionId = 'abcdefghijklmnopqrstuvwxyz012345';
      const cookies = await writtenCookies('express-session-id', sessionId, SECRET);
      expect(readNode('express-session', SECRET, cookieHeader(cookies), { SESSION_ID: sessionId })).toEqual({ sessionID: sessionId, user: 'zoë' });
      expect(readNode('express-session', 'another key', cookieHeader(cookies), { SESSION_ID: sessionId })).toMatchObject({ user: null });
    });

    it('jsonwebtoken verify', async () => {
      const [cookie] = await writtenCookies('jwt', { sub: 'zoë', admin: true }, SECRET);
      expect(readNode('jsonwebtoken', SECRET, cookie!.value)).toMatchObject({ sub: 'zoë', admin: true });
      expect(() => readNode('jsonwebtoken', 'another key', cookie!.value)).toThrow(/invalid signature/);
    });
  });

  describe.skipIf(readers.laravel !== null)(`Laravel 8's EncryptCookies${readers.laravel ? ` (SKIPPED: ${readers.laravel})` : ''}`, () => {
    const APP_KEY = `base64:${Buffer.alloc(32, 9).toString('base64')}`;
    const readLaravel = (cipher: string, name: string, value: string, ...mode: string[]) => run('php', [join(APPS, 'read_laravel_cookie.php'), APP_KEY, cipher, name, value, ...mode]);

    for (const cipher of ['aes-256-cbc', 'aes-256-gcm']) {
      it(`${cipher}: the value, and nothing under another name`, async () => {
        const [cookie] = await writtenCookies('laravel-encrypted', 'zoë says "hi" / a|b', APP_KEY, { name: 'greeting', cipher });
        expect(JSON.parse(readLaravel(cipher, 'greeting', cookie!.value))).toBe('zoë says "hi" / a|b');
        expect(readLaravel(cipher, 'other', cookie!.value)).toBe('REJECTED');
      });
    }

    it("the cookie session driver's attributes, through CookieSessionHandler and unserialize", async () => {
      const attributes = { _token: 'PhIyUU8ojxJgZAH4InlfyezeThBDK5i8McFmgft5', user: 'zoë', cart: [1, { sku: 'A/1', price: 0.25 }] };
      const sessionId = 'D4Ho1m1g4EUVI6Ko5RQ6c0iwQ65kGRnQOz1bHpOU';
      const [cookie] = await writtenCookies('laravel-encrypted', { data: attributes, expires: 4102444800 }, APP_KEY, { name: sessionId });
      expect(JSON.parse(readLaravel('aes-256-cbc', sessionId, cookie!.value, 'session'))).toEqual(attributes);
    });
  });
});
