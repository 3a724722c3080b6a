import type { DigestName } from '../crypto/digest';
import { chunkName } from '../formats/chunks';
import type { WriteOptions } from '../formats/format';
import { knownSecrets } from '../known-keys/list';
import type { KeyDerivationName } from '../signing/itsdangerous';
import { describeSignedCookieKey, RAILS_KDF_DIGESTS } from '../signing/rails';
import type { FormatId, Secret, SessionReport } from '../types';

/** Formats whose session may be split into `<name>.0`, `<name>.1`, …: reported on `.0`, written under the base name. */
export const CHUNKED_FORMATS: ReadonlySet<FormatId> = new Set(['authjs', 'supabase']);

/** The name the format writes the report's session under: the base name of a chunked session. */
export function writeName(report: SessionReport): string {
  return CHUNKED_FORMATS.has(report.format) ? (chunkName(report.name)?.base ?? report.name) : report.name;
}

/**
 * WriteOptions that reproduce the report's cookie: its name (the base name for chunked formats), the signing
 * configuration that verified it, and its issuedAt/expiresAt where the format signs them. Derived from report.name,
 * report.signature.config and facts only; what a writer cannot take (a legacy cipher, Rails 3's secret_token) is left
 * to its default, so the preview's configuration shows the difference.
 */
export function rewriteOptions(report: SessionReport): WriteOptions {
  const config = report.signature.config ?? {};
  const options: WriteOptions = { name: writeName(report) };
  switch (report.format) {
    case 'flask':
    case 'itsdangerous':
      return { ...options, ...signerOptions(config), ...signedAt(report) };
    case 'starlette':
      return { ...options, ...signedAt(report) };
    case 'django-session':
    case 'gorilla-securecookie':
      return { ...options, ...digestOf(config), ...signedAt(report) };
    case 'django-signed':
      return { ...options, ...digestOf(config), ...(config.salt !== undefined ? { salt: config.salt } : {}), ...signedAt(report) };
    case 'tornado':
      return { ...options, ...digestOf(config), ...signedAt(report), ...(report.facts['key version'] !== undefined ? { keyVersion: Number(report.facts['key version']) } : {}) };
    case 'jwt':
      return { ...options, ...(report.facts.alg !== undefined ? { alg: report.facts.alg } : {}) };
    case 'express-cookie-session':
    case 'rack-session':
      return { ...options, ...digestOf(config) };
    case 'koa-session':
      // koa-session times in milliseconds; a signing time is whole seconds, and _expire keeps the exact expiry.
      return { ...options, ...digestOf(config), ...(report.issuedAt !== null ? { issuedAt: Math.floor(report.issuedAt) } : {}), ...embeddedExpiry(report) };
    case 'rails-signed':
      return { ...options, ...digestOf(config), ...signedCookieKdf(config), ...embeddedExpiry(report) };
    case 'rails-encrypted':
      return { ...options, ...(config.digest !== undefined ? { kdfDigest: config.digest as DigestName } : {}), ...embeddedExpiry(report) };
    case 'iron':
      return { ...options, iron: ironOptions(config), ...embeddedExpiry(report) };
    case 'laravel-encrypted':
      return { ...options, ...(config.cipher !== undefined ? { cipher: config.cipher } : {}) };
    case 'authjs':
      return { ...options, ...(config.salt !== undefined ? { salt: config.salt } : {}) };
    default:
      // express-session-id, express-signed, remix, hono, supabase: one scheme each, or (Supabase) the token's own header.
      return options;
  }
}

/**
 * The secret that verified the report: secrets[report.signature.secretIndex], or the publicly known secret whose
 * display is report.signature.knownSecret; null when none (no verdict, or `invalid`, even with an attack's key).
 */
export function verifyingSecret(report: SessionReport, secrets: readonly Secret[]): Secret | null {
  const { status, secretIndex, knownSecret } = report.signature;
  if (status !== 'valid') return null;
  if (secretIndex !== undefined) return secrets[secretIndex] ?? null;
  if (knownSecret !== undefined) return knownSecrets().find((entry) => entry.display === knownSecret)?.secret ?? null;
  return null;
}

function signerOptions(config: Record<string, string>): WriteOptions {
  return {
    ...(config.salt !== undefined ? { salt: config.salt } : {}),
    ...(config.keyDerivation !== undefined ? { keyDerivation: config.keyDerivation as KeyDerivationName } : {}),
    ...digestOf(config),
  };
}

function digestOf(config: Record<string, string>): WriteOptions {
  return config.digest !== undefined ? { digest: config.digest as DigestName } : {};
}

/** The time a timestamped format signed: written again as it was, not now. */
function signedAt(report: SessionReport): WriteOptions {
  return report.issuedAt !== null ? { issuedAt: report.issuedAt } : {};
}

/** An expiry the format carries inside the value (Rails `_rails.exp`, iron's expiration, koa-session's `_expire`). */
function embeddedExpiry(report: SessionReport): WriteOptions {
  return report.expiresAt !== null ? { expiresAt: report.expiresAt } : {};
}

/** The key generator digest of a PBKDF2 signed-cookie key, read back from the description rails-signed gives it. */
function signedCookieKdf(config: Record<string, string>): WriteOptions {
  const kdf = RAILS_KDF_DIGESTS.find((digest) => describeSignedCookieKey(digest) === config.keyDerivation);
  return kdf ? { kdfDigest: kdf } : {};
}

function ironOptions(config: Record<string, string>): NonNullable<WriteOptions['iron']> {
  return {
    ...(config.passwordId !== undefined ? { passwordId: config.passwordId } : {}),
    ...(config.iterations !== undefined ? { iterations: Number(config.iterations) } : {}),
    ...(config.sealVersion !== undefined ? { sealVersion: config.sealVersion } : {}),
  };
}
