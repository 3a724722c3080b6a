import { dotSign, dotSignatureCheck, splitDotSignature } from '../signing/cookie-signature';
import type { SessionFormat } from './format';
import { cannotWrite, written } from './write';

const SCHEME = 'HMAC-SHA256(secret, value), padded base64';

/** better-auth's cookies (its session token among them) carry its prefix, after any `__Secure-`. */
const BETTER_AUTH_NAME = /^(?:__Secure-)?better-auth\./;

/**
 * Hono's `setSignedCookie` (and better-auth, signing the same way): `value.SIG`, SIG the padded base64 HMAC-SHA256 of
 * the value text (always 44 characters ending in `=`, which `getSignedCookie` insists on), the whole URL-encoded.
 * The value is text; the name is not signed.
 */
export const hono: SessionFormat = {
  id: 'hono',
  read(cookie) {
    const signed = splitDotSignature(cookie.value, 'padded');
    if (!signed) return null;
    const betterAuth = BETTER_AUTH_NAME.test(cookie.name);
    return {
      format: 'hono',
      label: betterAuth ? 'better-auth signed cookie' : 'Hono signed cookie',
      isSession: betterAuth,
      payload: signed.value,
      issuedAt: null,
      signing: { kind: 'hmac', checks: [dotSignatureCheck(signed, SCHEME)] },
      warnings: [],
      facts: { key: 'the signature does not cover the cookie name: the value verifies under any name' },
    };
  },
  /** `setSignedCookie(c, name, value, secret)`: the value must be text. */
  write(payload, secret, options) {
    if (options.name === undefined) return cannotWrite('the cookie name is needed');
    if (typeof payload !== 'string') return cannotWrite('a Hono signed cookie holds text: the payload must be a string');
    return written([options.name, encodeURIComponent(dotSign(payload, secret, 'padded'))]);
  },
};
