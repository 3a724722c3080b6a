import { decodeBase64, encodeBase64 } from '../codec/base64';
import { ASCII_ONLY, dumpJson, isObject, parseJson, type JsonResult } from '../codec/json';
import { decodeUtf8, encodeUtf8 } from '../codec/text';
import { signerChecks, splitTimed, timestampSign, type SigningConfig } from '../signing/itsdangerous';
import { malformed } from '../types';
import type { SessionFormat } from './format';
import { cannotWrite, signingTime, written } from './write';

/** `SessionMiddleware`'s `max_age` default: 14 days. */
const STARLETTE_MAX_AGE = 14 * 24 * 3600;

/** `itsdangerous.TimestampSigner(secret_key)`'s defaults. */
const STARLETTE_SIGNER: SigningConfig = { salt: 'itsdangerous.Signer', keyDerivation: 'django-concat', digest: 'sha1' };

/** `SessionMiddleware`'s `session_cookie` default. */
const STARLETTE_COOKIE_NAME = 'session';

/**
 * How `json.dumps(session)` with Python's defaults starts: a non-empty object, ASCII only, its first key followed by
 * `": "`. The compact JSON of Flask and plain itsdangerous writes `":`, so their tokens are not taken for Starlette's.
 */
const PYTHON_DEFAULT_JSON = /^\{"(?:[^"\\]|\\.)*": [\x20-\x7e]*$/;

/**
 * Starlette's (and FastAPI's) `SessionMiddleware`: standard base64 of the session's JSON, signed by itsdangerous'
 * `TimestampSigner` (salt `itsdangerous.Signer`, django-concat key, HMAC-SHA1).
 */
export const starlette: SessionFormat = {
  id: 'starlette',
  read(cookie) {
    const signed = splitTimed(cookie.value);
    if (!signed?.timestamp || signed.timestamp.legacy || !signed.digests.includes('sha1')) return null;
    const session = loadSession(signed.body);
    if (session === null) return null;
    return {
      format: 'starlette',
      label: 'Starlette session',
      isSession: true,
      payload: session.ok ? session.json : null,
      issuedAt: signed.timestamp.unix,
      defaultMaxAge: STARLETTE_MAX_AGE,
      signing: { kind: 'hmac', checks: signerChecks({ ...signed, digests: ['sha1'] }, [STARLETTE_SIGNER]) },
      warnings: [],
      facts: {},
      ...(session.ok ? {} : { problem: malformed(session.reason) }),
    };
  },
  /** `b64encode(json.dumps(session))` (Python's default separators, ASCII only, insertion order), then `TimestampSigner.sign`. */
  write(payload, secret, options) {
    if (!isObject(payload) || Object.keys(payload).length === 0) return cannotWrite('a Starlette session is a non-empty dict: the payload must be a JSON object with keys');
    const json = dumpJson(payload, { spaced: true, escape: ASCII_ONLY });
    if (!json.ok) return cannotWrite(json.reason);
    const body = encodeBase64(encodeUtf8(json.text));
    return written([options.name ?? STARLETTE_COOKIE_NAME, timestampSign(body, secret, STARLETTE_SIGNER, signingTime(options))]);
  },
};

/** `json.loads(b64decode(body))` (why not, when it is JSON no session dict can be), or null when the body is not Starlette's. */
function loadSession(body: string): JsonResult | null {
  const bytes = decodeBase64(body);
  const text = bytes && decodeUtf8(bytes);
  if (!text || !PYTHON_DEFAULT_JSON.test(text)) return null;
  const parsed = parseJson(text);
  return !parsed.ok || isObject(parsed.json) ? parsed : { ok: false, reason: 'the session is not a JSON object' };
}
