import { computeMac, type FormatIdentity, type HmacCheck, type KeyDerivation } from '../crypto/hmac-check';
import { DIGEST_LABEL, digestsForLength, secretBytes, type DigestName } from '../crypto/digest';
import { decodeBase64Url, encodeBase64Url } from '../codec/base64';
import { parseJson, type JsonResult } from '../codec/json';
import { decodeUtf8, encodeUtf8 } from '../codec/text';
import { deflateZlib, inflateZlib } from '../codec/zlib';
import type { Secret, Warning } from '../types';

/** itsdangerous < 1.0 counted seconds from 2011-01-01, not from 1970. */
const LEGACY_EPOCH = 1293840000;

export type KeyDerivationName = 'django-concat' | 'hmac' | 'concat' | 'none';
export const KEY_DERIVATIONS: readonly KeyDerivationName[] = ['django-concat', 'hmac', 'concat', 'none'];

/** Flask's session signer (key derivation hmac). */
export const FLASK_SALT = 'cookie-session';
/** Flask-Session's session-id signer (key derivation hmac). */
export const FLASK_SESSION_SALT = 'flask-session';
/** Django's `signed_cookies` session backend (Django's signer is itsdangerous' django-concat). */
export const DJANGO_SESSION_SALT = 'django.contrib.sessions.backends.signed_cookies';

/**
 * Every salt a supported format signs with in itsdangerous' scheme, so that a right key verifies whichever of them
 * the app used. The itsdangerous family's are tried under every key derivation, as an app may configure any.
 */
const ITSDANGEROUS_SALTS = [FLASK_SALT, FLASK_SESSION_SALT, 'itsdangerous', 'itsdangerous.Signer'];
/** Django's: `signing.dumps`, the signed_cookies backend and the `Signer`/`TimestampSigner` class defaults, all django-concat. */
const DJANGO_SALTS = [DJANGO_SESSION_SALT, 'django.core.signing', 'django.core.signing.Signer', 'django.core.signing.TimestampSigner'];

/** A value split as itsdangerous splits it: from the right, signature last. */
interface SignedValue {
  /** Everything the signature covers: the value without `.signature`. */
  signedText: string;
  signature: Uint8Array;
  digests: DigestName[];
  /** The value without timestamp and signature (a leading `.` marks zlib compression). */
  body: string;
  timestamp?: SignedTimestamp;
}

interface SignedTimestamp {
  /** Unix seconds. */
  unix: number;
  /** Written by itsdangerous < 1.0 (epoch 2011-01-01). */
  legacy: boolean;
}

/** `body.signature`: the signature must be base64url of a digest's length. */
export function splitSigned(value: string): SignedValue | null {
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return null;
  const signature = decodeBase64Url(value.slice(dot + 1));
  const digests = signature ? digestsForLength(signature.length) : [];
  if (!signature || digests.length === 0) return null;
  const signedText = value.slice(0, dot);
  return { signedText, signature, digests, body: signedText };
}

/** `body.timestamp.signature`, or null when the part before the signature is no timestamp. */
export function splitTimed(value: string): SignedValue | null {
  const signed = splitSigned(value);
  if (!signed) return null;
  const dot = signed.signedText.lastIndexOf('.');
  if (dot < 0) return null;
  const timestamp = decodeTimestamp(signed.signedText.slice(dot + 1));
  // With nothing before it, a "timestamp" is really a compressed body (`.eJy...`).
  if (!timestamp || dot === 0) return null;
  return { ...signed, body: signed.signedText.slice(0, dot), timestamp };
}

function decodeTimestamp(text: string): SignedTimestamp | null {
  if (text.length === 0 || text.length > 11) return null;
  const bytes = decodeBase64Url(text);
  if (!bytes || bytes.length === 0 || bytes.length > 8) return null;
  let seconds = 0;
  for (const byte of bytes) seconds = seconds * 256 + byte;
  if (!Number.isSafeInteger(seconds)) return null;
  const legacy = seconds < LEGACY_EPOCH;
  return { unix: legacy ? seconds + LEGACY_EPOCH : seconds, legacy };
}

type PayloadResult = JsonResult & { compressed: boolean };

/** URL-safe serializer payload: base64url JSON, zlib-compressed when it starts with `.`. */
export function loadUrlSafePayload(body: string): PayloadResult {
  const compressed = body.startsWith('.');
  const bytes = decodeBase64Url(compressed ? body.slice(1) : body);
  if (!bytes) return { ok: false, reason: 'payload is not base64url', compressed };
  let json = bytes;
  if (compressed) {
    const inflated = inflateZlib(bytes);
    if (!inflated.ok) return { ok: false, reason: inflated.reason, compressed };
    json = inflated.bytes;
  }
  const text = decodeUtf8(json);
  if (text === null) return { ok: false, reason: 'payload is not UTF-8', compressed };
  return { ...parseJson(text), compressed };
}

/**
 * `URLSafeSerializerMixin.dump_payload`: base64url of the JSON, or `.` + base64url of its zlib compression when that is
 * shorter by more than one byte (the `.` costs one).
 */
export function dumpUrlSafe(json: string, compress = true): string {
  const bytes = encodeUtf8(json);
  const compressed = compress ? deflateZlib(bytes) : null;
  return compressed && compressed.length < bytes.length - 1 ? `.${encodeBase64Url(compressed)}` : encodeBase64Url(bytes);
}

interface SignerConfig {
  salt: string;
  keyDerivation: KeyDerivationName;
}

/** The signer configurations to try, the user's salt first, each once. */
export function signerConfigs(userSalt?: string): SignerConfig[] {
  const userSalts = userSalt !== undefined ? [userSalt] : [];
  const configs: SignerConfig[] = [];
  for (const keyDerivation of KEY_DERIVATIONS) {
    const salts = [...new Set([...userSalts, ...ITSDANGEROUS_SALTS, ...(keyDerivation === 'django-concat' ? DJANGO_SALTS : [])])];
    // "none" ignores the salt, so one check covers every salt.
    for (const salt of keyDerivation === 'none' ? [salts[0]!] : salts) configs.push({ salt, keyDerivation });
  }
  return configs;
}

export function keyDerivation({ salt, keyDerivation }: SignerConfig): KeyDerivation {
  const saltBytes = encodeUtf8(salt);
  switch (keyDerivation) {
    case 'django-concat':
      return { kind: 'concat', prefix: encodeUtf8(`${salt}signer`) };
    case 'concat':
      return { kind: 'concat', prefix: saltBytes };
    case 'hmac':
      return { kind: 'hmac', salt: saltBytes };
    case 'none':
      return { kind: 'none' };
  }
}

/** A signer fully configured for signing: which digest as well. */
export interface SigningConfig extends SignerConfig {
  digest: DigestName;
}

/** `Signer.sign`: `value.SIG`, the HMAC that `signerChecks` recomputes, base64url without padding. */
export function signValue(value: string, secret: Secret, config: SigningConfig): string {
  const mac = computeMac(keyDerivation(config), config.digest, secretBytes(secret, 'utf8')!, encodeUtf8(value));
  return `${value}.${encodeBase64Url(mac)}`;
}

/** `TimestampSigner.sign`: `value.TS.SIG`, the signature covering the timestamp too. `issuedAt`: Unix seconds, a safe integer >= 0. */
export function timestampSign(value: string, secret: Secret, config: SigningConfig, issuedAt: number): string {
  return signValue(`${value}.${encodeTimestamp(issuedAt)}`, secret, config);
}

/** `int_to_bytes`: the seconds as big-endian bytes without leading zeros, base64url (`decodeTimestamp` reads it). */
function encodeTimestamp(seconds: number): string {
  const bytes: number[] = [];
  for (let rest = seconds; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return encodeBase64Url(Uint8Array.from(bytes));
}

/** One check per configuration and digest the signature's length allows. */
export function signerChecks(signed: SignedValue, configs: readonly SignerConfig[], reportsAs?: FormatIdentity): HmacCheck[] {
  const message = encodeUtf8(signed.signedText);
  return configs.flatMap((config) =>
    signed.digests.map((digest): HmacCheck => ({
      digest,
      derivation: keyDerivation(config),
      encoding: 'utf8' as const,
      message,
      signature: signed.signature,
      // With no key derivation the salt is not part of the signature, so no verifier can name it.
      config: config.keyDerivation === 'none' ? { keyDerivation: 'none', digest } : { salt: config.salt, keyDerivation: config.keyDerivation, digest },
      ...(reportsAs ? { reportsAs } : {}),
    })),
  );
}

export function describeDigests(digests: readonly DigestName[]): string {
  return digests.map((digest) => DIGEST_LABEL[digest]).join('/');
}

/** Facts and warnings every itsdangerous-family reading shares. */
export function timedFacts(signed: SignedValue, compressed: boolean): { facts: Record<string, string>; warnings: Warning[] } {
  const facts: Record<string, string> = { digest: describeDigests(signed.digests) };
  const warnings: Warning[] = [];
  if (compressed) facts.compression = 'zlib';
  if (signed.timestamp?.legacy) {
    facts.epoch = 'itsdangerous < 1.0 (seconds since 2011-01-01)';
    warnings.push({ code: 'legacy-timestamp', message: 'Signed by itsdangerous older than 1.0: its timestamp counts from 2011-01-01, shown here as real time.' });
  }
  return { facts, warnings };
}
