import { decodeBase64Url, encodeBase64Url } from '../codec/base64';
import { encodeUtf8 } from '../codec/text';
import { digestsForLength, secretBytes, type DigestName } from '../crypto/digest';
import { computeMac, type HmacCheck, type KeyDerivation } from '../crypto/hmac-check';
import type { Secret } from '../types';

/** keygrip signs with the key itself; cookies (cookie-session, koa-session) sign `<name>=<value>`. */
const DERIVATION: KeyDerivation = { kind: 'none' };

const KEYGRIP = 'keygrip: HMAC(key, name + "=" + value), key used as-is';

/** keygrip's default digest. */
export const KEYGRIP_DIGEST: DigestName = 'sha1';

function signedData(name: string, value: string): Uint8Array {
  return encodeUtf8(`${name}=${value}`);
}

interface KeygripSignature {
  checks: HmacCheck[];
  digests: DigestName[];
}

/** The checks for a `<name>.sig` value: base64url (no padding) of HMAC-H(key, "<name>=<value>"), the length telling H. */
export function keygripChecks(name: string, value: string, sigValue: string): KeygripSignature | null {
  const signature = decodeBase64Url(sigValue);
  const digests = signature ? digestsForLength(signature.length) : [];
  if (!signature || digests.length === 0) return null;
  const message = signedData(name, value);
  return {
    digests,
    checks: digests.map((digest): HmacCheck => ({
      digest,
      derivation: DERIVATION,
      encoding: 'utf8',
      message,
      signature,
      config: { digest, keyDerivation: KEYGRIP },
    })),
  };
}

/** `keygrip.sign("<name>=<value>")` as the `cookies` module writes it into `<name>.sig`. */
export function keygripSign(name: string, value: string, secret: Secret, digest: DigestName): string {
  return encodeBase64Url(computeMac(DERIVATION, digest, secretBytes(secret, 'utf8')!, signedData(name, value)));
}
