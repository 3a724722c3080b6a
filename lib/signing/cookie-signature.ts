import { encodeUtf8 } from '../codec/text';
import { decodeBase64, encodeBase64 } from '../codec/base64';
import { secretBytes } from '../crypto/digest';
import { computeMac, type HmacCheck, type KeyDerivation } from '../crypto/hmac-check';
import type { Secret } from '../types';

/** cookie-signature's `sign`: standard base64 of HMAC-SHA256 with the `=` padding stripped (43 chars). */
const SIGNATURE = /^[A-Za-z0-9+/]{43}$/;

/** The `s:` prefix express-session and cookie-parser put before a cookie-signature value. */
export const SIGNED_PREFIX = 's:';

interface CookieSignatureValue {
  /** What the signature covers. */
  value: string;
  signature: Uint8Array;
}

/** `s:value.SIG` split as cookie-signature's `unsign` does: at the LAST dot. */
export function splitCookieSignature(text: string): CookieSignatureValue | null {
  if (!text.startsWith(SIGNED_PREFIX)) return null;
  const signed = text.slice(SIGNED_PREFIX.length);
  const dot = signed.lastIndexOf('.');
  if (dot < 0) return null;
  const signatureText = signed.slice(dot + 1);
  const signature = SIGNATURE.test(signatureText) ? decodeBase64(signatureText) : null;
  if (!signature || signature.length !== 32) return null;
  return { value: signed.slice(0, dot), signature };
}

/** The one way cookie-signature signs: HMAC-SHA256 keyed with the secret itself. */
const DIGEST = 'sha256';
const DERIVATION: KeyDerivation = { kind: 'none' };

export function cookieSignatureCheck(signed: CookieSignatureValue, covers: 'sid' | 'value'): HmacCheck {
  return {
    digest: DIGEST,
    derivation: DERIVATION,
    encoding: 'utf8',
    message: encodeUtf8(signed.value),
    signature: signed.signature,
    config: { digest: 'sha256', keyDerivation: `cookie-signature: HMAC-SHA256(secret, ${covers}), base64 without =` },
  };
}

/** `'s:' + signature.sign(value, secret)` as express-session and Express' `res.cookie(..., { signed: true })` write it. */
export function cookieSign(value: string, secret: Secret): string {
  const mac = computeMac(DERIVATION, DIGEST, secretBytes(secret, 'utf8')!, encodeUtf8(value));
  return `${SIGNED_PREFIX}${value}.${encodeBase64(mac).replace(/=+$/, '')}`;
}
