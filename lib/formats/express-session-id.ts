import { cookieSign, cookieSignatureCheck, SIGNED_PREFIX, splitCookieSignature } from '../signing/cookie-signature';
import type { Reading, SessionFormat } from './format';
import { malformed } from '../types';
import { cannotWrite, written } from './write';

/** express-session's default `genid`: uid-safe(24), 32 base64url characters. */
const UID_SAFE_24 = /^[A-Za-z0-9_-]{32}$/;

/** express-session's default cookie name. */
const DEFAULT_NAME = 'connect.sid';

/** express-session's `connect.sid`: `s:` + sid + `.` + cookie-signature; the session data stays in the server's store. */
export const expressSessionId: SessionFormat = {
  id: 'express-session-id',
  read(cookie) {
    const signed = splitCookieSignature(cookie.value);
    if (!signed) return cookie.name === DEFAULT_NAME && cookie.value.startsWith(SIGNED_PREFIX) ? malformedId(cookie.value) : null;
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
      facts: { storage: STORAGE },
    };
  },
  /** The signed session id, URL-encoded by the `cookie` module's serialize as express-session sets it (`s%3A...`). */
  write(payload, secret, options) {
    if (typeof payload !== 'string') return cannotWrite('an express-session cookie carries the session id: the payload must be a string');
    return written([options.name ?? DEFAULT_NAME, encodeURIComponent(cookieSign(payload, secret))]);
  },
};

const STORAGE = 'server-side session (express-session store): the cookie holds only the signed session id';

/** `connect.sid=s:...` whose signature is not cookie-signature's: express-session would ignore it and start a new session. */
function malformedId(value: string): Reading {
  const signed = value.slice(SIGNED_PREFIX.length);
  const dot = signed.lastIndexOf('.');
  return {
    format: 'express-session-id',
    label: 'express-session id',
    isSession: true,
    payload: dot < 0 ? signed : signed.slice(0, dot),
    issuedAt: null,
    signing: { kind: 'hmac', checks: [] },
    warnings: [],
    facts: { storage: STORAGE },
    problem: malformed('the signature is not 43 characters of base64 (HMAC-SHA256 without =)'),
  };
}
