import { decodeBase64 } from '../codec/base64';
import {
  describeEncryptedCookieKey,
  encryptedCookieKey,
  RAILS_ITERATIONS,
  RAILS_KDF_DIGEST,
  RAILS_KDF_DIGESTS,
  railsEncryptAndSign,
  railsMessage,
  STRICT_BASE64,
} from '../signing/rails';
import { messageNotes, readRailsMessage, type RailsMessage } from '../serializers/rails-message';
import { decodeLatin1, encodeUtf8, fromHex } from '../codec/text';
import { decryptAesCbc, decryptAesGcm, pbkdf2Subtle } from '../crypto/aes';
import { DIGEST_LABEL, digestsForLength, hmacDigest, secretBytes, timingSafeEqual, type DigestName } from '../crypto/digest';
import { addWarning, type Opened, type Reading, type SessionFormat } from './format';
import type { Secret, Warning } from '../types';
import { cannotWrite, written } from './write';

/** Rails 5.2+: `b64(ciphertext)--b64(iv, 12 bytes)--b64(auth tag, 16 bytes)`, AES-256-GCM. */
const GCM = new RegExp(`^(${STRICT_BASE64})--([A-Za-z0-9+/]{16})--([A-Za-z0-9+/]{22}==)$`);

/** Rails 4.1-5.1: `b64(b64(ciphertext)--b64(iv))--hex(HMAC)`, AES-256-CBC then HMAC. */
const LEGACY = new RegExp(`^(${STRICT_BASE64})--([0-9a-f]{40}|[0-9a-f]{64})$`);
const LEGACY_INNER = new RegExp(`^(${STRICT_BASE64})--(${STRICT_BASE64})$`);

const CBC_SALT = 'encrypted cookie';
const CBC_SIGN_SALT = 'signed encrypted cookie';

const NO_KEY = 'encrypted: add secret_key_base to read it';

/**
 * Rails `cookies.encrypted[...]` and the default CookieStore session (`_<app>_session`). Nothing is readable
 * without secret_key_base; with it, both key-generator digests (SHA-1 up to 6.1, SHA-256 from 7.0) are tried.
 */
export const railsEncrypted: SessionFormat = {
  id: 'rails-encrypted',
  read(cookie) {
    const gcm = GCM.exec(cookie.value);
    if (gcm) {
      const [ciphertext, iv, tag] = [decodeBase64(gcm[1]!), decodeBase64(gcm[2]!), decodeBase64(gcm[3]!)];
      if (!ciphertext || iv?.length !== 12 || tag?.length !== 16) return null;
      const base = encryptedBase(cookie.name, 'AES-256-GCM', []);
      return { ...base, signing: { kind: 'keyed', open: (secret) => openGcm(secret, ciphertext, iv, tag, cookie.name, base) } };
    }
    const legacy = readLegacy(cookie.value);
    if (legacy) {
      const base = encryptedBase(cookie.name, 'AES-256-CBC + HMAC (legacy)', [
        { code: 'legacy-format', message: 'Legacy encrypted cookie (AES-256-CBC + HMAC, Rails 4.1-5.1): Rails 5.2+ reads it only through its upgrade rotation.' },
      ]);
      return { ...base, signing: { kind: 'keyed', open: (secret) => openLegacy(secret, legacy, cookie.name, base) } };
    }
    return null;
  },
  /**
   * `cookies.encrypted[name] = value` (and the cookie store's session) with AES-256-GCM, the JSON serializer and
   * Rails 6.0+ metadata, URL-encoded as Rack sets it. A fresh IV each time: the same payload never writes the same value.
   */
  async write(payload, secret, options) {
    if (options.name === undefined) return cannotWrite('the cookie name is needed: Rails binds the value to it');
    const message = railsMessage(payload, { purpose: `cookie.${options.name}`, expiresAt: options.expiresAt ?? null });
    if (!message.ok) return cannotWrite(message.reason);
    const value = await railsEncryptAndSign(message.text, secret, options.kdfDigest ?? RAILS_KDF_DIGEST);
    return value === null ? cannotWrite(`no AES-256-GCM encryption here (WebCrypto, key generator digest ${options.kdfDigest ?? RAILS_KDF_DIGEST})`) : written([options.name, encodeURIComponent(value)]);
  },
};

/** The parts of a reading that `open` may still complete (see `opened`). */
type Notes = Pick<Reading, 'facts' | 'warnings'>;

function encryptedBase(name: string, encryption: string, warnings: Warning[]): Omit<Reading, 'signing'> {
  return {
    format: 'rails-encrypted',
    label: name.endsWith('_session') ? 'Rails session (encrypted cookie store)' : 'Rails encrypted cookie',
    isSession: true,
    payload: null,
    issuedAt: null,
    warnings,
    facts: { encryption, contents: NO_KEY },
  };
}

async function openGcm(secret: Secret, ciphertext: Uint8Array, iv: Uint8Array, tag: Uint8Array, name: string, notes: Notes): Promise<Opened | null> {
  for (const kdf of RAILS_KDF_DIGESTS) {
    const key = await encryptedCookieKey(secret, kdf);
    const plain = key && (await decryptAesGcm(key, iv, ciphertext, tag));
    if (!plain) continue;
    return opened(readRailsMessage(plain, name), name, notes, { cipher: 'aes-256-gcm', digest: kdf, keyDerivation: describeEncryptedCookieKey(kdf) });
  }
  return null;
}

interface LegacyParts {
  /** The outer base64 text: what the HMAC covers. */
  signed: string;
  hmac: Uint8Array;
  hmacDigest: DigestName;
  ciphertext: Uint8Array;
  iv: Uint8Array;
}

function readLegacy(value: string): LegacyParts | null {
  const outer = LEGACY.exec(value);
  if (!outer) return null;
  const innerBytes = decodeBase64(outer[1]!);
  const inner = innerBytes ? LEGACY_INNER.exec(decodeLatin1(innerBytes)) : null;
  if (!inner) return null;
  const ciphertext = decodeBase64(inner[1]!);
  const iv = decodeBase64(inner[2]!);
  if (!ciphertext || ciphertext.length % 16 !== 0 || iv?.length !== 16) return null;
  const hmac = fromHex(outer[2]!)!;
  return { signed: outer[1]!, hmac, hmacDigest: digestsForLength(hmac.length)[0]!, ciphertext, iv };
}

/** Encrypt-then-MAC: the HMAC (key PBKDF2 "signed encrypted cookie", 64 bytes) first, then AES-256-CBC (key "encrypted cookie", 32 bytes). */
async function openLegacy(secret: Secret, parts: LegacyParts, name: string, notes: Notes): Promise<Opened | null> {
  const password = secretBytes(secret, 'utf8')!;
  for (const kdf of RAILS_KDF_DIGESTS) {
    const signKey = await pbkdf2Subtle(kdf, password, encodeUtf8(CBC_SIGN_SALT), RAILS_ITERATIONS, 64);
    if (!signKey || !timingSafeEqual(hmacDigest(parts.hmacDigest, signKey, encodeUtf8(parts.signed)), parts.hmac)) continue;
    const key = await pbkdf2Subtle(kdf, password, encodeUtf8(CBC_SALT), RAILS_ITERATIONS, 32);
    const plain = key && (await decryptAesCbc(key, parts.iv, parts.ciphertext));
    if (!plain) continue;
    return opened(readRailsMessage(plain, name), name, notes, {
      cipher: 'aes-256-cbc',
      digest: kdf,
      keyDerivation: `pbkdf2-hmac-${kdf}: '${CBC_SALT}' (32) + HMAC-${DIGEST_LABEL[parts.hmacDigest].replace('-', '')} key '${CBC_SIGN_SALT}' (64)`,
    });
  }
  return null;
}

/**
 * The decrypted message, or null (so the report says "invalid") when its purpose belongs to another cookie, as Rails
 * rejects it. `Opened` has no facts, and a rejection has no words at all: the decoder builds the report's facts and
 * warnings from the reading's own objects after trying the secrets, so what the plaintext taught is added to those.
 */
function opened(message: RailsMessage, name: string, notes: Notes, config: Record<string, string>): Opened | null {
  const learned = messageNotes(message, name);
  delete notes.facts.contents;
  Object.assign(notes.facts, learned.facts);
  if (!message.purposeMatches) {
    for (const warning of learned.warnings) addWarning(notes.warnings, warning);
    return null;
  }
  return {
    payload: message.payload,
    ...(message.typed ? { typed: message.typed } : {}),
    issuedAt: null,
    expiresAt: message.expiresAt,
    config,
    detail: `${config.cipher!.toUpperCase()}, key derived with PBKDF2-${DIGEST_LABEL[config.digest as DigestName]}`,
    warnings: learned.warnings,
  };
}
