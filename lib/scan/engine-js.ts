import { checkSecret, type HmacCheck } from '../crypto/hmac-check';
import { SHA1_IV, bytesToWords, writePadding, writeWordPadding } from '../crypto/sha1/block';
import { sha1Compress } from '../crypto/sha1/kernel';
import type { Secret } from '../types';
import { planCheck, type Plan, type Sha1Plan } from './plan';

/**
 * The JS scan engine: unrolled SHA-1 over Int32Arrays, always available and synchronous. Per guess, the HMAC
 * pad states of the secret are shared by every check keyed with it, so a fast plan costs a handful of
 * compressions per guess and allocates nothing.
 */

const IPAD = 0x36363636;
const OPAD = 0x5c5c5c5c;
const encoder = new TextEncoder();

/** A guess's bytes in one encoding, in a reused buffer. */
class Encoded {
  bytes = new Uint8Array(256);
  length = 0;
  /** False when the encoding cannot represent the secret (latin-1 beyond U+00FF). */
  ok = false;
  /** `pads` holds the ipad (words 0..4) and opad (5..9) states of HMAC keyed with these bytes. */
  padsReady = false;
  readonly pads = new Int32Array(10);

  reserve(length: number): void {
    if (this.bytes.length < length) this.bytes = new Uint8Array(Math.max(length, this.bytes.length * 2));
  }
}

/** The JS engine: SHA-1 fast paths over preallocated Int32Arrays; every check of one guess in order. */
export class JsEngine {
  private readonly plans: Plan[];
  private readonly utf8 = new Encoded();
  private readonly latin1 = new Encoded();
  private readonly block = new Int32Array(16);
  private readonly state = new Int32Array(5);
  private readonly key = new Int32Array(5);
  private readonly keyPads = new Int32Array(10);
  private readonly digest = new Int32Array(5);
  private scratch = new Uint8Array(256);

  constructor(checks: readonly HmacCheck[]) {
    this.plans = checks.map(planCheck);
  }

  /** Index of the first check the secret passes, or -1. */
  test(secret: Secret): number {
    this.load(secret);
    const plans = this.plans;
    for (let i = 0; i < plans.length; i++) {
      const plan = plans[i]!;
      if (plan.fast ? this.testSha1(plan) : !plan.never && checkSecret(plan.check, secret)) return i;
    }
    return -1;
  }

  private load(secret: Secret): void {
    const utf8 = this.utf8;
    const latin1 = this.latin1;
    utf8.padsReady = latin1.padsReady = false;
    utf8.ok = latin1.ok = true;
    if (typeof secret !== 'string') {
      for (const target of [utf8, latin1]) {
        target.reserve(secret.length);
        target.bytes.set(secret);
        target.length = secret.length;
      }
      return;
    }
    const n = secret.length;
    utf8.reserve(n * 3);
    latin1.reserve(n);
    const u = utf8.bytes;
    const l = latin1.bytes;
    let i = 0;
    for (; i < n; i++) {
      const code = secret.charCodeAt(i);
      if (code >= 0x80) break;
      u[i] = code;
      l[i] = code;
    }
    utf8.length = latin1.length = n;
    if (i === n) return;
    utf8.length = encoder.encodeInto(secret, u).written;
    for (; i < n; i++) {
      const code = secret.charCodeAt(i);
      if (code > 0xff) {
        latin1.ok = false;
        return;
      }
      l[i] = code;
    }
  }

  /**
   * SHA-1 from `state` (already `prefixLength` bytes in) over `bytes[0..length)` plus padding, into `out`.
   * `bytes` must have room for the padding (length + 72).
   */
  private hashTail(state: Int32Array, bytes: Uint8Array, length: number, prefixLength: number, out: Int32Array): void {
    const total = writePadding(bytes, length, prefixLength);
    const block = this.block;
    let from = state;
    for (let offset = 0; offset < total; offset += 64) {
      bytesToWords(bytes, offset, 64, block, 0, 16);
      sha1Compress(from, 0, block, 0, out, 0);
      from = out;
    }
  }

  private reserveScratch(length: number): Uint8Array {
    if (this.scratch.length < length) this.scratch = new Uint8Array(Math.max(length, this.scratch.length * 2));
    return this.scratch;
  }

  /** The ipad and opad states of HMAC keyed with the secret itself (hashed first when longer than a block). */
  private pads(encoded: Encoded): Int32Array {
    const pads = encoded.pads;
    if (encoded.padsReady) return pads;
    const block = this.block;
    if (encoded.length > 64) {
      const scratch = this.reserveScratch(encoded.length + 72);
      scratch.set(encoded.bytes.subarray(0, encoded.length));
      this.hashTail(SHA1_IV, scratch, encoded.length, 0, this.key);
      block.set(this.key);
      block.fill(0, 5);
    } else {
      bytesToWords(encoded.bytes, 0, encoded.length, block, 0, 16);
    }
    for (let i = 0; i < 16; i++) block[i]! ^= IPAD;
    sha1Compress(SHA1_IV, 0, block, 0, pads, 0);
    for (let i = 0; i < 16; i++) block[i]! ^= IPAD ^ OPAD;
    sha1Compress(SHA1_IV, 0, block, 0, pads, 5);
    encoded.padsReady = true;
    return pads;
  }

  /**
   * The end of an HMAC: inner hash from the ipad state over constant blocks, then the outer block.
   * (Precomputed W+K words, as the WebAssembly engine uses, are slower here: 145 ns against 115 ns per compression in V8.)
   */
  private finish(pads: Int32Array, blocks: Int32Array, out: Int32Array): void {
    const state = this.state;
    const block = this.block;
    sha1Compress(pads, 0, blocks, 0, state, 0);
    for (let offset = 16; offset < blocks.length; offset += 16) sha1Compress(state, 0, blocks, offset, state, 0);
    block.set(state);
    writeWordPadding(block, 5, 64);
    sha1Compress(pads, 5, block, 0, out, 0);
  }

  /** HMAC-SHA1 keyed with the 20-byte `this.key` over the plan's message, compared with its signature. */
  private keyedMatches(plan: Sha1Plan): boolean {
    const block = this.block;
    const key = this.key;
    const pads = this.keyPads;
    for (let i = 0; i < 5; i++) block[i] = key[i]! ^ IPAD;
    block.fill(IPAD, 5, 16);
    sha1Compress(SHA1_IV, 0, block, 0, pads, 0);
    for (let i = 0; i < 5; i++) block[i] = key[i]! ^ OPAD;
    block.fill(OPAD, 5, 16);
    sha1Compress(SHA1_IV, 0, block, 0, pads, 5);
    this.finish(pads, plan.message, this.digest);
    return equal5(this.digest, plan.signature);
  }

  private testSha1(plan: Sha1Plan): boolean {
    const encoded = plan.encoding === 'utf8' ? this.utf8 : this.latin1;
    if (!encoded.ok) return false;
    switch (plan.kind) {
      case 'none':
        this.finish(this.pads(encoded), plan.message, this.digest);
        return equal5(this.digest, plan.signature);
      case 'hmac':
        this.finish(this.pads(encoded), plan.salt, this.key);
        return this.keyedMatches(plan);
      case 'concat': {
        const tail = plan.tail;
        const length = tail.length + encoded.length;
        const scratch = this.reserveScratch(length + 72);
        scratch.set(tail);
        scratch.set(encoded.bytes.subarray(0, encoded.length), tail.length);
        this.hashTail(plan.midstate, scratch, length, plan.prefixLength - tail.length, this.key);
        return this.keyedMatches(plan);
      }
    }
  }
}

function equal5(a: Int32Array, b: Int32Array): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3] && a[4] === b[4];
}
