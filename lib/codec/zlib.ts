import { Unzlib, zlibSync } from 'fflate';
import { concatBytes } from './text';

/** Far above any real session (cookies are at most 4 KB), far below what would hurt memory. */
const MAX_INFLATED_BYTES = 1024 * 1024;

/**
 * Small input steps bound how much one step can inflate (deflate expands at most ~1032x),
 * so a zlib bomb is stopped after at most MAX_INFLATED_BYTES plus one step's output.
 */
const INPUT_STEP = 64;

type InflateResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/** Inflates zlib data (header + deflate + Adler-32), refusing output beyond `limit` bytes. */
export function inflateZlib(data: Uint8Array, limit = MAX_INFLATED_BYTES): InflateResult {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const stream = new Unzlib((chunk, final) => {
    total += chunk.length;
    if (total <= limit) chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    for (let offset = 0; offset < data.length && total <= limit; offset += INPUT_STEP) {
      const last = offset + INPUT_STEP >= data.length;
      stream.push(data.subarray(offset, offset + INPUT_STEP), last);
    }
  } catch (error) {
    return { ok: false, reason: `zlib data is corrupt (${error instanceof Error ? error.message : 'inflate failed'})` };
  }
  if (total > limit) return { ok: false, reason: `decompressed data exceeds ${limit} bytes (zlib bomb?)` };
  if (!ended) return { ok: false, reason: 'zlib data is truncated' };
  const bytes = concatBytes(...chunks);
  // fflate does not check the trailer; zlib itself would refuse a wrong Adler-32.
  const trailer = data.subarray(data.length - 4);
  const expected = ((trailer[0]! << 24) | (trailer[1]! << 16) | (trailer[2]! << 8) | trailer[3]!) >>> 0;
  if (adler32(bytes) !== expected) return { ok: false, reason: 'zlib data is corrupt (Adler-32 checksum mismatch)' };
  return { ok: true, bytes };
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; i++) {
    a = (a + bytes[i]!) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * zlib data (header + deflate + Adler-32) at Python's default level 6. fflate's deflate is not zlib's, so the bytes may
 * differ from what Python's `zlib.compress` writes; any inflater reads them back the same.
 */
export function deflateZlib(data: Uint8Array): Uint8Array {
  return zlibSync(data, { level: 6 });
}
