import { encodeUtf8, toHex } from '../codec/text';
import { digestsForLength, secretBytes, type DigestName } from '../crypto/digest';
import { computeMac, secretKeyedCheck, type HmacCheck } from '../crypto/hmac-check';
import type { Secret } from '../types';

/** `Rack::Session::Cookie`'s `hmac:` default, OpenSSL::Digest::SHA1. */
export const RACK_SESSION_DIGEST: DigestName = 'sha1';

/**
 * `Rack::Session::Cookie#generate_hmac`: the hex HMAC of the base64 text, keyed with the secret itself (`secret:`,
 * then `old_secret:`), with the `hmac:` digest the signature's length tells.
 */
export function rackSessionChecks(data: string, signature: Uint8Array): HmacCheck[] {
  const message = encodeUtf8(data);
  return digestsForLength(signature.length).map((digest) => secretKeyedCheck(digest, message, signature, { digest, keyDerivation: 'none' }));
}

/** `data--hex(HMAC)`, as `write_session` appends it; the HMAC the checks above recompute. */
export function rackSessionSign(data: string, secret: Secret, digest: DigestName): string {
  return `${data}--${toHex(computeMac({ kind: 'none' }, digest, secretBytes(secret, 'utf8')!, encodeUtf8(data)))}`;
}
