import { decodeBase64 } from '../codec/base64';
import {
  describeSignedCookieKey,
  RAILS_KDF_DIGEST,
  RAILS_KDF_DIGESTS,
  railsMessage,
  railsVerifierGenerate,
  SIGNED_COOKIE_DIGEST,
  signedCookieDerivation,
  STRICT_BASE64,
} from '../signing/rails';
import { messageNotes, readRailsMessage } from '../serializers/rails-message';
import { decodeLatin1, encodeUtf8, fromHex } from '../codec/text';
import { secretKeyedCheck, type HmacCheck } from '../crypto/hmac-check';
import { DIGEST_LABEL, digestsForLength } from '../crypto/digest';
import type { SessionFormat } from './format';
import { cannotWrite, written } from './write';

/** `b64(data)--hex(HMAC)`: MessageVerifier with a hex digest (SHA-1 by default; SHA-256/512 when configured). */
const SIGNED = new RegExp(`^(${STRICT_BASE64})--([0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})$`);

/** What an encrypted legacy cookie's signed data looks like once base64-decoded: `b64(ct)--b64(iv)`. */
const LEGACY_ENCRYPTED_DATA = new RegExp(`^${STRICT_BASE64}--${STRICT_BASE64}$`);

/** Rails `cookies.signed[...]` (and a signed CookieStore session): readable by anyone, signed with a key derived from secret_key_base. */
export const railsSigned: SessionFormat = {
  id: 'rails-signed',
  read(cookie) {
    const match = SIGNED.exec(cookie.value);
    if (!match) return null;
    const data = match[1]!;
    const plain = decodeBase64(data);
    if (!plain || plain.length === 0 || LEGACY_ENCRYPTED_DATA.test(decodeLatin1(plain))) return null;
    const message = readRailsMessage(plain, cookie.name);
    const notes = messageNotes(message, cookie.name);
    const signature = fromHex(match[2]!)!;
    const checks = signedChecks(data, signature);
    return {
      format: 'rails-signed',
      label: 'Rails signed cookie',
      isSession: true,
      payload: message.payload,
      ...(message.typed ? { typed: message.typed } : {}),
      issuedAt: null,
      expiresAt: message.expiresAt,
      // A purpose for another cookie is rejected whatever the key: no check can succeed.
      signing: { kind: 'hmac', checks: message.purposeMatches ? checks : [] },
      warnings: notes.warnings,
      facts: { ...notes.facts, digest: DIGEST_LABEL[checks[0]!.digest] },
      ...(message.problem ? { problem: message.problem } : {}),
    };
  },
  /**
   * `cookies.signed[name] = value` with the JSON serializer and Rails 6.0+ metadata (purpose `cookie.<name>`, the
   * expiry if given), URL-encoded as Rack sets it (`encodeURIComponent` and Rack's escape agree on base64 and `-`).
   */
  write(payload, secret, options) {
    if (options.name === undefined) return cannotWrite('the cookie name is needed: Rails binds the value to it');
    const message = railsMessage(payload, { purpose: `cookie.${options.name}`, expiresAt: options.expiresAt ?? null });
    if (!message.ok) return cannotWrite(message.reason);
    const verifier = { digest: options.digest ?? SIGNED_COOKIE_DIGEST, kdfDigest: options.kdfDigest ?? RAILS_KDF_DIGEST };
    return written([options.name, encodeURIComponent(railsVerifierGenerate(message.text, secret, verifier))]);
  },
};

/**
 * HMAC over the base64 text. Key: PBKDF2(secret_key_base, "signed cookie", 1000, 64) with the key generator's
 * digest (SHA-1, or SHA-256 from Rails 7.0), or the secret itself as Rails 3 (`secret_token`) used it.
 */
function signedChecks(data: string, signature: Uint8Array): HmacCheck[] {
  const digest = digestsForLength(signature.length)[0]!;
  const message = encodeUtf8(data);
  const pbkdf2 = RAILS_KDF_DIGESTS.map((kdf): HmacCheck => ({
    digest,
    derivation: signedCookieDerivation(kdf),
    encoding: 'utf8',
    message,
    signature,
    config: { digest, keyDerivation: describeSignedCookieKey(kdf) },
  }));
  const secretToken = secretKeyedCheck(digest, message, signature, { digest, keyDerivation: 'secret_token used as-is (Rails 3)' });
  return [...pbkdf2, secretToken];
}
