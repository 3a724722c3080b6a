import { computeMac, secretKeyedCheck, type HmacCheck } from '../crypto/hmac-check';
import { secretBytes, type DigestName } from '../crypto/digest';
import { encodeUtf8, fromHex, toHex } from '../codec/text';
import type { Secret } from '../types';

/**
 * Tornado's secure cookies (`tornado.web.create_signed_value` / `decode_signed_value`): the secret is the HMAC key as
 * it is, and the cookie name is part of what is signed, so a value moved to another cookie does not verify.
 */

/** A cookie value is ASCII: Tornado's field lengths count bytes, and here one character is one byte. */
const ASCII = /^[\x20-\x7e]*$/;
/** Tornado writes decimal numbers without leading zeros; v1 refuses a timestamp starting with `0` as tampered. */
const DECIMAL = /^(0|[1-9]\d*)$/;
/** Field lengths and numbers longer than this cannot describe any cookie (browsers keep about 4 KB). */
const MAX_DIGITS = 7;
const MAX_TIMESTAMP_DIGITS = 12;
/** `_get_version` takes a leading `N|` up to 999 as the version; v1 values start with base64 instead. */
const VERSION_PREFIX = /^([1-9]\d{0,2})\|/;

export interface TornadoValue {
  version: 1 | 2;
  /** v2's key version (an index into a `cookie_secret` dict); 0 when the app has one secret; null for v1. */
  keyVersion: number | null;
  /** Unix seconds, as signed. */
  timestamp: number;
  /** The cookie name the value was signed for (v2 carries it; v1 binds the cookie's own name). */
  signedName: string | null;
  /** The value field: standard base64 of the bytes the app stored. */
  value: string;
  /** The hex signature, as given. */
  signature: string;
  /** What the signature covers before the name is bound (v2: the text up to the last `|`). */
  signedText: string;
}

type TornadoParse = { ok: true; value: TornadoValue } | { ok: false; reason: string } | null;

/** The value's version and fields, a reason when it has a Tornado shape but is broken, null when it has none. */
export function parseTornadoValue(text: string): TornadoParse {
  if (!ASCII.test(text)) return null;
  const version = VERSION_PREFIX.exec(text);
  if (version?.[1] === '2') return /^2\|\d{1,7}:/.test(text) ? parseV2(text) : null;
  // Tornado reads versions 3..999 as unknown (no value); a number over 999 is the start of a v1 value.
  if (version && Number(version[1]) !== 1) return null;
  return parseV1(text);
}

/** `value|timestamp|signature`, three parts exactly. */
function parseV1(text: string): TornadoParse {
  const parts = text.split('|');
  if (parts.length !== 3) return null;
  const [value, timestamp, signature] = parts as [string, string, string];
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || !/^\d{1,12}$/.test(timestamp) || !/^[0-9a-fA-F]{40}$/.test(signature)) return null;
  if (!DECIMAL.test(timestamp)) return { ok: false, reason: 'the timestamp starts with 0, which Tornado refuses as tampered' };
  return { ok: true, value: { version: 1, keyVersion: null, timestamp: Number(timestamp), signedName: null, value, signature, signedText: value + timestamp } };
}

/** `2|len:keyVersion|len:timestamp|len:name|len:value|signature`: each length checked against what is left before slicing. */
function parseV2(text: string): TornadoParse {
  let rest = text.slice(2);
  const fields: string[] = [];
  for (let i = 0; i < 4; i++) {
    const colon = rest.indexOf(':');
    const length = rest.slice(0, colon);
    if (colon <= 0 || colon > MAX_DIGITS || !/^\d+$/.test(length)) return { ok: false, reason: `field ${i + 1} has no length` };
    const n = Number(length);
    const start = colon + 1;
    if (start + n >= rest.length || rest[start + n] !== '|') return { ok: false, reason: `field ${i + 1} is not ${n} characters long` };
    fields.push(rest.slice(start, start + n));
    rest = rest.slice(start + n + 1);
  }
  const [keyVersion, timestamp, name, value] = fields as [string, string, string, string];
  if (!DECIMAL.test(keyVersion) || keyVersion.length > MAX_DIGITS) return { ok: false, reason: 'the key version is not a number' };
  if (!DECIMAL.test(timestamp) || timestamp.length > MAX_TIMESTAMP_DIGITS) return { ok: false, reason: 'the timestamp is not a number' };
  if (!/^[0-9a-fA-F]{64}$/.test(rest)) return { ok: false, reason: 'the signature is not 64 hex digits' };
  return {
    ok: true,
    value: { version: 2, keyVersion: Number(keyVersion), timestamp: Number(timestamp), signedName: name, value, signature: rest, signedText: text.slice(0, text.length - rest.length) },
  };
}

/** v2's text up to and including the last `|`, for the cookie `name` (what `create_signed_value` signs). */
function v2SignedText(keyVersion: number, timestamp: number, name: string, value: string): string {
  const field = (text: string) => `${text.length}:${text}|`;
  return `2|${field(String(keyVersion))}${field(String(timestamp))}${field(name)}${field(value)}`;
}

/** The message Tornado's verifier recomputes for the cookie called `cookieName`. */
function messageFor(parsed: TornadoValue, cookieName: string): string {
  return parsed.version === 1
    ? cookieName + parsed.signedText
    : v2SignedText(parsed.keyVersion!, parsed.timestamp, cookieName, parsed.value);
}

const DIGEST: Record<1 | 2, DigestName> = { 1: 'sha1', 2: 'sha256' };

/**
 * The one check `decode_signed_value(secret, cookieName, value)` makes. Tornado compares hex text, so an upper-case
 * signature (which it never writes) matches nothing. For v2 the message names the cookie it is read as, so a value
 * signed for another cookie does not verify, as Tornado refuses it.
 */
export function tornadoChecks(parsed: TornadoValue, cookieName: string): HmacCheck[] {
  const digest = DIGEST[parsed.version];
  const signature = /[A-F]/.test(parsed.signature) ? new Uint8Array(0) : fromHex(parsed.signature)!;
  return [secretKeyedCheck(digest, encodeUtf8(messageFor(parsed, cookieName)), signature, { version: String(parsed.version), digest })];
}

/** `create_signed_value(secret, name, value, version=2, key_version=keyVersion)` at `timestamp`; `value` is already base64. */
export function signTornadoV2(secret: Secret, name: string, value: string, timestamp: number, keyVersion: number): string {
  const signed = v2SignedText(keyVersion, timestamp, name, value);
  return signed + toHex(computeMac({ kind: 'none' }, 'sha256', secretBytes(secret, 'utf8')!, encodeUtf8(signed)));
}

/** `create_signed_value(secret, name, value, version=1)` at `timestamp`: `value|timestamp|HMAC-SHA1(name value timestamp)`. */
export function signTornadoV1(secret: Secret, name: string, value: string, timestamp: number): string {
  const mac = computeMac({ kind: 'none' }, 'sha1', secretBytes(secret, 'utf8')!, encodeUtf8(name + value + String(timestamp)));
  return `${value}|${timestamp}|${toHex(mac)}`;
}
