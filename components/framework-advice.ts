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
  switch (frameworkOf(format)) {
    case 'flask':
      return { command: PYTHON_TOKEN, setting: 'SECRET_KEY' };
    case 'django':
      return { command: PYTHON_TOKEN, setting: 'SECRET_KEY' };
    case 'express':
      return { command: NODE_TOKEN, setting: 'the session secret (secret / keys option)' };
    case 'rails':
      return { command: 'bin/rails secret', setting: 'secret_key_base' };
    case 'laravel':
      return { command: 'php artisan key:generate', setting: 'APP_KEY' };
    case 'jwt':
      return { command: NODE_TOKEN, setting: 'the token signing key' };
    case 'starlette':
      return { command: PYTHON_TOKEN, setting: "SessionMiddleware's secret_key" };
    case 'tornado':
      return { command: PYTHON_TOKEN, setting: 'the cookie_secret setting' };
    case 'iron':
      return { command: NODE_TOKEN, setting: 'the seal password (iron-session / h3 password, hapi cookie password)' };
    case 'node':
      return { command: NODE_TOKEN, setting: 'the cookie secret (Remix secrets, Hono secret, Koa app.keys)' };
    case 'rack':
      return { command: `ruby -rsecurerandom -e 'puts SecureRandom.hex(64)'`, setting: 'the session secret (Rack::Session::Cookie secret:, Sinatra session_secret)' };
    case 'other':
      return { command: 'openssl rand -hex 32', setting: 'the signing key' };
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
