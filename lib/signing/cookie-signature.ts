import { encodeUtf8 } from '../codec/text';
import { decodeBase64, encodeBase64 } from '../codec/base64';
import { secretBytes } from '../crypto/digest';
import { computeMac, type HmacCheck, type KeyDerivation } from '../crypto/hmac-check';
import type { Secret } from '../types';

/**
 * Standard base64 of an HMAC-SHA256: cookie-signature's `sign` and React Router strip the `=` padding (43 chars),
 * Hono keeps it (44).
 */
const SIGNATURE = { stripped: /^[A-Za-z0-9+/]{43}$/, padded: /^[A-Za-z0-9+/]{43}=$/ } as const;

type SignaturePadding = keyof typeof SIGNATURE;

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
  return splitDotSignature(text.slice(SIGNED_PREFIX.length), 'stripped');
}

/** `value.SIG` split at the LAST dot, SIG the base64 HMAC-SHA256 with or without its padding. */
export function splitDotSignature(signed: string, padding: SignaturePadding): CookieSignatureValue | null {
  const dot = signed.lastIndexOf('.');
  if (dot < 0) return null;
  const signatureText = signed.slice(dot + 1);
  const signature = SIGNATURE[padding].test(signatureText) ? decodeBase64(signatureText) : null;
  if (!signature || signature.length !== 32) return null;
  return { value: signed.slice(0, dot), signature };
}

/** The one way cookie-signature signs: HMAC-SHA256 keyed with the secret itself. */
const DIGEST = 'sha256';
const DERIVATION: KeyDerivation = { kind: 'none' };

export function cookieSignatureCheck(signed: CookieSignatureValue, covers: 'sid' | 'value'): HmacCheck {
  return dotSignatureCheck(signed, `cookie-signature: HMAC-SHA256(secret, ${covers}), base64 without =`);
}

/** The check for a `value.SIG` HMAC-SHA256 over the value's UTF-8, the key the secret itself; `scheme` is reported. */
export function dotSignatureCheck(signed: CookieSignatureValue, scheme: string): HmacCheck {
  return {
    digest: DIGEST,
    derivation: DERIVATION,
    encoding: 'utf8',
    message: encodeUtf8(signed.value),
    signature: signed.signature,
    config: { digest: 'sha256', keyDerivation: scheme },
  };
}

/** `'s:' + signature.sign(value, secret)` as express-session and Express' `res.cookie(..., { signed: true })` write it. */
export function cookieSign(value: string, secret: Secret): string {
  return `${SIGNED_PREFIX}${dotSign(value, secret, 'stripped')}`;
}

/** `value.SIG`, SIG the standard base64 of HMAC-SHA256(secret, value) with or without its `=`. */
export function dotSign(value: string, secret: Secret, padding: SignaturePadding): string {
  const signature = encodeBase64(computeMac(DERIVATION, DIGEST, secretBytes(secret, 'utf8')!, encodeUtf8(value)));
  return `${value}.${padding === 'padded' ? signature : signature.replace(/=+$/, '')}`;
}
