import { decodeBase64, decodeBase64Url, encodeBase64 } from '../codec/base64';
import { dumpJson, isObject, parseJson, TOO_DEEP } from '../codec/json';
import { describeDigests } from '../signing/itsdangerous';
import { KEYGRIP_DIGEST, keygripChecks, keygripSign } from '../signing/keygrip';
import { decodeUtf8, encodeUtf8 } from '../codec/text';
import type { Reading, SessionFormat } from './format';
import { malformed, type Warning } from '../types';
import { cannotWrite, written } from './write';

/** keygrip puts the signature in a companion cookie named after the session cookie. */
const SIG_SUFFIX = '.sig';

/** cookie-session's default cookie name. */
const COOKIE_SESSION_NAME = 'session';

/** Names cookie-session (and koa-session, same scheme) use by default, recognised even without a `.sig`. */
const DEFAULT_NAMES = new Set([COOKIE_SESSION_NAME, 'express:sess', 'koa:sess', 'koa.sess']);

/**
 * cookie-session / koa-session: the session is `base64(JSON)` in the cookie itself and keygrip's
 * `HMAC(key, "<name>=<value>")` sits in `<name>.sig`. The name is signed too, so a renamed cookie fails.
 * The `.sig` companion itself is reported as this format as well, with the same verdict.
 */
export const expressCookieSession: SessionFormat = {
  id: 'express-cookie-session',
  read(cookie, context) {
    const companionOf = cookie.name.endsWith(SIG_SUFFIX) ? cookie.name.slice(0, -SIG_SUFFIX.length) : null;
    const baseValue = companionOf !== null ? context.jar.get(companionOf) : undefined;
    if (companionOf !== null && baseValue !== undefined && readSessionBody(baseValue) !== null) {
      return companionReading(companionOf, baseValue, cookie.value);
    }
    const sigValue = context.jar.get(cookie.name + SIG_SUFFIX);
    const body = readSessionBody(cookie.value);
    if (body === null && sigValue === undefined) return null;
    if (body === null) {
      // A `.sig` companion makes the format certain even when the body does not decode.
      if (!/^[A-Za-z0-9+/_-]+=*$/.test(cookie.value)) return null;
    } else if (sigValue === undefined && !DEFAULT_NAMES.has(cookie.name)) {
      return null;
    }
    const signature = sigValue === undefined ? null : keygripChecks(cookie.name, cookie.value, sigValue);
    const warnings: Warning[] = [];
    if (sigValue === undefined) {
      warnings.push({
        code: 'missing-signature-cookie',
        message: `No "${cookie.name}${SIG_SUFFIX}" cookie: cookie-session with keys treats this as no session (only an app with signed: false reads it).`,
      });
    } else if (signature === null) {
      warnings.push({ code: 'unreadable-signature-cookie', message: `"${cookie.name}${SIG_SUFFIX}" is not a keygrip signature: cookie-session ignores this session.` });
    }
    return {
      ...sessionBase(cookie.name),
      isSession: true,
      payload: body?.ok ? body.json : null,
      // With no usable signature no key can verify it: an empty check list reports "invalid" once a key is given.
      signing: { kind: 'hmac', checks: signature?.checks ?? [] },
      warnings,
      facts: {
        ...(signature ? { digest: describeDigests(signature.digests) } : {}),
        signature: sigValue === undefined ? 'missing' : `in cookie "${cookie.name}${SIG_SUFFIX}"`,
        key: 'keygrip signs "<name>=<value>": the cookie name is part of the signature',
      },
      ...(body?.ok ? {} : { problem: malformed(body?.reason ?? 'the session is not base64 of a JSON object') }),
    };
  },
  /** cookie-session's `base64(JSON.stringify(session))` and its keygrip signature in `<name>.sig` (SHA-1 unless told otherwise). */
  write(payload, secret, options) {
    if (!isObject(payload)) return cannotWrite('a cookie-session session is an object: the payload must be a JSON object');
    const json = dumpJson(payload);
    if (!json.ok) return cannotWrite(json.reason);
    const name = options.name ?? COOKIE_SESSION_NAME;
    const value = encodeBase64(encodeUtf8(json.text));
    return written([name, value], [name + SIG_SUFFIX, keygripSign(name, value, secret, options.digest ?? KEYGRIP_DIGEST)]);
  },
};

function sessionBase(name: string): Pick<Reading, 'format' | 'label' | 'issuedAt'> {
  return { format: 'express-cookie-session', label: `cookie-session (${name})`, issuedAt: null };
}

function companionReading(sessionName: string, sessionValue: string, sigValue: string): Reading {
  const signature = keygripChecks(sessionName, sessionValue, sigValue);
  return {
    ...sessionBase(sessionName),
    label: `cookie-session signature of "${sessionName}"`,
    isSession: false,
    payload: null,
    signing: { kind: 'hmac', checks: signature?.checks ?? [] },
    warnings: [],
    facts: { companion: `keygrip signature of the cookie "${sessionName}"` },
  };
}

type SessionBody = { ok: true; json: unknown } | { ok: false; reason: string };

/**
 * cookie-session decodes with `Buffer.from(value, 'base64')` (either alphabet) and JSON.parse; only an object is a session.
 * Null when the value is not base64 at all (then it is not this format).
 */
function readSessionBody(value: string): SessionBody | null {
  const bytes = decodeBase64(value) ?? decodeBase64Url(value);
  if (!bytes || bytes.length === 0) return null;
  const text = decodeUtf8(bytes);
  if (text === null || !text.startsWith('{')) return null;
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, reason: parsed.reason === TOO_DEEP ? TOO_DEEP : 'session is not JSON' };
  return isObject(parsed.json) ? { ok: true, json: parsed.json } : null;
}
