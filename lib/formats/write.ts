import { DIGEST_LENGTH } from '../crypto/digest';
import { KEY_DERIVATIONS } from '../signing/itsdangerous';
import type { WriteOptions, WriteResult } from './format';

/** What the format modules' `write` share: refusing, the options' checks, the time of signing, the result. */

export function cannotWrite(message: string): WriteResult {
  return { ok: false, problem: { code: 'cannot-write', message } };
}

export function written(...cookies: [name: string, value: string][]): WriteResult {
  return { ok: true, cookies: cookies.map(([name, value]) => ({ name, value })) };
}

/** Why options (they may come from a command line) cannot be used by any format; null when they can. */
export function invalidOptions(options: WriteOptions): WriteResult | null {
  const { issuedAt, digest, kdfDigest, keyDerivation } = options;
  if (issuedAt !== undefined && !(Number.isSafeInteger(issuedAt) && issuedAt >= 0)) return cannotWrite(`issued-at ${String(issuedAt)} is not whole Unix seconds`);
  if (digest !== undefined && !Object.hasOwn(DIGEST_LENGTH, digest)) return cannotWrite(`unknown digest ${String(digest)}`);
  if (kdfDigest !== undefined && !Object.hasOwn(DIGEST_LENGTH, kdfDigest)) return cannotWrite(`unknown key generator digest ${String(kdfDigest)}`);
  if (keyDerivation !== undefined && !KEY_DERIVATIONS.includes(keyDerivation)) return cannotWrite(`unknown key derivation ${String(keyDerivation)}`);
  return null;
}

/** Unix seconds of signing: the option, or now. */
export function signingTime(options: WriteOptions): number {
  return options.issuedAt ?? Math.floor(Date.now() / 1000);
}
