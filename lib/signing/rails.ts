import { encryptAesGcm, pbkdf2Subtle } from '../crypto/aes';
import { secretBytes, type DigestName } from '../crypto/digest';
import { computeMac, type KeyDerivation } from '../crypto/hmac-check';
import { encodeBase64 } from '../codec/base64';
import { dumpJson, type JsonText } from '../codec/json';
import { encodeUtf8, toHex } from '../codec/text';
import type { Secret } from '../types';

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
