import { appKeyProblem, blockKeyProblem, ironPasswordProblem } from '../lib/formats/key-rules';
import type { FormatId } from '../lib/types';

/** The framework a format belongs to, in the words its users know. */
type Framework = 'flask' | 'django' | 'express' | 'rails' | 'laravel' | 'jwt' | 'starlette' | 'tornado' | 'iron' | 'node' | 'rack' | 'other';

function frameworkOf(format: FormatId): Framework {
  switch (format) {
    case 'flask':
    case 'itsdangerous':
    case 'flask-login-remember':
    case 'flask-session-id':
      return 'flask';
    case 'django-session':
    case 'django-signed':
      return 'django';
    case 'express-cookie-session':
    case 'express-session-id':
    case 'express-signed':
      return 'express';
    case 'rails-encrypted':
    case 'rails-signed':
      return 'rails';
    case 'laravel-encrypted':
      return 'laravel';
    case 'jwt':
      return 'jwt';
    case 'starlette':
      return 'starlette';
    case 'tornado':
      return 'tornado';
    case 'iron':
      return 'iron';
    case 'remix':
    case 'hono':
    case 'koa-session':
      return 'node';
    case 'rack-session':
      return 'rack';
    case 'opaque-id':
    case 'authjs':
    case 'supabase':
    case 'unknown':
    case 'gorilla-securecookie':
      return 'other';
  }
}

/** How to replace a leaked key: a command that makes a random 32-byte key, and where the key goes. */
interface KeyFixAdvice {
  command: string;
  setting: string;
}

const PYTHON_TOKEN = `python -c 'import secrets; print(secrets.token_hex(32))'`;
const NODE_TOKEN = `node -e "console.log(require('crypto').randomBytes(32).toString('hex'))"`;

export function keyFixAdvice(format: FormatId): KeyFixAdvice {
  return { command: keyCommand(format), setting: keySetting(format) };
}

function keyCommand(format: FormatId): string {
  if (format === 'authjs') return 'npx auth secret';
  switch (frameworkOf(format)) {
    case 'flask':
    case 'django':
    case 'starlette':
    case 'tornado':
      return PYTHON_TOKEN;
    case 'express':
    case 'jwt':
    case 'iron':
    case 'node':
      return NODE_TOKEN;
    case 'rails':
      return 'bin/rails secret';
    case 'laravel':
      return 'php artisan key:generate';
    case 'rack':
      return `ruby -rsecurerandom -e 'puts SecureRandom.hex(64)'`;
    case 'other':
      return 'openssl rand -hex 32';
  }
}

/** Where the app sets the key of this format, in its framework's words. */
export function keySetting(format: FormatId): string {
  switch (format) {
    case 'flask':
    case 'itsdangerous':
    case 'flask-login-remember':
    case 'flask-session-id':
    case 'django-session':
    case 'django-signed':
      return 'SECRET_KEY';
    case 'express-cookie-session':
      return "cookie-session's keys (or secret)";
    case 'express-session-id':
      return "express-session's secret";
    case 'express-signed':
      return "cookie-parser's secret";
    case 'rails-encrypted':
    case 'rails-signed':
      return 'secret_key_base';
    case 'laravel-encrypted':
      return 'APP_KEY';
    case 'jwt':
      return 'the JWT signing key';
    case 'starlette':
      return 'SessionMiddleware(secret_key=…)';
    case 'tornado':
      return 'the cookie_secret setting';
    case 'iron':
      return 'the iron password (iron-session and h3 useSession password, @hapi/iron and hapi cookie password)';
    case 'remix':
      return 'the cookie\'s secrets: [...] (Remix / React Router createCookieSessionStorage)';
    case 'hono':
      return 'the secret of setSignedCookie';
    case 'koa-session':
      return 'app.keys';
    case 'rack-session':
      return "Rack::Session::Cookie's secret (Sinatra's session_secret)";
    case 'authjs':
      return 'AUTH_SECRET (NextAuth v4: NEXTAUTH_SECRET)';
    case 'supabase':
      return "the project's JWT secret (Dashboard → Settings → API)";
    case 'gorilla-securecookie':
      return 'the hash key (securecookie.New, sessions.NewCookieStore)';
    case 'opaque-id':
    case 'unknown':
      return 'the signing key';
  }
}

/** The forms the card's secret field takes for a format, beyond the setting's value as the app holds it; null when there are none. */
export function keyForms(format: FormatId): string | null {
  switch (format) {
    case 'laravel-encrypted':
      return 'base64:… as .env holds it (a 32-byte key; 16 for AES-128)';
    case 'jwt':
      return 'the HMAC secret, or the public key for RS/ES/PS/EdDSA tokens (PEM, JWK or JWK Set)';
    case 'iron':
      return 'a password of at least 32 characters, or a JSON password map like {"1":"…","2":"…"}';
    case 'gorilla-securecookie':
      return 'hashKey:blockKey when the app encrypts too (a block key of 16, 24 or 32 bytes)';
    case 'express-cookie-session':
    case 'remix':
    case 'koa-session':
      return 'each key of the array (pasted lines add one each) to verify cookies signed before a rotation';
    default:
      return null;
  }
}

/** Why a typed key cannot be one of this format's keys, as its reader checks them; null when it can (or the format has no rule). */
export function keyProblem(format: FormatId, text: string): string | null {
  switch (format) {
    case 'iron':
      return ironPasswordProblem(text);
    case 'laravel-encrypted':
      return appKeyProblem(text);
    case 'gorilla-securecookie':
      return blockKeyProblem(text);
    default:
      return null;
  }
}

/** The server-side session lifetime a framework uses when the app does not set one, for the "blank = default" hint. */
export function defaultLifetimeText(format: FormatId | undefined): string {
  switch (format) {
    case 'flask':
      return 'Flask: 31 days (PERMANENT_SESSION_LIFETIME)';
    case 'django-session':
    case 'django-signed':
      return 'Django: 2 weeks (SESSION_COOKIE_AGE)';
    case 'starlette':
      return "Starlette: 14 days (SessionMiddleware's max_age)";
    case 'tornado':
      return 'Tornado: 31 days (max_age_days)';
    default:
      return 'e.g. Flask 31 days, Django 2 weeks';
  }
}
