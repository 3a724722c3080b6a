import { decodeBase64, decodeBase64Url, encodeBase64 } from '../codec/base64';
import { dumpJson, isObject, parseJson, TOO_DEEP, type JsonObject } from '../codec/json';
import { decodeUtf8, encodeUtf8 } from '../codec/text';
import type { DigestName } from '../crypto/digest';
import { describeDigests } from '../signing/itsdangerous';
import { KEYGRIP_DIGEST, keygripChecks, keygripSign } from '../signing/keygrip';
import { malformed, type CookieInput, type Secret, type Warning } from '../types';
import type { FormatContext, Reading, WriteResult } from './format';
import { cannotWrite, written } from './write';

/**
 * cookie-session and koa-session store the session as `base64(JSON)` in the cookie itself, and the `cookies` module
 * puts keygrip's `HMAC(key, "<name>=<value>")` in a companion `<name>.sig`. One reader serves both; each framework
 * says which cookies are its own and what its reader makes of the JSON.
 */

/** keygrip puts the signature in a companion cookie named after the session cookie. */
export const SIG_SUFFIX = '.sig';

type SessionBody = { ok: true; json: JsonObject } | { ok: false; reason: string };

/** What the framework's reader makes of a session's JSON. */
export interface SessionContent {
  payload: unknown;
  issuedAt: number | null;
  expiresAt?: number | null;
  facts?: Record<string, string>;
}

export interface KeygripSessionFlavour {
  format: 'express-cookie-session' | 'koa-session';
  /** The framework, as labels and warnings name it. */
  framework: string;
  /** Whether a session cookie is this framework's, by its name, its body (null: not base64 JSON) and its `.sig`. */
  claims(name: string, body: SessionBody | null, signed: boolean): boolean;
  content(json: JsonObject): SessionContent;
}

/** A value the `cookies` module could have signed when its body does not decode: base64 in either alphabet. */
const BASE64_TEXT = /^[A-Za-z0-9+/_-]+=*$/;

/**
 * The cookie read as `flavour`'s session, or as the `.sig` companion of one (reported with the same verdict);
 * null when it is not.
 */
export function readKeygripSession(cookie: CookieInput, context: FormatContext, flavour: KeygripSessionFlavour): Reading | null {
  const companionOf = cookie.name.endsWith(SIG_SUFFIX) ? cookie.name.slice(0, -SIG_SUFFIX.length) : null;
  const baseValue = companionOf !== null ? context.jar.get(companionOf) : undefined;
  if (companionOf !== null && baseValue !== undefined) {
    const baseBody = readSessionBody(baseValue);
    if (baseBody !== null && flavour.claims(companionOf, baseBody, true)) return companionReading(flavour, companionOf, baseValue, cookie.value);
  }
  const sigValue = context.jar.get(cookie.name + SIG_SUFFIX);
  const body = readSessionBody(cookie.value);
  // A `.sig` companion makes the format certain even when the body does not decode.
  if (body === null && (sigValue === undefined || !BASE64_TEXT.test(cookie.value))) return null;
  if (!flavour.claims(cookie.name, body, sigValue !== undefined)) return null;
  const signature = sigValue === undefined ? null : keygripChecks(cookie.name, cookie.value, sigValue);
  const warnings: Warning[] = [];
  if (sigValue === undefined) {
    warnings.push({
      code: 'missing-signature-cookie',
      message: `No "${cookie.name}${SIG_SUFFIX}" cookie: ${flavour.framework} with keys treats this as no session (only an app with signed: false reads it).`,
    });
  } else if (signature === null) {
    warnings.push({ code: 'unreadable-signature-cookie', message: `"${cookie.name}${SIG_SUFFIX}" is not a keygrip signature: ${flavour.framework} ignores this session.` });
  }
  const content = body?.ok ? flavour.content(body.json) : null;
  return {
    format: flavour.format,
    label: `${flavour.framework} (${cookie.name})`,
    isSession: true,
    payload: content?.payload ?? null,
    issuedAt: content?.issuedAt ?? null,
    ...(content?.expiresAt !== undefined ? { expiresAt: content.expiresAt } : {}),
    // With no usable signature no key can verify it: an empty check list reports "invalid" once a key is given.
    signing: { kind: 'hmac', checks: signature?.checks ?? [] },
    warnings,
    facts: {
      ...content?.facts,
      ...(signature ? { digest: describeDigests(signature.digests) } : {}),
      signature: sigValue === undefined ? 'missing' : `in cookie "${cookie.name}${SIG_SUFFIX}"`,
      key: 'keygrip signs "<name>=<value>": the cookie name is part of the signature',
    },
    ...(body?.ok ? {} : { problem: malformed(body?.reason ?? 'the session is not base64 of a JSON object') }),
  };
}

function companionReading(flavour: KeygripSessionFlavour, sessionName: string, sessionValue: string, sigValue: string): Reading {
  const signature = keygripChecks(sessionName, sessionValue, sigValue);
  return {
    format: flavour.format,
    label: `${flavour.framework} signature of "${sessionName}"`,
    isSession: false,
    payload: null,
    issuedAt: null,
    signing: { kind: 'hmac', checks: signature?.checks ?? [] },
    warnings: [],
    facts: { companion: `keygrip signature of the cookie "${sessionName}"` },
  };
}

/**
 * Both decode with `Buffer.from(value, 'base64')` (either alphabet) and JSON.parse; only an object is a session.
 * Null when the value is not base64 of JSON text at all (then it is not this format).
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

/** `base64(JSON.stringify(session))` under `name` and its keygrip signature in `<name>.sig` (SHA-1 unless told otherwise). */
export function writeKeygripSession(name: string, session: JsonObject, secret: Secret, digest: DigestName = KEYGRIP_DIGEST): WriteResult {
  const json = dumpJson(session);
  if (!json.ok) return cannotWrite(json.reason);
  const value = encodeBase64(encodeUtf8(json.text));
  return written([name, value], [name + SIG_SUFFIX, keygripSign(name, value, secret, digest)]);
}
