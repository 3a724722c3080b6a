import { quoteCookieValue } from '../codec/wire';
import { DJANGO_DIGEST, djangoKeyDerivation, djangoSign, splitDjangoTimed } from '../signing/django';
import { describeDigests } from '../signing/itsdangerous';
import { encodeUtf8 } from '../codec/text';
import type { HmacCheck } from '../crypto/hmac-check';
import type { SessionFormat } from './format';
import { cannotWrite, signingTime, written } from './write';

/** `get_cookie_signer` prepends this to SECRET_KEY. */
const COOKIE_SECRET_PREFIX = 'django.http.cookies';

/**
 * `HttpResponse.set_signed_cookie(name, value, salt='')`: `value:TS:SIG`, the value as-is.
 * The signer's salt is `name + salt`, so key = H(name + salt + "signer" + "django.http.cookies" + SECRET_KEY):
 * the cookie's name is part of the key and a value moved to another cookie no longer verifies.
 */
export const djangoSigned: SessionFormat = {
  id: 'django-signed',
  read(cookie, context) {
    const signed = splitDjangoTimed(cookie.value);
    if (!signed) return null;
    // The user's salt first, then the default empty salt.
    const salts = [...new Set([...(context.salt !== undefined ? [context.salt] : []), ''])];
    const message = encodeUtf8(signed.signedText);
    const checks = salts.flatMap((salt) =>
      signed.digests.map((digest): HmacCheck => ({
        digest,
        derivation: djangoKeyDerivation({ salt: `${cookie.name}${salt}`, secretPrefix: COOKIE_SECRET_PREFIX }),
        encoding: 'utf8',
        message,
        signature: signed.signature,
        // The salt that matched: the cookie can only be signed again (and read by the app) with it.
        config: { digest, salt, keyDerivation: `${digest}(name + salt + 'signer' + '${COOKIE_SECRET_PREFIX}' + SECRET_KEY)` },
      })),
    );
    return {
      format: 'django-signed',
      label: 'Django signed cookie',
      isSession: true,
      payload: signed.value,
      issuedAt: signed.timestamp,
      // get_signed_cookie(max_age=None) by default: only the app's own max_age makes it expire.
      signing: { kind: 'hmac', checks },
      warnings: [],
      facts: {
        digest: describeDigests(signed.digests),
        key: `bound to the cookie name "${cookie.name}" and the salt given to set_signed_cookie`,
      },
    };
  },
  /** `response.set_signed_cookie(name, value, salt=...)` of a text value, quoted as Django's SimpleCookie quotes it. */
  write(payload, secret, options) {
    if (options.name === undefined) return cannotWrite('the cookie name is needed: set_signed_cookie signs it into the key');
    if (typeof payload !== 'string') return cannotWrite('set_signed_cookie signs text: the payload must be a string');
    const signer = { salt: `${options.name}${options.salt ?? ''}`, secretPrefix: COOKIE_SECRET_PREFIX, digest: options.digest ?? DJANGO_DIGEST };
    return written([options.name, quoteCookieValue(djangoSign(payload, secret, signer, signingTime(options)))]);
  },
};
