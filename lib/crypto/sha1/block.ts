import { sha1ExpandWK } from './kernel';

/**
 * SHA-1 helpers over Int32Array words (big-endian words, as SHA-1 reads them): the IV and the message padding, in
 * one place for every SHA-1 (and SHA-256, padded alike) computed here; the compressions are in kernel.ts.
 */

export const SHA1_IV = Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0);

/** Big-endian words of the `length` bytes at `bytes[bo..]`, zero-filled to `words` words. */
export function bytesToWords(bytes: Uint8Array, bo: number, length: number, out: Int32Array, oo: number, words: number): void {
  for (let i = 0; i < words; i++) {
    const p = i * 4;
    const q = bo + p;
    out[oo + i] =
      p + 3 < length
        ? (bytes[q]! << 24) | (bytes[q + 1]! << 16) | (bytes[q + 2]! << 8) | bytes[q + 3]!
        : (p < length ? bytes[q]! << 24 : 0) | (p + 1 < length ? bytes[q + 1]! << 16 : 0) | (p + 2 < length ? bytes[q + 2]! << 8 : 0);
  }
}

/** Bytes of a message of `length` bytes once padded: whole 64-byte blocks with room for the marker and bit length. */
function paddedLength(length: number): number {
  return Math.ceil((length + 9) / 64) * 64;
}

/**
 * Pads the message that ends with `bytes[0..length)`, in place: the 0x80 marker, zeros and the big-endian bit
 * length of the whole message, whose first `prefixBytes` (a multiple of 64) were already compressed. SHA-256
 * pads the same way. `bytes` needs room for the padding (`length + 72` always suffices); returns the padded length.
 */
export function writePadding(bytes: Uint8Array, length: number, prefixBytes: number): number {
  const total = paddedLength(length);
  bytes.fill(0, length, total);
  bytes[length] = 0x80;
  const bits = (prefixBytes + length) * 8;
  const high = Math.floor(bits / 0x100000000);
  bytes[total - 8] = high >>> 24;
  bytes[total - 7] = high >>> 16;
  bytes[total - 6] = high >>> 8;
  bytes[total - 5] = high;
  bytes[total - 4] = bits >>> 24;
  bytes[total - 3] = bits >>> 16;
  bytes[total - 2] = bits >>> 8;
  bytes[total - 1] = bits;
  return total;
}

/**
 * Pads, in place, a message that fills the first `words` words of one block after `prefixBytes` already compressed
 * (as HMAC's outer hash reads a digest after its 64-byte key block).
 */
export function writeWordPadding(block: Int32Array, words: number, prefixBytes: number): void {
  block[words] = 0x80000000 | 0;
  block.fill(0, words + 1, 15);
  block[15] = (prefixBytes + words * 4) * 8;
}

/** The bytes that finish a message whose first `prefixBytes` (a multiple of 64) were already compressed: `data` and its padding. */
function paddedBytes(data: Uint8Array, prefixBytes: number): Uint8Array {
  const bytes = new Uint8Array(paddedLength(data.length));
  bytes.set(data);
  writePadding(bytes, data.length, prefixBytes);
  return bytes;
}

/** `paddedBytes` as words (16 per block). */
export function paddedBlocks(data: Uint8Array, prefixBytes: number): Int32Array {
  const bytes = paddedBytes(data, prefixBytes);
  const words = new Int32Array(bytes.length / 4);
  bytesToWords(bytes, 0, bytes.length, words, 0, words.length);
  return words;
}

/** `paddedBlocks` expanded for `sha1CompressWK`: 80 words (schedule + round constants) per block. */
export function paddedBlocksWK(data: Uint8Array, prefixBytes: number): Int32Array {
  const blocks = paddedBlocks(data, prefixBytes);
  const count = blocks.length / 16;
  const wk = new Int32Array(count * 80);
  for (let i = 0; i < count; i++) sha1ExpandWK(blocks, i * 16, wk, i * 80);
  return wk;
}
