import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { encodeLatin1, encodeUtf8 } from '../codec/text';
import type { Secret } from '../types';

export type DigestName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** The @noble/hashes function of each digest. */
export const HASHES = { sha1, sha224, sha256, sha384, sha512 } as const;

export const DIGEST_LENGTH: Readonly<Record<DigestName, number>> = {
  sha1: 20,
  sha224: 28,
  sha256: 32,
  sha384: 48,
  sha512: 64,
};

export const DIGEST_LABEL: Readonly<Record<DigestName, string>> = {
  sha1: 'SHA-1',
  sha224: 'SHA-224',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};

/** Digests whose output has this many bytes (a signature's length tells its digest). */
export function digestsForLength(length: number): DigestName[] {
  return (Object.keys(DIGEST_LENGTH) as DigestName[]).filter((name) => DIGEST_LENGTH[name] === length);
}

export function hash(digest: DigestName, data: Uint8Array): Uint8Array {
  return HASHES[digest](data);
}

export function hmacDigest(digest: DigestName, key: Uint8Array, message: Uint8Array): Uint8Array {
  return hmac(HASHES[digest], key, message);
}

export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

/** How an app turns its secret text into bytes before deriving a key. */
export type SecretEncoding = 'utf8' | 'latin1';

/** The secret's bytes, or null when the encoding cannot represent it (latin-1 beyond U+00FF). */
export function secretBytes(secret: Secret, encoding: SecretEncoding): Uint8Array | null {
  if (typeof secret !== 'string') return secret;
  return encoding === 'utf8' ? encodeUtf8(secret) : encodeLatin1(secret);
}

