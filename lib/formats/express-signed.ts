import { cookieSignatureCheck, splitCookieSignature } from '../signing/cookie-signature';
import { parseJson, TOO_DEEP } from '../codec/json';
import type { SessionFormat } from './format';
import { malformed, type Problem } from '../types';

/** `res.cookie(name, object)` writes `"j:" + JSON.stringify(object)` before signing. */
const JSON_PREFIX = 'j:';

/** Express `res.cookie(name, value, { signed: true })`, read back by cookie-parser: `s:value.SIG`, `s:j:{json}.SIG` for objects. */
export const expressSigned: SessionFormat = {
  id: 'express-signed',
  read(cookie) {
    const signed = splitCookieSignature(cookie.value);
    if (!signed) return null;
    const json = signed.value.startsWith(JSON_PREFIX);
    const value = cookieParserValue(signed.value);
    return {
      format: 'express-signed',
      label: 'Express signed cookie (cookie-parser)',
      isSession: true,
      payload: value.payload,
      issuedAt: null,
      signing: { kind: 'hmac', checks: [cookieSignatureCheck(signed, 'value')] },
      warnings: [],
      facts: {
        ...(json ? { serializer: 'JSON (j: prefix)' } : {}),
        key: 'the signature does not cover the cookie name: the value verifies under any name',
      },
      ...(value.problem ? { problem: value.problem } : {}),
    };
  },
};

/**
 * cookie-parser's JSONCookies: a `j:` value becomes the parsed JSON only when that parses to something truthy;
 * otherwise (bad JSON, `j:null`, `j:0`, `j:false`, `j:""`) the app gets the string unchanged. JSON nested too deep
 * to show is not shown.
 */
function cookieParserValue(value: string): { payload: unknown; problem?: Problem } {
  if (!value.startsWith(JSON_PREFIX)) return { payload: value };
  const parsed = parseJson(value.slice(JSON_PREFIX.length));
  if (parsed.ok) return { payload: parsed.json ? parsed.json : value };
  return parsed.reason === TOO_DEEP ? { payload: null, problem: malformed(TOO_DEEP) } : { payload: value };
}
