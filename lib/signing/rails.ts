import { encryptAesGcm, pbkdf2Subtle } from '../crypto/aes';
import { secretBytes, type DigestName } from '../crypto/digest';
import { computeMac, type KeyDerivation } from '../crypto/hmac-check';
import { decodeBase64, encodeBase64 } from '../codec/base64';
import { dumpJson, isObject, parseJson, TOO_DEEP, type JsonText } from '../codec/json';
import { decodeUtf8, encodeUtf8, toHex } from '../codec/text';
import { malformed, type Problem, type Secret, type Warning } from '../types';

/** ActiveSupport::KeyGenerator's PBKDF2 iteration count for cookies (Rails 5.2+; 4.x used 1000 too). */
export const RAILS_ITERATIONS = 1000;

/** The key generator's digest: SHA-1 up to Rails 6.1, SHA-256 with `load_defaults 7.0`. Both are tried. */
export const RAILS_KDF_DIGESTS: readonly DigestName[] = ['sha1', 'sha256'];

/** What a new app's key generator uses (7.0+), so what a written cookie is keyed with unless told otherwise. */
export const RAILS_KDF_DIGEST: DigestName = 'sha256';

/** `signed_cookie_digest`: MessageVerifier's default, SHA-1 in every release. */
export const SIGNED_COOKIE_DIGEST: DigestName = 'sha1';

/** The key generator's salt for `cookies.signed` (MessageVerifier). */
const SIGNED_COOKIE_SALT = 'signed cookie';

/** The key generator's salt for `cookies.encrypted` and the cookie store with AES-256-GCM (Rails 5.2+). */
const ENCRYPTED_COOKIE_SALT = 'authenticated encrypted cookie';

/** Escaped by ActiveSupport::JSON as `\uXXXX` (`escape_html_entities_in_json`, on by default), besides JSON's own. */
const ACTIVE_SUPPORT_ESCAPES = /[<>&\u2028\u2029]/g;

/** The MessageVerifier key of `cookies.signed`: PBKDF2-`kdf`(secret_key_base, "signed cookie", 1000, 64). */
export function signedCookieDerivation(kdf: DigestName): KeyDerivation {
  return { kind: 'pbkdf2', digest: kdf, salt: encodeUtf8(SIGNED_COOKIE_SALT), iterations: RAILS_ITERATIONS, length: 64 };
}

export function describeSignedCookieKey(kdf: DigestName): string {
  return `pbkdf2-hmac-${kdf}(secret_key_base, '${SIGNED_COOKIE_SALT}', ${RAILS_ITERATIONS}, 64)`;
}

/** The AES-256-GCM key of `cookies.encrypted`: PBKDF2-`kdf`(secret_key_base, "authenticated encrypted cookie", 1000, 32). */
export function encryptedCookieKey(secret: Secret, kdf: DigestName): Promise<Uint8Array | null> {
  return pbkdf2Subtle(kdf, secretBytes(secret, 'utf8')!, encodeUtf8(ENCRYPTED_COOKIE_SALT), RAILS_ITERATIONS, 32);
}

export function describeEncryptedCookieKey(kdf: DigestName): string {
  return `pbkdf2-hmac-${kdf}(secret_key_base, '${ENCRYPTED_COOKIE_SALT}', ${RAILS_ITERATIONS}, 32)`;
}

/** Strict base64 (`Base64.strict_encode64`), as every Rails cookie part is written. */
export const STRICT_BASE64 = '[A-Za-z0-9+/]+={0,2}';

/** Ruby Marshal data starts with format version 4.8. */
const MARSHAL = [0x04, 0x08];

/** What the app's cookie jar gets out of a verified or decrypted Rails cookie. */
export interface RailsMessage {
  /** The value as the jar returns it; null when it cannot be shown (Marshal). */
  payload: unknown;
  serializer: 'JSON' | 'Marshal' | 'text';
  /** `_rails.exp` in unix seconds, or null (no envelope, or written without expiry). */
  expiresAt: number | null;
  /** `_rails.pur`, e.g. `cookie.user_id`; null when absent. */
  purpose: string | null;
  /** Whether the envelope's purpose lets this cookie name read it (a value moved to another cookie does not). */
  purposeMatches: boolean;
  metadata: boolean;
  /** Why a JSON value is not shown (nested too deep). */
  problem?: Problem;
}

/**
 * The plaintext of a Rails cookie: with `use_cookies_with_metadata` (6.0+), `{"_rails":{"message":b64(serialized),
 * "exp":ISO|null,"pur":"cookie.<name>"}}`; before that, the serialized value itself. JSON or Marshal either way.
 */
export function readRailsMessage(plain: Uint8Array, cookieName: string): RailsMessage {
  const envelope = railsEnvelope(plain);
  if (!envelope) return { ...deserialize(plain), expiresAt: null, purpose: null, purposeMatches: true, metadata: false };
  const inner = decodeBase64(envelope.message);
  const value = inner ? deserialize(inner) : { payload: envelope.message, serializer: 'text' as const };
  return {
    ...value,
    expiresAt: envelope.exp,
    purpose: envelope.pur,
    // The jar asks for purpose "cookie.<name>" and then for none, which only matches envelopes without a purpose.
    purposeMatches: envelope.pur === null || envelope.pur === `cookie.${cookieName}`,
    metadata: true,
  };
}

interface Envelope {
  message: string;
  exp: number | null;
  pur: string | null;
}

function railsEnvelope(plain: Uint8Array): Envelope | null {
  const text = decodeUtf8(plain);
  if (text === null || !text.startsWith('{"_rails":')) return null;
  const parsed = parseJson(text);
  if (!parsed.ok || !isObject(parsed.json)) return null;
  const rails = parsed.json._rails;
  if (!isObject(rails) || typeof rails.message !== 'string') return null;
  return { message: rails.message, exp: isoSeconds(rails.exp), pur: typeof rails.pur === 'string' ? rails.pur : null };
}

function deserialize(bytes: Uint8Array): Pick<RailsMessage, 'payload' | 'serializer' | 'problem'> {
  if (bytes[0] === MARSHAL[0] && bytes[1] === MARSHAL[1]) return { payload: null, serializer: 'Marshal' };
  const text = decodeUtf8(bytes);
  if (text === null) return { payload: null, serializer: 'text' };
  const parsed = parseJson(text);
  if (parsed.ok) return { payload: parsed.json, serializer: 'JSON' };
  return parsed.reason === TOO_DEEP ? { payload: null, serializer: 'JSON', problem: malformed(TOO_DEEP) } : { payload: text, serializer: 'text' };
}

/** `Time#iso8601(3)` as Rails writes `exp`, e.g. `2026-11-22T00:36:48.170Z`. */
function isoSeconds(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/** What the reports say about a message's serializer and envelope. */
export function messageNotes(message: RailsMessage, cookieName: string): { facts: Record<string, string>; warnings: Warning[] } {
  const facts: Record<string, string> = { serializer: message.serializer };
  const warnings: Warning[] = [];
  if (message.purpose !== null) facts.purpose = message.purpose;
  if (!message.metadata) facts.metadata = 'none (written before Rails 6.0 or without use_cookies_with_metadata)';
  if (message.serializer === 'Marshal') {
    warnings.push({
      code: 'code-execution-serializer',
      message: 'Ruby Marshal serializer (not decoded here): with the secret_key_base anyone can make the server load arbitrary Ruby objects and run code.',
    });
  }
  if (!message.purposeMatches) {
    warnings.push({ code: 'other-cookie', message: `Written for ${JSON.stringify(message.purpose)}, not for "cookie.${cookieName}": Rails discards a value moved to another cookie.` });
  }
  return { facts, warnings };
}

/** What a Rails 6.0+ cookie jar binds into the `_rails` envelope. */
interface RailsMetadata {
  /** `cookie.<name>`: the jar reads the value back only under this name. */
  purpose: string;
  /** Unix seconds, written as `Time#iso8601(3)`; null for a cookie without expiry. */
  expiresAt: number | null;
}

/**
 * What the jar signs or encrypts (`Messages::Metadata.wrap` of the JSON serializer's output): the value as
 * ActiveSupport::JSON writes it, strict base64 inside `{"_rails":{"message":…,"exp":…,"pur":…}}`.
 */
export function railsMessage(value: unknown, { purpose, expiresAt }: RailsMetadata): JsonText {
  const serialized = dumpJson(value, { escape: ACTIVE_SUPPORT_ESCAPES });
  if (!serialized.ok) return serialized;
  const exp = expiresAt === null ? null : isoMilliseconds(expiresAt);
  if (exp === undefined) return { ok: false, reason: `expiry ${expiresAt} is not a time` };
  return dumpJson({ _rails: { message: encodeBase64(encodeUtf8(serialized.text)), exp, pur: purpose } }, { escape: ACTIVE_SUPPORT_ESCAPES });
}

/** `2026-11-22T00:36:48.170Z`, or undefined beyond what a Date holds. */
function isoMilliseconds(unix: number): string | undefined {
  const date = new Date(unix * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** MessageVerifier digest and key generator digest of `cookies.signed`. */
interface RailsVerifier {
  digest: DigestName;
  kdfDigest: DigestName;
}

/** `MessageVerifier#generate`: `strict_base64(message)--hex(HMAC)`, the HMAC the signed-cookie checks recompute. */
export function railsVerifierGenerate(message: string, secret: Secret, { digest, kdfDigest }: RailsVerifier): string {
  const data = encodeBase64(encodeUtf8(message));
  const mac = computeMac(signedCookieDerivation(kdfDigest), digest, secretBytes(secret, 'utf8')!, encodeUtf8(data));
  return `${data}--${toHex(mac)}`;
}

/**
 * `MessageEncryptor#encrypt_and_sign` with AES-256-GCM: `b64(ciphertext)--b64(iv)--b64(tag)`, a fresh 12-byte IV
 * each time as OpenSSL's `random_iv` gives. Null when WebCrypto cannot derive the key or encrypt.
 */
export async function railsEncryptAndSign(message: string, secret: Secret, kdfDigest: DigestName): Promise<string | null> {
  const key = await encryptedCookieKey(secret, kdfDigest);
  if (!key) return null;
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const sealed = await encryptAesGcm(key, iv, encodeUtf8(message));
  return sealed && `${encodeBase64(sealed.ciphertext)}--${encodeBase64(iv)}--${encodeBase64(sealed.tag)}`;
}
