import type { FormatId } from '../types';

/** What the keys frameworks put in a session mean, in plain words. */
const FLASK_KEYS: Readonly<Record<string, string>> = {
  _user_id: 'Flask-Login: the logged-in user\'s id',
  _fresh: 'Flask-Login: true when the login happened in this session (not restored from a remember cookie)',
  _id: 'Flask-Login: session protection hash of the client\'s IP address and user agent',
  _remember: 'Flask-Login: whether to set or clear the remember cookie on the next response',
  _remember_seconds: 'Flask-Login: lifetime requested for the remember cookie',
  _permanent: 'Flask: the session outlives the browser (expires after PERMANENT_SESSION_LIFETIME)',
  _flashes: 'Flask: flash messages waiting to be shown, as (category, message) pairs',
  csrf_token: 'Flask-WTF: the CSRF token\'s secret half',
};

const DJANGO_KEYS: Readonly<Record<string, string>> = {
  _auth_user_id: 'Django auth: the logged-in user\'s primary key',
  _auth_user_backend: 'Django auth: the authentication backend that logged the user in',
  _auth_user_hash: 'Django auth: HMAC of the user\'s password hash (sessions end when the password changes)',
  _session_expiry: 'Django: a per-session expiry set with set_expiry()',
};

const RAILS_KEYS: Readonly<Record<string, string>> = {
  session_id: 'Rails: the session\'s id',
  _csrf_token: 'Rails: the CSRF token\'s secret',
  warden: 'Devise/Warden: the logged-in user',
};

const LARAVEL_KEYS: Readonly<Record<string, string>> = {
  _token: 'Laravel: the CSRF token',
  _previous: 'Laravel: the previous URL',
  _flash: 'Laravel: flash data for the next request',
};

const BY_FORMAT: Partial<Record<FormatId, Readonly<Record<string, string>>>> = {
  flask: FLASK_KEYS,
  'django-session': DJANGO_KEYS,
  'rails-encrypted': RAILS_KEYS,
  'rails-signed': RAILS_KEYS,
  'laravel-encrypted': LARAVEL_KEYS,
};

/** A plain explanation of a top-level session key, or undefined when the key is the app's own. */
export function explainKey(format: FormatId, key: string): string | undefined {
  const keys = BY_FORMAT[format];
  return keys && Object.hasOwn(keys, key) ? keys[key] : undefined;
}
