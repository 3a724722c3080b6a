import { sha1ExpandWK } from './kernel';

/** SHA-1 helpers over Int32Array words (big-endian words, as SHA-1 reads them); the compressions are in sha1-kernel.ts. */

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

/**
 * The bytes that finish a SHA-1 message whose first `prefixBytes` (a multiple of 64) were already compressed:
 * `data`, the 0x80 marker, zeros and the bit length of the whole message.
 */
export function paddedBytes(data: Uint8Array, prefixBytes: number): Uint8Array {
  const bytes = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  bytes.set(data);
  bytes[data.length] = 0x80;
  const bits = (prefixBytes + data.length) * 8;
  const view = new DataView(bytes.buffer);
  view.setUint32(bytes.length - 8, Math.floor(bits / 0x100000000));
  view.setUint32(bytes.length - 4, bits >>> 0);
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
