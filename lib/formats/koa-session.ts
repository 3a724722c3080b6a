import { isObject, type JsonObject } from '../codec/json';
import type { SessionFormat } from './format';
import { readKeygripSession, writeKeygripSession, type KeygripSessionFlavour, type SessionContent } from './keygrip-session';
import { cannotWrite, signingTime } from './write';

/** koa-session's default key, and the one before 6.0. */
const KOA_SESSION_NAME = 'koa.sess';
const DEFAULT_NAMES = new Set([KOA_SESSION_NAME, 'koa:sess']);

/** koa-session's default maxAge: one day, in milliseconds. */
const ONE_DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What koa-session adds to every session it saves, and no cookie-session body has: `_expire` (ms) with `_maxAge`, or
 * `_session: true` for a browser-session cookie.
 */
function hasKoaMarkers(json: JsonObject): boolean {
  return (typeof json._expire === 'number' && typeof json._maxAge === 'number') || json._session === true;
}

/**
 * The session as `ctx.session.toJSON()` gives it: koa-session's Session skips `isNew` and every key starting with `_`
 * (its own `_expire`, `_maxAge`, `_session`); the times come from `_expire` and `_maxAge`.
 */
function koaContent(json: JsonObject): SessionContent {
  const payload = Object.fromEntries(Object.entries(json).filter(([key]) => key !== 'isNew' && !key.startsWith('_')));
  const { _expire: expire, _maxAge: maxAge } = json;
  if (typeof expire !== 'number' || !Number.isFinite(expire)) return { payload, issuedAt: null, expiresAt: null, facts: json._session === true ? { maxAge: 'session (no _expire)' } : {} };
  if (typeof maxAge !== 'number' || !Number.isFinite(maxAge)) return { payload, issuedAt: null, expiresAt: expire / 1000 };
  return { payload, issuedAt: (expire - maxAge) / 1000, expiresAt: expire / 1000, facts: { maxAge: `${maxAge / 1000} s (_maxAge)` } };
}

const KOA_SESSION: KeygripSessionFlavour = {
  format: 'koa-session',
  framework: 'koa-session',
  // koa-session's own markers tell its cookies from cookie-session's under any name; its default names without them.
  claims: (name, body) => DEFAULT_NAMES.has(name) || (body?.ok === true && hasKoaMarkers(body.json)),
  content: koaContent,
};

/**
 * koa-session (cookie store): `base64(JSON)` of the session with its `_expire`/`_maxAge`, keygrip's signature of
 * `<key>=<value>` in `<key>.sig` (the `cookies` module, as for cookie-session: the first key signs, all verify).
 */
export const koaSession: SessionFormat = {
  id: 'koa-session',
  read: (cookie, context) => readKeygripSession(cookie, context, KOA_SESSION),
  /**
   * `ctx.session` saved as koa-session saves it: the payload's keys, then `_expire` (issued-at + maxAge, or the
   * expiry asked for) and `_maxAge` (one day by default).
   */
  write(payload, secret, options) {
    if (!isObject(payload)) return cannotWrite('a koa-session session is an object: the payload must be a JSON object');
    if (Object.keys(payload).some((key) => key === 'isNew' || key.startsWith('_'))) return cannotWrite('koa-session does not save isNew or keys starting with _');
    const issuedAtMs = signingTime(options) * 1000;
    const expireMs = options.expiresAt !== undefined ? Math.round(options.expiresAt * 1000) : issuedAtMs + ONE_DAY_MS;
    if (!Number.isSafeInteger(expireMs) || expireMs <= issuedAtMs) return cannotWrite('the expiry must be after the time of signing');
    return writeKeygripSession(options.name ?? KOA_SESSION_NAME, { ...payload, _expire: expireMs, _maxAge: expireMs - issuedAtMs }, secret, options.digest);
  },
};
