import { isObject } from '../codec/json';
import type { SessionFormat } from './format';
import { readKeygripSession, writeKeygripSession, type KeygripSessionFlavour } from './keygrip-session';
import { cannotWrite } from './write';

/** cookie-session's default cookie name. */
const COOKIE_SESSION_NAME = 'session';

/** Names cookie-session uses by default, recognised even without a `.sig`. */
const DEFAULT_NAMES = new Set([COOKIE_SESSION_NAME, 'express:sess']);

const COOKIE_SESSION: KeygripSessionFlavour = {
  format: 'express-cookie-session',
  framework: 'cookie-session',
  claims: (name, _body, signed) => signed || DEFAULT_NAMES.has(name),
  content: (json) => ({ payload: json, issuedAt: null }),
};

/**
 * cookie-session: the session is `base64(JSON)` in the cookie itself and keygrip's `HMAC(key, "<name>=<value>")`
 * sits in `<name>.sig`. The name is signed too, so a renamed cookie fails. The `.sig` companion itself is reported
 * as this format as well, with the same verdict.
 */
export const expressCookieSession: SessionFormat = {
  id: 'express-cookie-session',
  read: (cookie, context) => readKeygripSession(cookie, context, COOKIE_SESSION),
  /** cookie-session's `base64(JSON.stringify(session))` and its keygrip signature in `<name>.sig` (SHA-1 unless told otherwise). */
  write(payload, secret, options) {
    if (!isObject(payload)) return cannotWrite('a cookie-session session is an object: the payload must be a JSON object');
    return writeKeygripSession(options.name ?? COOKIE_SESSION_NAME, payload, secret, options.digest);
  },
};
