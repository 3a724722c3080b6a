/**
 * PBKDF2 keys (`pbkdf2Digest`), cached; for SHA-1 and SHA-256 computed here over Int32 words, synchronous.
 *
 * Rails signs cookies with a PBKDF2 key (1000 iterations); an HmacCheck derives it once per candidate
 * secret, and the known-secret check and the wordlist scanner try hundreds or thousands of candidates.
 * The general-purpose hashes spend most of their time outside the compression function, so this keeps
 * each iteration to two compressions from precomputed HMAC pad states, with no allocation in the loop.
 * WebCrypto's PBKDF2 is faster still, but it is asynchronous and HMAC checks are not.
 */

import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { toHex } from '../codec/text';
import { HASHES, type DigestName } from './digest';
import { SHA1_IV, paddedBlocks, writeWordPadding } from './sha1/block';
import { sha1Compress } from './sha1/kernel';

interface Hash {
  /** Bytes of output. */
  outputLength: number;
  iv: Int32Array;
  /** state[0..n) = state + F(state, block[bo..bo+16)); `w` is scratch of at least 80 words. */
  compress(state: Int32Array, block: Int32Array, bo: number, w: Int32Array): void;
}

const SHA1: Hash = {
  outputLength: 20,
  iv: SHA1_IV,
  compress: (state, block, bo) => sha1Compress(state, 0, block, bo, state, 0),
};

const K256 = Int32Array.from(
  [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ],
  (k) => k | 0,
);

const SHA256: Hash = {
  outputLength: 32,
  iv: Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19], (v) => v | 0),
  compress(state, block, bo, w) {
    for (let i = 0; i < 16; i++) w[i] = block[bo + i]!;
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15]!;
      const y = w[i - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    let a = state[0]!;
    let b = state[1]!;
    let c = state[2]!;
    let d = state[3]!;
    let e = state[4]!;
    let f = state[5]!;
    let g = state[6]!;
    let h = state[7]!;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K256[i]! + w[i]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    state[0] = (state[0]! + a) | 0;
    state[1] = (state[1]! + b) | 0;
    state[2] = (state[2]! + c) | 0;
    state[3] = (state[3]! + d) | 0;
    state[4] = (state[4]! + e) | 0;
    state[5] = (state[5]! + f) | 0;
    state[6] = (state[6]! + g) | 0;
    state[7] = (state[7]! + h) | 0;
  },
};

const FAST_HASHES = { sha1: SHA1, sha256: SHA256 } as const;

type FastPbkdf2Digest = keyof typeof FAST_HASHES;

function hasFastPbkdf2(digest: string): digest is FastPbkdf2Digest {
  return digest === 'sha1' || digest === 'sha256';
}

const BLOCK_BYTES = 64;

/** Hash of whole message bytes (used once per key / per block index, outside the hot loop). */
function digestBytes(hash: Hash, initial: Int32Array, prefixBytes: number, data: Uint8Array, w: Int32Array): Int32Array {
  const state = initial.slice();
  const words = paddedBlocks(data, prefixBytes);
  for (let offset = 0; offset < words.length; offset += 16) hash.compress(state, words, offset, w);
  return state;
}

/** PBKDF2-HMAC-H(password, salt, iterations, length) for SHA-1 and SHA-256 (RFC 8018 §5.2). */
function fastPbkdf2(digest: FastPbkdf2Digest, password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Uint8Array {
  const hash = FAST_HASHES[digest];
  const words = hash.outputLength / 4;
  const w = new Int32Array(80);
  // HMAC key: hashed when longer than a block, then zero-padded to one block.
  const keyBytes = new Uint8Array(BLOCK_BYTES);
  if (password.length > BLOCK_BYTES) {
    const hashed = digestBytes(hash, hash.iv, 0, password, w);
    const view = new DataView(keyBytes.buffer);
    for (let i = 0; i < words; i++) view.setInt32(i * 4, hashed[i]!);
  } else {
    keyBytes.set(password);
  }
  const padBlock = (pad: number) => {
    const block = new Int32Array(16);
    const view = new DataView(keyBytes.buffer);
    for (let i = 0; i < 16; i++) block[i] = view.getInt32(i * 4) ^ pad;
    const state = hash.iv.slice();
    hash.compress(state, block, 0, w);
    return state;
  };
  const inner = padBlock(0x36363636);
  const outer = padBlock(0x5c5c5c5c);

  // One block holding a digest, padded as the second block of an HMAC message: (64 + hashLen) bytes in all.
  const message = new Int32Array(16);
  writeWordPadding(message, words, BLOCK_BYTES);
  const state = new Int32Array(hash.iv.length);
  const out = new Uint8Array(Math.ceil(length / hash.outputLength) * hash.outputLength);
  const outView = new DataView(out.buffer);
  const sum = new Int32Array(words);

  for (let block = 1; block * hash.outputLength - hash.outputLength < length; block++) {
    // U1 = HMAC(password, salt || INT(block)): the only step whose message length varies.
    const first = new Uint8Array(salt.length + 4);
    first.set(salt);
    new DataView(first.buffer).setUint32(salt.length, block);
    const innerFirst = digestBytes(hash, inner, BLOCK_BYTES, first, w);
    for (let i = 0; i < words; i++) message[i] = innerFirst[i]!;
    state.set(outer);
    hash.compress(state, message, 0, w);
    for (let i = 0; i < words; i++) sum[i] = state[i]!;
    // U2..Uc: two compressions each, from the precomputed pad states.
    for (let round = 1; round < iterations; round++) {
      for (let i = 0; i < words; i++) message[i] = state[i]!;
      state.set(inner);
      hash.compress(state, message, 0, w);
      for (let i = 0; i < words; i++) message[i] = state[i]!;
      state.set(outer);
      hash.compress(state, message, 0, w);
      for (let i = 0; i < words; i++) sum[i] = sum[i]! ^ state[i]!;
    }
    for (let i = 0; i < words; i++) outView.setInt32((block - 1) * hash.outputLength + i * 4, sum[i]!);
  }
  return out.slice(0, length);
}

/**
 * Derived keys by digest, iterations, length, salt and password. A PBKDF2 key costs milliseconds and does not
 * depend on the cookie, so every later cookie (and every later check of the known secrets) reuses it.
 */
const pbkdf2Cache = new Map<string, Uint8Array>();
const PBKDF2_CACHE_LIMIT = 4096;

export function pbkdf2Digest(digest: DigestName, password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Uint8Array {
  // One iteration costs less than the cache key, and a scan would only push out the keys worth keeping.
  if (iterations === 1) return computePbkdf2(digest, password, salt, iterations, length);
  const cacheKey = `${digest}:${iterations}:${length}:${toHex(salt)}:${toHex(password)}`;
  const cached = pbkdf2Cache.get(cacheKey);
  if (cached) return cached.slice();
  const key = computePbkdf2(digest, password, salt, iterations, length);
  // Oldest first out: a Map iterates in insertion order.
  if (pbkdf2Cache.size >= PBKDF2_CACHE_LIMIT) pbkdf2Cache.delete(pbkdf2Cache.keys().next().value!);
  pbkdf2Cache.set(cacheKey, key);
  return key.slice();
}

function computePbkdf2(digest: DigestName, password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Uint8Array {
  return hasFastPbkdf2(digest) ? fastPbkdf2(digest, password, salt, iterations, length) : pbkdf2(HASHES[digest], password, salt, { c: iterations, dkLen: length });
}
