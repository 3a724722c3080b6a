import { computeMac, secretKeyedCheck } from '../crypto/hmac-check';
import { secretBytes } from '../crypto/digest';
import { encodeUtf8, fromHex, toHex } from '../codec/text';
import { quoteWerkzeugCookie } from '../codec/wire';
import type { SessionFormat } from './format';
import { cannotWrite, written } from './write';

const REMEMBER_TOKEN = /^([\s\S]*)\|([0-9a-f]{128})$/;

/** Flask-Login's `REMEMBER_COOKIE_NAME` default. */
const DEFAULT_NAME = 'remember_token';

/** Flask-Login's `remember_token`: `user_id|hex(HMAC-SHA512(SECRET_KEY as latin-1, user_id))`. */
export const flaskLoginRemember: SessionFormat = {
  id: 'flask-login-remember',
  percentDecoded: false,
  read(cookie) {
    // Greedy match of the id splits at the last "|", as Flask-Login's rsplit does.
    const match = REMEMBER_TOKEN.exec(cookie.value);
    if (!match) return null;
    const userId = match[1]!;
    return {
      format: 'flask-login-remember',
      label: 'Flask-Login remember cookie',
      isSession: true,
      payload: userId,
      issuedAt: null,
      signing: {
        kind: 'hmac',
        checks: [
          secretKeyedCheck('sha512', encodeUtf8(userId), fromHex(match[2]!)!, { digest: 'sha512', secretEncoding: 'latin-1' }, 'latin1'),
        ],
      },
      warnings: [],
      facts: { lifetime: 'the cookie\'s own expiry (REMEMBER_COOKIE_DURATION, 365 days by default)' },
    };
  },
  /** `encode_cookie(str(user.get_id()))`, quoted as Werkzeug's `set_cookie` quotes it (a non-ASCII id as octal escapes). */
  write(payload, secret, options) {
    if (typeof payload !== 'string') return cannotWrite('a remember cookie carries the user id: the payload must be a string');
    const key = secretBytes(secret, 'latin1');
    if (key === null) return cannotWrite('Flask-Login encodes SECRET_KEY as latin-1: this secret has characters beyond U+00FF');
    const digest = toHex(computeMac({ kind: 'none' }, 'sha512', key, encodeUtf8(payload)));
    return written([options.name ?? DEFAULT_NAME, quoteWerkzeugCookie(`${payload}|${digest}`)]);
  },
};
