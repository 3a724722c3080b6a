import { cookieSign, cookieSignatureCheck, splitCookieSignature } from '../signing/cookie-signature';
import { dumpJson, parseJson, TOO_DEEP, type JsonText } from '../codec/json';
import type { SessionFormat } from './format';
import { malformed, type Problem } from '../types';
import { cannotWrite, written } from './write';

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
  /** `res.cookie(name, value, { signed: true })`: objects (and null) as `j:` JSON, the rest as text, URL-encoded by `cookie`. */
  write(payload, secret, options) {
    if (options.name === undefined) return cannotWrite('the cookie name is needed');
    const value = cookieValue(payload);
    if (!value.ok) return cannotWrite(value.reason);
    return written([options.name, encodeURIComponent(cookieSign(value.text, secret))]);
  },
};

/** Express' `typeof value === 'object' ? 'j:' + JSON.stringify(value) : String(value)`, for JSON values. */
function cookieValue(payload: unknown): JsonText {
  if (typeof payload === 'object') {
    const json = dumpJson(payload);
    return json.ok ? { ok: true, text: `${JSON_PREFIX}${json.text}` } : json;
  }
  if (typeof payload === 'string' || typeof payload === 'boolean' || (typeof payload === 'number' && Number.isFinite(payload))) return { ok: true, text: String(payload) };
  return { ok: false, reason: `a ${typeof payload} is not a cookie value` };
}

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
