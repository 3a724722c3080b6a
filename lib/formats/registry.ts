import { wireForms } from '../codec/wire';
import type { CookieInput, FormatId, Secret } from '../types';
import type { FormatContext, Reading, SessionFormat, WriteOptions, WriteResult } from './format';
import { cannotWrite, invalidOptions } from './write';
import { djangoSession } from './django-session';
import { djangoSigned } from './django-signed';
import { expressCookieSession } from './express-cookie-session';
import { expressSessionId } from './express-session-id';
import { expressSigned } from './express-signed';
import { flaskLoginRemember } from './flask-login-remember';
import { flaskSession } from './flask-session';
import { flaskSessionId } from './flask-session-id';
import { itsdangerousToken } from './itsdangerous';
import { hono } from './hono';
import { jwt } from './jwt';
import { koaSession } from './koa-session';
import { laravelEncrypted } from './laravel-encrypted';
import { opaqueId } from './opaque-id';
import { railsEncrypted } from './rails-encrypted';
import { railsSigned } from './rails-signed';
import { starlette } from './starlette';
import { tornado } from './tornado';
import { iron } from './iron';
import { remix } from './remix';
import { authjs } from './authjs';
import { supabase } from './supabase';
import { gorillaSecureCookie } from './gorilla-securecookie';
import { rackSession } from './rack-session';

/** Tried in order; the first format that recognises a cookie reads it. Most specific shapes first. */
export const FORMATS: readonly SessionFormat[] = [
  // JWT first: `header.claims.sig` would otherwise pass for an itsdangerous token; a JSON header with `alg` is unmistakable.
  jwt,
  // Auth.js: a compact JWE `alg: dir` (five parts), or a later piece `<name>.N` of one whose `<name>.0` is.
  authjs,
  // Supabase: `sb-<ref>-auth-token` (or its `.N` chunks) by name; its value is base64url or raw JSON that others would misread.
  supabase,
  // Laravel: base64 of the Encrypter's JSON {iv, value, mac, tag}, which would otherwise pass for a cookie-session body.
  laravelEncrypted,
  // Tornado: `2|n:…` length-prefixed fields, or v1's `base64|digits|40 hex`; no other format has `|` fields.
  tornado,
  // koa-session: cookie-session's scheme, told apart by its `_expire`/`_maxAge` (or `_session`) and its `koa.sess` name.
  koaSession,
  // Express: a base64 JSON body with a `.sig` companion; then `s:value.SIG`, the session id before any signed value.
  expressCookieSession,
  expressSessionId,
  expressSigned,
  // Django: `:`-separated with a base62 timestamp; the session (a base64 JSON dict) before any signed value.
  djangoSession,
  djangoSigned,
  // Rails: `--`-separated strict base64; encrypted shapes (GCM triple, legacy `b64(b64--b64)--hex`) before signed ones.
  railsEncrypted,
  // Rack: `b64--hex` like a Rails signed cookie; `rack.session`, or a hash with session_id (see rack-session.ts).
  rackSession,
  railsSigned,
  // Starlette: an itsdangerous TimestampSigner over standard base64 of Python's spaced JSON, which the Flask family
  // would otherwise take for its own (Flask claims a `session` cookie of that shape, itsdangerous a raw string).
  starlette,
  // `value.SIG` with a 43-char (Remix, base64 JSON before it) or a padded 44-char base64 HMAC-SHA256 (Hono): a bare
  // itsdangerous Signer never writes standard base64 or padding.
  remix,
  hono,
  // Gorilla: base64url of `digits|base64url|raw MAC`; no other format's value decodes to that.
  gorillaSecureCookie,
  // Flask family last among the signed formats: a bare itsdangerous Signer accepts almost any `text.SIG`.
  flaskLoginRemember,
  flaskSessionId,
  flaskSession,
  itsdangerousToken,
  // Iron seals start `Fe26.2*` (h3 chunks them: `__chunked__N`, then the pieces `<name>.1` …): no format above reads those.
  iron,
  // Bare server-side session ids, by cookie name: only what no format above could read.
  opaqueId,
];

/** The first format's reading of the cookie, as it travels or unquoted (Werkzeug, percent-encoding); null when none. */
export function readCookie(cookie: CookieInput, context: FormatContext): Reading | null {
  for (const form of wireForms(String(cookie.value ?? ''))) {
    for (const format of FORMATS) {
      if (form.encoding === 'percent-encoded' && format.percentDecoded === false) continue;
      const reading = format.read({ ...cookie, value: form.value }, context);
      if (!reading) continue;
      if (form.encoding) reading.facts.wire = form.encoding;
      return reading;
    }
  }
  return null;
}

/**
 * The cookies a format writes for `payload` with `secret` (see `SessionFormat.write`). Never throws: a format that is
 * only read, unusable options and an unexpected failure are problems.
 */
export async function writeCookie(format: FormatId, payload: unknown, secret: Secret, options: WriteOptions = {}): Promise<WriteResult> {
  const writer = FORMATS.find((known) => known.id === format)?.write;
  if (!writer) return cannotWrite(`${format} cookies are read, not written`);
  const invalid = invalidOptions(options);
  if (invalid) return invalid;
  try {
    return await writer(payload, secret, options);
  } catch (error) {
    return { ok: false, problem: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
}
