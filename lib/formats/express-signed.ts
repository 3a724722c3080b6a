import { cookieSignatureCheck, splitCookieSignature } from '../codec/cookie-signature';
import type { SessionFormat } from '../format';

/** `res.cookie(name, object)` writes `"j:" + JSON.stringify(object)` before signing. */
const JSON_PREFIX = 'j:';

/** Express `res.cookie(name, value, { signed: true })`, read back by cookie-parser: `s:value.SIG`, `s:j:{json}.SIG` for objects. */
export const expressSigned: SessionFormat = {
  id: 'express-signed',
  read(cookie) {
    const signed = splitCookieSignature(cookie.value);
    if (!signed) return null;
    const json = signed.value.startsWith(JSON_PREFIX);
    return {
      format: 'express-signed',
      label: 'Express signed cookie (cookie-parser)',
      isSession: true,
      payload: cookieParserValue(signed.value),
      issuedAt: null,
      signing: { kind: 'hmac', checks: [cookieSignatureCheck(signed, 'value')] },
      warnings: [],
      facts: {
        ...(json ? { serializer: 'JSON (j: prefix)' } : {}),
        key: 'the signature does not cover the cookie name: the value verifies under any name',
      },
    };
  },
};

/**
 * cookie-parser's JSONCookies: a `j:` value becomes the parsed JSON only when that parses to something truthy;
 * otherwise (bad JSON, `j:null`, `j:0`, `j:false`, `j:""`) the app gets the string unchanged.
 */
function cookieParserValue(value: string): unknown {
  if (!value.startsWith(JSON_PREFIX)) return value;
  try {
    const parsed: unknown = JSON.parse(value.slice(JSON_PREFIX.length));
    return parsed ? parsed : value;
  } catch {
    return value;
  }
}
