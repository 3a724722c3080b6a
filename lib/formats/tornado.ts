import { decodeBase64, encodeBase64 } from '../codec/base64';
import { decodeUtf8, encodeUtf8 } from '../codec/text';
import { parseTornadoValue, signTornadoV1, signTornadoV2, tornadoChecks, type TornadoValue } from '../signing/tornado';
import { malformed, type Warning } from '../types';
import type { SessionFormat } from './format';
import { cannotWrite, signingTime, written } from './write';

/** `get_secure_cookie`'s `max_age_days` default: 31 days. */
const TORNADO_MAX_AGE = 31 * 24 * 3600;

const IDENTITY = { format: 'tornado', label: 'Tornado secure cookie', isSession: true } as const;

/**
 * Tornado's secure cookies (`set_secure_cookie`), v2 (`2|1:0|10:ts|n:name|n:value|HMAC-SHA256`) and v1
 * (`value|ts|HMAC-SHA1`). The payload is what `get_secure_cookie` returns: the stored bytes, shown as text when they
 * are UTF-8, else as their base64 (with a fact saying so).
 */
export const tornado: SessionFormat = {
  id: 'tornado',
  read(cookie) {
    const parsed = parseTornadoValue(cookie.value);
    if (!parsed) return null;
    if (!parsed.ok) return { ...IDENTITY, payload: null, issuedAt: null, signing: { kind: 'hmac', checks: [] }, warnings: [], facts: {}, problem: malformed(parsed.reason) };
    const value = parsed.value;
    const bytes = decodeBase64(value.value);
    const text = bytes && decodeUtf8(bytes);
    return {
      ...IDENTITY,
      payload: bytes ? (text ?? value.value) : null,
      issuedAt: value.timestamp,
      defaultMaxAge: TORNADO_MAX_AGE,
      signing: { kind: 'hmac', checks: tornadoChecks(value, cookie.name) },
      warnings: otherCookie(value, cookie.name),
      facts: {
        version: String(value.version),
        ...(value.keyVersion !== null ? { 'key version': String(value.keyVersion) } : {}),
        ...(bytes && text === null ? { value: 'bytes, not UTF-8: shown as base64' } : {}),
      },
      ...(bytes ? {} : { problem: malformed('the value is not base64') }),
    };
  },
  /**
   * A v2 value (Tornado's default since 3.2.1) of the text `payload`, key version 0 unless given; digest `sha1` asks
   * for a v1 value (`value|timestamp|HMAC-SHA1`), which has no key version.
   */
  write(payload, secret, options) {
    if (typeof payload !== 'string') return cannotWrite('a Tornado secure cookie holds text: the payload must be a string');
    const { name, keyVersion = 0, digest = 'sha256' } = options;
    if (name === undefined) return cannotWrite('the cookie name is needed');
    // Tornado writes the name's length in characters and its bytes as UTF-8: only ASCII names agree with themselves.
    if (!/^[\x21-\x7e]+$/.test(name)) return cannotWrite(`${JSON.stringify(name)} is not a cookie name Tornado can sign`);
    if (!Number.isSafeInteger(keyVersion) || keyVersion < 0) return cannotWrite(`key version ${String(keyVersion)} is not a whole number`);
    const value = encodeBase64(encodeUtf8(payload));
    if (digest === 'sha256') return written([name, signTornadoV2(secret, name, value, signingTime(options), keyVersion)]);
    if (digest !== 'sha1') return cannotWrite(`Tornado signs with sha256 (v2) or sha1 (v1), not ${digest}`);
    // Tornado asserts a single secret for v1: a cookie_secret dict (key versions) is v2 only.
    if (keyVersion !== 0) return cannotWrite('a v1 value has no key version');
    return written([name, signTornadoV1(secret, name, value, signingTime(options))]);
  },
};

/** A v2 value names its cookie: read under another name, Tornado refuses it (and the check above fails). */
function otherCookie(value: TornadoValue, cookieName: string): Warning[] {
  if (value.signedName === null || value.signedName === cookieName) return [];
  return [{ code: 'other-cookie', message: `Signed for the cookie ${JSON.stringify(value.signedName)}: Tornado refuses it as "${cookieName}".` }];
}
