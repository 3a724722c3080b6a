import { decodeBase64, encodeBase64 } from '../codec/base64';
import { dumpJson, parseJson, TOO_DEEP } from '../codec/json';
import { decodeUtf8, encodeUtf8 } from '../codec/text';
import { dotSign, dotSignatureCheck, splitDotSignature } from '../signing/cookie-signature';
import { malformed } from '../types';
import type { SessionFormat } from './format';
import { cannotWrite, written } from './write';

/** `createCookieSessionStorage`'s default cookie name. */
const REMIX_SESSION_NAME = '__session';

const SCHEME = 'HMAC-SHA256(secret, value), base64 without =';

/**
 * Remix / React Router `createCookie` with secrets (what `createCookieSessionStorage` stores the session in):
 * `btoa(UTF-8 of JSON.stringify(value))`, then `.` and the unpadded base64 HMAC-SHA256 of that text, URL-encoded by
 * `cookie.serialize`. The first secret signs, every one verifies; the name is not signed.
 */
export const remix: SessionFormat = {
  id: 'remix',
  read(cookie) {
    const signed = splitDotSignature(cookie.value, 'stripped');
    const bytes = signed ? decodeBase64(signed.value) : null;
    const text = bytes ? decodeUtf8(bytes) : null;
    // The bare shape (`text.SIG`) is common: only base64 of JSON text is this format.
    if (!signed || text === null) return null;
    const parsed = parseJson(text);
    if (!parsed.ok && parsed.reason !== TOO_DEEP) return null;
    const payload = parsed.ok ? parsed.json : null;
    return {
      format: 'remix',
      label: `Remix / React Router cookie (${cookie.name})`,
      isSession: typeof payload === 'object' && payload !== null && !Array.isArray(payload),
      payload,
      issuedAt: null,
      signing: { kind: 'hmac', checks: [dotSignatureCheck(signed, SCHEME)] },
      warnings: [],
      facts: { key: 'the signature does not cover the cookie name: the value verifies under any name' },
      ...(parsed.ok ? {} : { problem: malformed(TOO_DEEP) }),
    };
  },
  /** `cookie.serialize(session.data)` of a cookie with secrets: signed with the one given, named `__session` by default. */
  write(payload, secret, options) {
    const json = dumpJson(payload);
    if (!json.ok) return cannotWrite(json.reason);
    const value = dotSign(encodeBase64(encodeUtf8(json.text)), secret, 'stripped');
    return written([options.name ?? REMIX_SESSION_NAME, encodeURIComponent(value)]);
  },
};
