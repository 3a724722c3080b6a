import { ASCII_ONLY, dumpJson, isObject } from '../codec/json';
import { compareCodePoints } from '../codec/text';
import { untagFlaskJson } from '../serializers/flask-tagged-json';
import { FLASK_SALT, loadUrlSafePayload, signerChecks, signerConfigs, splitTimed, timedFacts, type SigningConfig } from '../signing/itsdangerous';
import type { SessionFormat } from './format';
import { writeTimed } from './itsdangerous';
import { cannotWrite } from './write';
import { malformed } from '../types';

/** Flask's `PERMANENT_SESSION_LIFETIME` default: 31 days. */
const FLASK_SESSION_LIFETIME = 31 * 24 * 3600;

/** `SecureCookieSessionInterface`: salt cookie-session, HMAC key derivation, SHA-1. */
const FLASK_SIGNER: SigningConfig = { salt: FLASK_SALT, keyDerivation: 'hmac', digest: 'sha1' };

/** Flask's `SESSION_COOKIE_NAME` default. */
const FLASK_COOKIE_NAME = 'session';

/** Base64url of `{"` and of a zlib header: how a Flask session body starts. */
const LOOKS_LIKE_SESSION_BODY = /^(eyJ|\.eJ)/;

/** Flask's default session: itsdangerous URLSafeTimedSerializer (salt cookie-session, HMAC key, SHA-1) over tagged JSON. */
export const flaskSession: SessionFormat = {
  id: 'flask',
  read(cookie, context) {
    const signed = splitTimed(cookie.value);
    if (!signed?.timestamp) return null;
    const loaded = loadUrlSafePayload(signed.body);
    const recognised = loaded.ok
      ? isFlaskJson(loaded.json, loaded.text)
      : cookie.name === 'session' || LOOKS_LIKE_SESSION_BODY.test(signed.body);
    if (!recognised) return null;
    const genericConfigs = signerConfigs(context.salt).filter(
      (config) => !(config.salt === FLASK_SIGNER.salt && config.keyDerivation === FLASK_SIGNER.keyDerivation),
    );
    return {
      format: 'flask',
      label: 'Flask session',
      isSession: true,
      payload: loaded.ok ? loaded.json : null,
      ...(loaded.ok ? { typed: untagFlaskJson(loaded.json) } : {}),
      issuedAt: signed.timestamp.unix,
      defaultMaxAge: FLASK_SESSION_LIFETIME,
      signing: {
        kind: 'hmac',
        checks: [
          ...signerChecks(signed, [FLASK_SIGNER]),
          ...signerChecks(signed, genericConfigs, { format: 'itsdangerous', label: 'itsdangerous token', defaultMaxAge: undefined }),
        ],
      },
      ...timedFacts(signed, loaded.compressed),
      ...(loaded.ok ? {} : { problem: malformed(loaded.reason) }),
    };
  },
  /** The session dict as TaggedJSONSerializer writes it (tags as given, sorted keys, ASCII), signed as Flask signs it. */
  write(payload, secret, options) {
    if (!isObject(payload)) return cannotWrite('a Flask session is a dict: the payload must be a JSON object');
    const json = dumpJson(payload, { sortKeys: true, escape: ASCII_ONLY });
    return json.ok ? writeTimed(json.text, secret, options, FLASK_SIGNER, options.name ?? FLASK_COOKIE_NAME) : cannotWrite(json.reason);
  },
};

/**
 * Flask writes its session as a dict with sorted keys and ASCII-only text (`sort_keys=True, ensure_ascii=True`);
 * plain itsdangerous keeps insertion order and raw UTF-8, so anything else is not a Flask session.
 */
function isFlaskJson(json: unknown, text: string): boolean {
  return isObject(json) && /^[\x20-\x7e]*$/.test(text) && keysSorted(json);
}


function keysSorted(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(keysSorted);
  if (!isObject(value)) return true;
  const keys = Object.keys(value);
  // JavaScript moves integer-like keys to the front, so their text order is lost: accept those objects.
  const textOrderKnown = !keys.some((key) => /^(0|[1-9]\d*)$/.test(key));
  const sorted = keys.every((key, i) => i === 0 || compareCodePoints(keys[i - 1]!, key) <= 0);
  return (!textOrderKnown || sorted) && Object.values(value).every(keysSorted);
}
