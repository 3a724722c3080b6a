import type { SessionFormat } from './format';
import { djangoSession } from './formats/django-session';
import { djangoSigned } from './formats/django-signed';
import { expressCookieSession } from './formats/express-cookie-session';
import { expressSessionId } from './formats/express-session-id';
import { expressSigned } from './formats/express-signed';
import { flaskLoginRemember } from './formats/flask-login-remember';
import { flaskSession } from './formats/flask-session';
import { flaskSessionId } from './formats/flask-session-id';
import { itsdangerousToken } from './formats/itsdangerous';
import { jwt } from './formats/jwt';
import { laravelEncrypted } from './formats/laravel-encrypted';
import { opaqueId } from './formats/opaque-id';
import { railsEncrypted } from './formats/rails-encrypted';
import { railsSigned } from './formats/rails-signed';

/** Tried in order; the first format that recognises a cookie reads it. Most specific shapes first. */
export const FORMATS: readonly SessionFormat[] = [
  // JWT first: `header.claims.sig` would otherwise pass for an itsdangerous token; a JSON header with `alg` is unmistakable.
  jwt,
  // Laravel: base64 of the Encrypter's JSON {iv, value, mac, tag}, which would otherwise pass for a cookie-session body.
  laravelEncrypted,
  // Express: a base64 JSON body with a `.sig` companion; then `s:value.SIG`, the session id before any signed value.
  expressCookieSession,
  expressSessionId,
  expressSigned,
  // Django: `:`-separated with a base62 timestamp; the session (a base64 JSON dict) before any signed value.
  djangoSession,
  djangoSigned,
  // Rails: `--`-separated strict base64; encrypted shapes (GCM triple, legacy `b64(b64--b64)--hex`) before signed ones.
  railsEncrypted,
  railsSigned,
  // Flask family last among the signed formats: a bare itsdangerous Signer accepts almost any `text.SIG`.
  flaskLoginRemember,
  flaskSessionId,
  flaskSession,
  itsdangerousToken,
  // Bare server-side session ids, by cookie name: only what no format above could read.
  opaqueId,
];
