import { secretKeyedCheck } from '../crypto/hmac-check';
import { encodeUtf8, fromHex } from '../codec/text';
import type { SessionFormat } from './format';

const REMEMBER_TOKEN = /^([\s\S]*)\|([0-9a-f]{128})$/;

/** Flask-Login's `remember_token`: `user_id|hex(HMAC-SHA512(SECRET_KEY as latin-1, user_id))`. */
export const flaskLoginRemember: SessionFormat = {
  id: 'flask-login-remember',
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
};
