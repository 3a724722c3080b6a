import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHA1_IV } from '../../lib/crypto/sha1/block';
import { sha1Compress } from '../../lib/crypto/sha1/kernel';
import { SCAN_WASM_BASE64 } from '../../lib/scan/wasm-module';

const ROOT = join(import.meta.dirname, '../..');

describe('generated scan kernels', () => {
  it('are what scripts/build-scan-kernels.mjs makes today (reproducible)', () => {
    expect(() => execFileSync(process.execPath, ['scripts/build-scan-kernels.mjs', '--check'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  });

  it('the WebAssembly module validates (SIMD) and the JS compression is SHA-1', () => {
    expect(WebAssembly.validate(Buffer.from(SCAN_WASM_BASE64, 'base64'))).toBe(true);
    // SHA-1("abc"): one padded block.
    const block = new Int32Array(16);
    block[0] = 0x61626380;
    block[15] = 24;
    const out = new Int32Array(5);
    sha1Compress(SHA1_IV, 0, block, 0, out, 0);
    const hex = Array.from(out, (word) => (word >>> 0).toString(16).padStart(8, '0')).join('');
    expect(hex).toBe(createHash('sha1').update('abc').digest('hex'));
  });
});
