import { encodeUtf8 } from '../codec/text';
import { splitSigned } from '../codec/itsdangerous';
import type { Reading, SessionFormat } from '../format';

/** `str(uuid4())` (Flask-Session <= 0.5) or `secrets.token_urlsafe(32)` (>= 0.6). */
const SESSION_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9_-]{43})$/;

const SERVER_SIDE_NOTE = 'Flask-Session keeps the data server-side; the cookie holds only the session id.';

/** Flask-Session's server-side session id, signed (`SESSION_USE_SIGNER`, salt flask-session) or bare in the `session` cookie. */
export const flaskSessionId: SessionFormat = {
  id: 'flask-session-id',
  read(cookie) {
    const signed = splitSigned(cookie.value);
    if (signed && SESSION_ID.test(signed.signedText) && signed.digests.includes('sha1')) {
      return {
        ...idReading(signed.signedText),
        signing: {
          kind: 'hmac',
          checks: [
            {
              digest: 'sha1',
              derivation: { kind: 'hmac', salt: encodeUtf8('flask-session') },
              encoding: 'utf8',
              message: encodeUtf8(signed.signedText),
              signature: signed.signature,
              config: { salt: 'flask-session', keyDerivation: 'hmac', digest: 'sha1' },
            },
          ],
        },
      };
    }
    if (cookie.name === 'session' && SESSION_ID.test(cookie.value)) return { ...idReading(cookie.value), signing: { kind: 'unsigned' } };
    return null;
  },
};

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
