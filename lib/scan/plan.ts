import type { SecretEncoding } from '../crypto/digest';
import type { HmacCheck } from '../crypto/hmac-check';
import { SHA1_IV, bytesToWords, paddedBlocks, paddedBlocksWK } from '../crypto/sha1/block';
import { sha1Compress } from '../crypto/sha1/kernel';

/**
 * The plan of one HMAC check, made once per cookie and shared by both scan engines.
 *
 * Everything that does not change between guesses is computed here: the message and salt blocks with their
 * padding (for WebAssembly also expanded to the 80 schedule words plus round constants), the state after a
 * prefix's whole blocks, the expected signature as words. SHA-1 checks with key derivation `none`, `hmac` or
 * `concat` become a fast plan; other digests and derivations stay a generic check for `checkSecret`.
 */

export interface Sha1Plan {
  kind: 'none' | 'hmac' | 'concat';
  encoding: SecretEncoding;
  /** The message blocks after the ipad block, with padding (16 words per block). */
  message: Int32Array;
  /** The same as W+K words (80 per block: schedule plus round constants), for the WebAssembly engine. */
  messageWK: Int32Array;
  /** hmac: the salt blocks after the ipad block, with padding; and as W+K words. */
  salt: Int32Array;
  saltWK: Int32Array;
  /** concat: the state after the prefix's whole blocks, the rest of the prefix and the prefix length. */
  midstate: Int32Array;
  tail: Uint8Array;
  prefixLength: number;
  signature: Int32Array;
}

export type Plan = ({ fast: true } & Sha1Plan) | { fast: false; check: HmacCheck; never: boolean };

export function planCheck(check: HmacCheck): Plan {
  const slow = { fast: false as const, check, never: false };
  if (check.digest !== 'sha1') return slow;
  // SHA-1 gives 20 bytes: a signature of another length never matches.
  if (check.signature.length !== 20) return { ...slow, never: true };
  const { derivation } = check;
  if (derivation.kind === 'pbkdf2') return slow;
  const signature = new Int32Array(5);
  bytesToWords(check.signature, 0, 20, signature, 0, 5);
  const plan: Sha1Plan & { fast: true } = {
    fast: true,
    kind: derivation.kind,
    encoding: check.encoding,
    message: paddedBlocks(check.message, 64),
    messageWK: paddedBlocksWK(check.message, 64),
    salt: derivation.kind === 'hmac' ? paddedBlocks(derivation.salt, 64) : new Int32Array(0),
    saltWK: derivation.kind === 'hmac' ? paddedBlocksWK(derivation.salt, 64) : new Int32Array(0),
    midstate: SHA1_IV.slice(),
    tail: new Uint8Array(0),
    prefixLength: 0,
    signature,
  };
  if (derivation.kind === 'concat') {
    const prefix = derivation.prefix;
    const whole = prefix.length - (prefix.length % 64);
    const block = new Int32Array(16);
    for (let offset = 0; offset < whole; offset += 64) {
      bytesToWords(prefix, offset, 64, block, 0, 16);
      sha1Compress(plan.midstate, 0, block, 0, plan.midstate, 0);
    }
    plan.tail = prefix.slice(whole);
    plan.prefixLength = prefix.length;
  }
  return plan;
}
