import { FLASK_SESSION_SALT, loadUrlSafePayload, signerChecks, signerConfigs, signValue, splitSigned } from '../signing/itsdangerous';
import { decodeBase64Url } from '../codec/base64';
import type { Reading, SessionFormat } from './format';
import { cannotWrite, written } from './write';

/** `str(uuid4())` (Flask-Session <= 0.5). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `secrets.token_urlsafe(SESSION_ID_LENGTH)` (>= 0.6, 32 bytes by default: 43 characters); 12 to 192 bytes here. */
const TOKEN_URLSAFE = /^[A-Za-z0-9_-]{16,256}$/;

/** Flask-Session's own signer: itsdangerous `Signer(secret_key, salt='flask-session', key_derivation='hmac')`, SHA-1. */
const FLASK_SESSION_SIGNER = { salt: FLASK_SESSION_SALT, keyDerivation: 'hmac' } as const;

/** Flask's `SESSION_COOKIE_NAME` default, which Flask-Session uses. */
const DEFAULT_NAME = 'session';

const SERVER_SIDE_NOTE = 'Flask-Session keeps the data server-side; the cookie holds only the session id.';

/** Flask-Session's server-side session id, signed (`SESSION_USE_SIGNER`, salt flask-session) or bare in the `session` cookie. */
export const flaskSessionId: SessionFormat = {
  id: 'flask-session-id',
  read(cookie, context) {
    const signed = splitSigned(cookie.value);
    if (signed && signed.digests.includes('sha1') && isSessionId(signed.signedText)) {
      const otherConfigs = signerConfigs(context.salt).filter(
        (config) => !(config.salt === FLASK_SESSION_SIGNER.salt && config.keyDerivation === FLASK_SESSION_SIGNER.keyDerivation),
      );
      return {
        ...idReading(signed.signedText),
        signing: {
          kind: 'hmac',
          checks: [
            ...signerChecks(signed, [FLASK_SESSION_SIGNER]),
            ...signerChecks(signed, otherConfigs, { format: 'itsdangerous', label: 'itsdangerous token' }),
          ],
        },
      };
    }
    if (cookie.name === DEFAULT_NAME && isDefaultSessionId(cookie.value)) return { ...idReading(cookie.value), signing: { kind: 'unsigned' } };
    return null;
  },
  /** The id signed as `SESSION_USE_SIGNER` signs it (without the signer, the cookie is the bare id: nothing to sign). */
  write(payload, secret, options) {
    if (typeof payload !== 'string' || !isSessionId(payload)) {
      return cannotWrite('a Flask-Session cookie carries the session id: the payload must be a uuid4 or token_urlsafe id as a string');
    }
    return written([options.name ?? DEFAULT_NAME, signValue(payload, secret, { ...FLASK_SESSION_SIGNER, digest: 'sha1' })]);
  },
};

/** Signed, any `SESSION_ID_LENGTH`: should the guess be wrong, the other salts' checks still verify it as itsdangerous. */
function isSessionId(text: string): boolean {
  return UUID.test(text) || isTokenUrlSafe(text);
}

/** Bare, only Flask-Session's default ids (a uuid4 or `token_urlsafe(32)`): other `session` cookies hold random ids too. */
function isDefaultSessionId(text: string): boolean {
  return UUID.test(text) || (text.length === 43 && isTokenUrlSafe(text));
}

/**
 * Unpadded base64url of random bytes. A body that decodes to JSON is an itsdangerous serializer's payload
 * (`URLSafeSerializer`), which random bytes practically never are.
 */
function isTokenUrlSafe(text: string): boolean {
  return TOKEN_URLSAFE.test(text) && decodeBase64Url(text) !== null && !loadUrlSafePayload(text).ok;
}

function idReading(sessionId: string): Omit<Reading, 'signing'> {
  return {
    format: 'flask-session-id',
    label: 'Flask-Session server-side session id',
    isSession: true,
    payload: sessionId,
    issuedAt: null,
    warnings: [],
    facts: { storage: SERVER_SIDE_NOTE },
  };
}
