import { concatBytes } from '../codec/text';
import type { FormatId, Secret, SignatureAttack } from '../types';
import { DIGEST_LABEL, hash, hmacDigest, secretBytes, timingSafeEqual, type DigestName, type SecretEncoding } from './digest';
import { pbkdf2Digest } from './pbkdf2';

/** How a framework turns the app's secret into the HMAC key. */
export type KeyDerivation =
  /** The secret is the key (itsdangerous "none", keygrip, express, JWT HS*). */
  | { kind: 'none' }
  /** key = HMAC-H(secret, salt) (itsdangerous "hmac", Flask, Flask-Session). */
  | { kind: 'hmac'; salt: Uint8Array }
  /** key = H(prefix + secret) (itsdangerous "concat"/"django-concat", Django). */
  | { kind: 'concat'; prefix: Uint8Array }
  /** key = PBKDF2-H(secret, salt, iterations, length) (Rails). */
  | { kind: 'pbkdf2'; digest: DigestName; salt: Uint8Array; iterations: number; length: number };

/** What a report calls a cookie's format, and the server-side lifetime that format implies. */
export interface FormatIdentity {
  format: FormatId;
  label: string;
  defaultMaxAge?: number | undefined;
}

/** One way a signature may have been made: verifying means recomputing it with a candidate secret. */
export interface HmacCheck {
  digest: DigestName;
  derivation: KeyDerivation;
  encoding: SecretEncoding;
  message: Uint8Array;
  signature: Uint8Array;
  /** Reported when this check matches, e.g. `{ salt: 'cookie-session', keyDerivation: 'hmac', digest: 'sha1' }`. */
  config: Readonly<Record<string, string>>;
  /** A match proves the cookie is this other format (a Flask-shaped token signed with a non-Flask salt). */
  reportsAs?: FormatIdentity;
  /**
   * The verifier may take a public key for this HMAC's secret (a JWT names its own algorithm): when a public key
   * given as a secret matches, the cookie was forged by this attack.
   */
  publicKeyAttack?: SignatureAttack;
}

/** A check whose HMAC key is the secret itself, as given: how most frameworks outside the itsdangerous family sign. */
export function secretKeyedCheck(
  digest: DigestName,
  message: Uint8Array,
  signature: Uint8Array,
  config: Readonly<Record<string, string>>,
  encoding: SecretEncoding = 'utf8',
): HmacCheck {
  return { digest, derivation: { kind: 'none' }, encoding, message, signature, config };
}

export function deriveKey(derivation: KeyDerivation, digest: DigestName, secret: Uint8Array): Uint8Array {
  switch (derivation.kind) {
    case 'none':
      return secret;
    case 'hmac':
      return hmacDigest(digest, secret, derivation.salt);
    case 'concat':
      return hash(digest, concatBytes(derivation.prefix, secret));
    case 'pbkdf2':
      return pbkdf2Digest(derivation.digest, secret, derivation.salt, derivation.iterations, derivation.length);
  }
}

/**
 * The HMAC a framework puts on a message with the key it derives from the secret. Signing writes it and verifying
 * recomputes it, through this one function, so the two cannot drift apart.
 */
export function computeMac(derivation: KeyDerivation, digest: DigestName, secret: Uint8Array, message: Uint8Array): Uint8Array {
  return hmacDigest(digest, deriveKey(derivation, digest, secret), message);
}

export function checkSecret(check: HmacCheck, secret: Secret): boolean {
  const bytes = secretBytes(secret, check.encoding);
  if (bytes === null) return false;
  return timingSafeEqual(computeMac(check.derivation, check.digest, bytes, check.message), check.signature);
}

/** Per-byte cost of each digest relative to SHA-1, as measured in JS (noble's SHA-256 about 4x, SHA-512 about 8x). */
const DIGEST_COST: Readonly<Record<DigestName, number>> = { sha1: 1, sha224: 4, sha256: 4, sha384: 8, sha512: 8 };

/** The blocks an HMAC hashes besides the message: inner and outer key blocks, the outer digest, padding. */
const HMAC_OWN_BYTES = 256;

/**
 * Roughly what testing one secret against the check costs, in bytes hashed at SHA-1's cost. Key derivation aside:
 * the fast derivations are a few blocks, and PBKDF2 keys are cached per secret.
 */
export function checkCost(check: HmacCheck): number {
  return (check.message.length + HMAC_OWN_BYTES) * DIGEST_COST[check.digest];
}

export interface HmacMatch {
  secretIndex: number;
  check: HmacCheck;
}

/** The first secret (in order) that any check accepts, with the check it matched; null entries are no HMAC key. */
export function findMatchingSecret(checks: readonly HmacCheck[], secrets: readonly (Secret | null)[]): HmacMatch | null {
  for (let secretIndex = 0; secretIndex < secrets.length; secretIndex++) {
    const secret = secrets[secretIndex];
    if (secret === null || secret === undefined) continue;
    for (const check of checks) {
      if (checkSecret(check, secret)) return { secretIndex, check };
    }
  }
  return null;
}

/** Config keys in plain words (`keyDerivation` -> "key derivation"); values stay as the framework names them. */
const CONFIG_WORDS: Readonly<Record<string, string>> = { keyDerivation: 'key derivation', secretEncoding: 'secret encoding', alg: 'algorithm' };

/** "salt cookie-session, key derivation hmac, digest SHA-1". */
export function describeConfig(config: Readonly<Record<string, string>>): string {
  return Object.entries(config)
    .map(([key, value]) => `${CONFIG_WORDS[key] ?? key} ${key === 'digest' && value in DIGEST_LABEL ? DIGEST_LABEL[value as DigestName] : value}`)
    .join(', ');
}
