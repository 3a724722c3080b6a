import { cookieSignatureCheck, splitCookieSignature } from '../codec/cookie-signature';
import type { SessionFormat } from '../format';

/** express-session's default `genid`: uid-safe(24), 32 base64url characters. */
const UID_SAFE_24 = /^[A-Za-z0-9_-]{32}$/;

/** express-session's default cookie name. */
const DEFAULT_NAME = 'connect.sid';

/** express-session's `connect.sid`: `s:` + sid + `.` + cookie-signature; the session data stays in the server's store. */
export const expressSessionId: SessionFormat = {
  id: 'express-session-id',
  read(cookie) {
    const signed = splitCookieSignature(cookie.value);
    if (!signed) return null;
    // A signed cookie-parser value has the same shape: only the name or express-session's own id format tells them apart.
    if (cookie.name !== DEFAULT_NAME && !UID_SAFE_24.test(signed.value)) return null;
    return {
      format: 'express-session-id',
      label: 'express-session id',
      isSession: true,
      payload: signed.value,
      issuedAt: null,
      signing: { kind: 'hmac', checks: [cookieSignatureCheck(signed, 'sid')] },
      warnings: [],
      facts: { storage: 'server-side session (express-session store): the cookie holds only the signed session id' },
    };
  },
};
