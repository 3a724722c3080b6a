import { ASCII_ONLY, dumpJson, isObject } from '../codec/json';
import { quoteCookieValue } from '../codec/wire';
import { DJANGO_DIGEST, djangoDumps, djangoKeyDerivation, djangoSign, loadDjangoPayload, splitDjangoTimed } from '../signing/django';
import { describeDigests, DJANGO_SESSION_SALT } from '../signing/itsdangerous';
import { encodeUtf8 } from '../codec/text';
import type { HmacCheck } from '../crypto/hmac-check';
import { readPickle, type PickleValue } from '../serializers/pickle';
import type { SessionFormat } from './format';
import { cannotWrite, signingTime, written } from './write';
import { malformed, type Warning } from '../types';

/** Django's `SESSION_COOKIE_AGE` default: two weeks. */
const DJANGO_SESSION_AGE = 1209600;

/** Django's `SESSION_COOKIE_NAME` default. */
const DJANGO_COOKIE_NAME = 'sessionid';

/** Base64url of `{"` and of a zlib header: how a signed_cookies session body starts. */
const LOOKS_LIKE_SESSION_BODY = /^(eyJ|\.eJ)/;

/** Django's `signed_cookies` session backend: `base64(JSON):TS:SIG`, usually zlib-compressed. */
export const djangoSession: SessionFormat = {
  id: 'django-session',
  read(cookie) {
    const signed = splitDjangoTimed(cookie.value);
    if (!signed) return null;
    const loaded = loadDjangoPayload(signed.value);
    const pickled = !loaded.ok && loaded.pickle ? readPickle(loaded.pickle) : null;
    // A dict is what SessionBase stores; anything else is a set_signed_cookie value (django-signed).
    const recognised = loaded.ok
      ? isObject(loaded.json)
      : cookie.name === 'sessionid' || LOOKS_LIKE_SESSION_BODY.test(signed.value) || pickled !== null;
    if (!recognised) return null;
    const message = encodeUtf8(signed.signedText);
    const checks = signed.digests.map((digest): HmacCheck => ({
      digest,
      derivation: djangoKeyDerivation({ salt: DJANGO_SESSION_SALT }),
      encoding: 'utf8',
      message,
      signature: signed.signature,
      config: { digest, keyDerivation: `${digest}(salt + SECRET_KEY), salt ${DJANGO_SESSION_SALT}signer` },
    }));
    const facts: Record<string, string> = { digest: describeDigests(signed.digests), backend: 'signed_cookies' };
    const warnings: Warning[] = [];
    if (loaded.compressed) facts.compression = 'zlib';
    if (signed.digests.includes('sha1')) facts.legacy = 'SHA-1 signature (Django < 3.1 or DEFAULT_HASHING_ALGORITHM = "sha1"); Django 4.0+ rejects it';
    if (pickled) {
      facts.serializer = 'pickle';
      warnings.push(pickleWarning(pickled));
    }
    const problem = loaded.ok ? null : pickled ? (pickled.ok ? null : pickled.reason) : loaded.reason;
    return {
      format: 'django-session',
      label: 'Django session (signed cookies)',
      isSession: true,
      payload: loaded.ok ? loaded.json : pickled?.ok ? pickled.value : null,
      ...(pickled?.ok ? { typed: pickled.typed } : {}),
      issuedAt: signed.timestamp,
      defaultMaxAge: DJANGO_SESSION_AGE,
      signing: { kind: 'hmac', checks },
      warnings,
      facts,
      ...(problem === null ? {} : { problem: malformed(problem) }),
    };
  },
  /** `signing.dumps(session, compress=True, salt=...)` with JSONSerializer (ASCII JSON), SHA-256 unless told otherwise. */
  write(payload, secret, options) {
    if (!isObject(payload)) return cannotWrite('a Django session is a dict: the payload must be a JSON object');
    const json = dumpJson(payload, { escape: ASCII_ONLY });
    if (!json.ok) return cannotWrite(json.reason);
    const value = djangoSign(djangoDumps(json.text, { compress: true }), secret, { salt: DJANGO_SESSION_SALT, digest: options.digest ?? DJANGO_DIGEST }, signingTime(options));
    return written([options.name ?? DJANGO_COOKIE_NAME, quoteCookieValue(value)]);
  },
};

/** Every pickled session is a risk once SECRET_KEY leaks; one that already calls something shows what such a cookie does. */
function pickleWarning(pickled: PickleValue): Warning {
  const calls = pickled.ok ? pickled.calls : [];
  const message =
    calls.length > 0
      ? `Pickled session that calls ${calls.join(', ')} when the server loads it (never run here): a pickle runs code on unpickling, so whoever knows SECRET_KEY can run any code on the server.`
      : 'Pickled session (PickleSerializer): whoever knows SECRET_KEY can make the server unpickle arbitrary objects and run code.';
  return { code: 'code-execution-serializer', message };
}
