import { checkSecret, type HmacCheck } from '../crypto/hmac-check';
import { secretBytes, type SecretEncoding } from '../crypto/digest';
import type { Secret } from '../types';
import { SHA1_IV, bytesToWords, paddedBlocks, paddedBlocksWK } from '../crypto/sha1/block';
import { sha1Compress } from '../crypto/sha1/kernel';
import { SCAN_WASM_BASE64, SCAN_WASM_LAYOUT, SCAN_WASM_MAX_SLOT, SCAN_WASM_PLAN_SIZE } from './wasm-module';

/**
 * The scan core: tests many candidate secrets against the HMAC checks of one cookie.
 *
 * Everything that does not change between guesses is computed once per check: the message and salt blocks
 * with their padding (for WebAssembly also expanded to the 80 schedule words plus round constants), the
 * state after a prefix's whole blocks, the expected signature as words. Per guess, the HMAC pad states of
 * the secret are shared by every check keyed with it. SHA-1 checks with key derivation `none`, `hmac` or `concat` then cost a
 * handful of compressions per guess and allocate nothing; other digests and derivations fall back to the
 * generic `checkSecret`.
 *
 * Two engines share that plan: a JS engine (unrolled SHA-1 over Int32Arrays, always available and
 * synchronous) and a WebAssembly SIMD engine that tests four guesses per compression (`loadScanWasm()`).
 */

export type ScanEngineName = 'js' | 'wasm';

interface Sha1Plan {
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

type Plan = ({ fast: true } & Sha1Plan) | { fast: false; check: HmacCheck; never: boolean };

function planCheck(check: HmacCheck): Plan {
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
class JsEngine {
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
    const total = Math.ceil((length + 9) / 64) * 64;
    bytes.fill(0, length, total);
    bytes[length] = 0x80;
    const bits = (prefixLength + length) * 8;
    bytes[total - 5] = bits / 0x100000000;
    bytes[total - 4] = bits >>> 24;
    bytes[total - 3] = bits >>> 16;
    bytes[total - 2] = bits >>> 8;
    bytes[total - 1] = bits;
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
    block[5] = 0x80000000 | 0;
    block.fill(0, 6, 15);
    block[15] = (64 + 20) * 8;
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

// ---------------------------------------------------------------- WebAssembly SIMD engine

let wasmModule: WebAssembly.Module | null = null;
let wasmLoading: Promise<boolean> | undefined;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Compiles the WebAssembly SIMD engine once (asynchronously, as browsers require for modules over 4 KB on
 * the main thread). Resolves to false where WebAssembly or its SIMD extension is unavailable (or a CSP
 * forbids compiling it); scanners then use the JS engine.
 */
export function loadScanWasm(): Promise<boolean> {
  wasmLoading ??= (async () => {
    try {
      if (typeof WebAssembly !== 'object') return false;
      const bytes = decodeBase64(SCAN_WASM_BASE64);
      if (!WebAssembly.validate(bytes)) return false;
      wasmModule = await WebAssembly.compile(bytes);
      return true;
    } catch {
      return false;
    }
  })();
  return wasmLoading;
}

interface WasmExports {
  memory: WebAssembly.Memory;
  init(): void;
  /** -1, or `group << 4 | lanes` for the first group of four where a lane passes a plan. */
  scan(plans: number, planCount: number, slots: number, lens: number, groups: number, needPads: number, size: number, keyPlan: number): number;
}

interface PlanTable {
  encoding: SecretEncoding;
  pointer: number;
  count: number;
  needPads: number;
}

/** Guesses per batch of 64-byte slots. */
const BATCH = 2048;
/** Bytes of slots for longer guesses, per call. */
const LONG_AREA = 256 * 1024;
const LONG = -2;

/** Lowest set bit's index (0..3) of a lane mask. */
function firstLane(mask: number): number {
  return 31 - Math.clz32(mask & -mask);
}

/**
 * Tests four guesses per SIMD compression. Guesses of up to 64 bytes go in order, four by four; longer ones
 * (up to SCAN_WASM_MAX_SLOT bytes) are grouped by length so that lanes hash about as many blocks; longer
 * still, and checks that are not SHA-1 fast paths, go to the JS engine.
 */
class WasmEngine {
  private readonly exports: WasmExports;
  private readonly tables: PlanTable[] = [];
  private readonly slowPlans: Extract<Plan, { fast: false }>[];
  private readonly keyPlan: number;
  private readonly slots: number;
  private readonly lens: number;
  private readonly longSlots: number;
  private readonly longLens: number;
  private u8: Uint8Array;
  private i32: Int32Array;
  /** Per batch: guesses too long for a 64-byte slot, by table. */
  private readonly longIndex: number[] = [];
  private readonly longBytes: Uint8Array[] = [];

  constructor(
    checks: readonly HmacCheck[],
    module: WebAssembly.Module,
    private readonly js: JsEngine,
  ) {
    const instance = new WebAssembly.Instance(module, {});
    this.exports = instance.exports as unknown as WasmExports;
    this.exports.init();
    const plans = checks.map(planCheck);
    this.slowPlans = plans.filter((plan): plan is Extract<Plan, { fast: false }> => !plan.fast && !plan.never);
    const fast = plans.filter((plan): plan is Extract<Plan, { fast: true }> => plan.fast);
    const L = SCAN_WASM_LAYOUT;
    // Plan records first, grouped by encoding, then the key plan (SHA-1 of a long secret: concat, no prefix);
    // then their data (W+K blocks, prefix tails); then the slots.
    let record = L.PLANS;
    let data = L.PLANS + (fast.length + 1) * SCAN_WASM_PLAN_SIZE;
    const placements: { plan: Sha1Plan; record: number; message: number; aux: number }[] = [];
    for (const encoding of ['utf8', 'latin1'] as const) {
      const group = fast.filter((plan) => plan.encoding === encoding);
      if (group.length === 0) continue;
      this.tables.push({ encoding, pointer: record, count: group.length, needPads: group.some((plan) => plan.kind !== 'concat') ? 1 : 0 });
      for (const plan of group) {
        const message = data;
        data += plan.messageWK.length * 4;
        const aux = data;
        data += plan.kind === 'hmac' ? plan.saltWK.length * 4 : plan.kind === 'concat' ? 64 : 0;
        placements.push({ plan, record, message, aux });
        record += SCAN_WASM_PLAN_SIZE;
      }
    }
    this.keyPlan = record;
    const keyTail = data;
    data += 64;
    // Memory grows only as far as a batch needs (a short list, no long guesses: a page or two).
    this.lens = align(data, 64);
    this.longLens = this.lens + BATCH * 4;
    this.slots = this.longLens + (LONG_AREA / 128) * 4;
    this.longSlots = this.slots + BATCH * 64;
    this.u8 = new Uint8Array(0);
    this.i32 = new Int32Array(0);
    this.reserve(this.slots);
    const i32 = this.i32;
    for (const { plan, record: at, message, aux } of placements) {
      const words = at / 4;
      i32[words] = plan.kind === 'none' ? 0 : plan.kind === 'hmac' ? 1 : 2;
      i32[words + 1] = message;
      i32[words + 2] = plan.messageWK.length / 80;
      i32.set(plan.messageWK, message / 4);
      i32[words + 3] = aux;
      if (plan.kind === 'hmac') {
        i32[words + 4] = plan.saltWK.length / 80;
        i32.set(plan.saltWK, aux / 4);
      } else if (plan.kind === 'concat') {
        i32[words + 4] = plan.tail.length;
        this.u8.set(plan.tail, aux);
      }
      i32[words + 5] = plan.prefixLength;
      i32.set(plan.midstate, words + 6);
      i32.set(plan.signature, words + 11);
    }
    const key = this.keyPlan / 4;
    i32[key] = 2;
    i32[key + 3] = keyTail;
    i32.set(SHA1_IV, key + 6);
  }

  /** Grows the memory to at least `end` bytes (views are remade: growing detaches the old ones). */
  private reserve(end: number): void {
    const memory = this.exports.memory;
    if (memory.buffer.byteLength < end) memory.grow(Math.ceil((end - memory.buffer.byteLength) / 65536));
    if (this.u8.buffer !== memory.buffer) {
      this.u8 = new Uint8Array(memory.buffer);
      this.i32 = new Int32Array(memory.buffer);
    }
  }

  /** Writes the guess's bytes in `encoding` to the 64-byte slot at `offset`: its length, -1 (not representable) or LONG. */
  private encode(secret: Secret, encoding: SecretEncoding, offset: number): number {
    const u8 = this.u8;
    if (typeof secret !== 'string') {
      if (secret.length > 64) return LONG;
      u8.set(secret, offset);
      return secret.length;
    }
    const n = secret.length;
    if (n > 64) return LONG;
    let i = 0;
    for (; i < n; i++) {
      const code = secret.charCodeAt(i);
      if (code >= 0x80) break;
      u8[offset + i] = code;
    }
    if (i === n) return n;
    if (encoding === 'latin1') {
      for (; i < n; i++) {
        const code = secret.charCodeAt(i);
        if (code > 0xff) return -1;
        u8[offset + i] = code;
      }
      return n;
    }
    const { read, written } = encoder.encodeInto(secret, u8.subarray(offset, offset + 64));
    return read < n ? LONG : written;
  }

  findFirst(candidates: readonly Secret[], start: number, end: number): number {
    const { slots, lens } = this;
    for (let base = start; base < end; base += BATCH) {
      const count = Math.min(BATCH, end - base);
      const groups = Math.ceil(count / 4);
      this.reserve(slots + groups * 256);
      let best = count;
      for (const table of this.tables) {
        // (Views taken afresh: a previous table's long guesses may have grown the memory.)
        const { u8, i32 } = this;
        u8.fill(0, slots, slots + groups * 256);
        i32.fill(-1, lens / 4, lens / 4 + groups * 4);
        this.longIndex.length = this.longBytes.length = 0;
        for (let i = 0; i < count; i++) {
          const length = this.encode(candidates[base + i]!, table.encoding, slots + i * 64);
          if (length === LONG) {
            const bytes = secretBytes(candidates[base + i]!, table.encoding);
            if (bytes) {
              this.longIndex.push(i);
              this.longBytes.push(bytes);
            }
          } else {
            i32[lens / 4 + i] = length;
          }
        }
        const found = this.exports.scan(table.pointer, table.count, slots, lens, groups, table.needPads, 64, this.keyPlan);
        if (found >= 0) best = Math.min(best, (found >> 4) * 4 + firstLane(found & 15));
        if (this.longIndex.length > 0) best = Math.min(best, this.scanLong(table, candidates, base));
      }
      if (this.slowPlans.length > 0) {
        for (let i = 0; i < best; i++) {
          const secret = candidates[base + i]!;
          if (this.slowPlans.some((plan) => checkSecret(plan.check, secret))) {
            best = i;
            break;
          }
        }
      }
      if (best < count) return base + best;
    }
    return -1;
  }

  /** The batch's long guesses against one table: the lowest batch index that passes, or Infinity. */
  private scanLong(table: PlanTable, candidates: readonly Secret[], base: number): number {
    const { longSlots, longLens, longIndex, longBytes } = this;
    const order = longIndex.map((_, k) => k).sort((a, b) => longBytes[a]!.length - longBytes[b]!.length);
    let best = Infinity;
    for (let from = 0; from < order.length; ) {
      const size = align(longBytes[order[from]!]!.length, 64);
      if (size > SCAN_WASM_MAX_SLOT) {
        // Longer than the module takes: the JS engine (every check, in order).
        for (let k = from; k < order.length; k++) {
          const index = longIndex[order[k]!]!;
          if (index < best && this.js.test(candidates[base + index]!) >= 0) best = index;
        }
        break;
      }
      // Every guess that fits this slot size and the area, four lanes a group.
      let to = from;
      const capacity = Math.floor(LONG_AREA / size);
      while (to < order.length && to - from < capacity && align(longBytes[order[to]!]!.length, 64) === size) to++;
      const lanes = to - from;
      const groups = Math.ceil(lanes / 4);
      this.reserve(longSlots + groups * 4 * size);
      const { u8, i32 } = this;
      u8.fill(0, longSlots, longSlots + groups * 4 * size);
      i32.fill(-1, longLens / 4, longLens / 4 + groups * 4);
      for (let k = 0; k < lanes; k++) {
        const bytes = longBytes[order[from + k]!]!;
        u8.set(bytes, longSlots + k * size);
        i32[longLens / 4 + k] = bytes.length;
      }
      // Every match counts (the order here is by length, not by list position).
      for (let group = 0; group < groups; ) {
        const found = this.exports.scan(table.pointer, table.count, longSlots + group * 4 * size, longLens + group * 16, groups - group, table.needPads, size, this.keyPlan);
        if (found < 0) break;
        const at = group + (found >> 4);
        for (let lane = 0; lane < 4; lane++) {
          if (found & (1 << lane)) best = Math.min(best, longIndex[order[from + at * 4 + lane]!]!);
        }
        group = at + 1;
      }
      from = to;
    }
    return best;
  }
}

function align(value: number, to: number): number {
  return Math.ceil(value / to) * to;
}

// ---------------------------------------------------------------- Scanner

export interface ScanProgress {
  /** Candidates tested so far (each against every check). */
  attempts: number;
  /** Share of the whole job done, 0..1 (for a list still being read, estimated from the share read). */
  fraction: number;
  seconds: number;
  /** Attempts per second so far. */
  rate: number;
  /** Estimated seconds left at the current rate, or null before there is a rate. */
  remainingSeconds: number | null;
}

/**
 * Candidates in list order, a batch at a time, read only as the scan asks for them (a wordlist file), so a
 * list of any size takes bounded memory.
 */
export interface CandidateStream {
  /** The next batch (possibly empty), or null after the last. */
  next(): Promise<readonly Secret[] | null>;
  /** Share of the list handed out so far, 0..1. */
  readonly progress: number;
  /** Stops reading (the scan ended early). */
  close(): void;
}

/** A list in memory, or one read as the scan goes. */
export type Candidates = readonly Secret[] | CandidateStream;

/** The candidates as a stream: a list in memory is one batch. */
export function candidateStream(candidates: Candidates): CandidateStream {
  if (!Array.isArray(candidates)) return candidates as CandidateStream;
  const list = candidates as readonly Secret[];
  let given = false;
  return {
    get progress() {
      return given ? 1 : 0;
    },
    next: async () => {
      if (given) return null;
      given = true;
      return list;
    },
    close() {},
  };
}

export interface ScanOptions {
  onProgress?: (progress: ScanProgress) => void;
  signal?: AbortSignal;
}

export interface ScanResult {
  found: boolean;
  /** Index of the secret in the candidate list. */
  index?: number;
  secret?: Secret;
  /** The first check (in the scanner's order) the secret passes. */
  check?: HmacCheck;
  /** Candidates tested (each against every check). */
  attempts: number;
  seconds: number;
  /** Stopped by the abort signal before the end of the list. */
  cancelled?: boolean;
}

export interface Scanner {
  readonly engine: ScanEngineName;
  readonly checks: readonly HmacCheck[];
  /** The first check (in order) the secret passes, or null. */
  test(secret: Secret): HmacCheck | null;
  /** Index of the first check the secret passes, or -1. */
  testIndex(secret: Secret): number;
  /** Index of the first candidate in `candidates[start..end)` that passes any check, or -1. */
  findFirst(candidates: readonly Secret[], start?: number, end?: number): number;
  /** Tests the candidates in order in chunks of ~50 ms, yielding to the event loop between chunks. */
  scan(candidates: Candidates, options?: ScanOptions): Promise<ScanResult>;
}

export interface ScannerOptions {
  /**
   * `auto` (default): WebAssembly when `loadScanWasm()` has compiled it and it can be instantiated here, else JS.
   * With no SHA-1 check there is nothing for WebAssembly to do and every engine is JS.
   */
  engine?: ScanEngineName | 'auto';
}

/** A scanner for the checks of one cookie. Synchronous; call `await loadScanWasm()` first to get the SIMD engine. */
export function createScanner(checks: readonly HmacCheck[], options: ScannerOptions = {}): Scanner {
  const engine = options.engine ?? 'auto';
  const js = new JsEngine(checks);
  let wasm: WasmEngine | null = null;
  if (engine !== 'js' && checks.some((check) => check.digest === 'sha1')) {
    if (wasmModule) {
      try {
        wasm = new WasmEngine(checks, wasmModule, js);
      } catch (error) {
        if (engine === 'wasm') throw error;
      }
    } else if (engine === 'wasm') {
      throw new Error('The WebAssembly scan engine is not loaded: await loadScanWasm() first.');
    }
  }
  const findFirst = (candidates: readonly Secret[], start = 0, end = candidates.length): number => {
    if (wasm) return wasm.findFirst(candidates, start, end);
    for (let i = start; i < end; i++) if (js.test(candidates[i]!) >= 0) return i;
    return -1;
  };
  const scanner: Scanner = {
    engine: wasm ? 'wasm' : 'js',
    checks,
    testIndex: (secret) => js.test(secret),
    test: (secret) => checks[js.test(secret)] ?? null,
    findFirst,
    scan: (candidates, scanOptions) => runScan(scanner, candidates, scanOptions),
  };
  return scanner;
}

const CHUNK_MS = 50;

function now(): number {
  return performance.now();
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function runScan(scanner: Scanner, candidates: Candidates, options: ScanOptions = {}): Promise<ScanResult> {
  const started = now();
  const seconds = () => (now() - started) / 1000;
  const stream = candidateStream(candidates);
  let chunk = 1024;
  /** Candidates tested, and handed out by the stream (all but the current batch's rest tested). */
  let attempts = 0;
  let read = 0;
  try {
    for (let batch = await stream.next(); batch !== null; batch = await stream.next()) {
      read += batch.length;
      for (let at = 0; at < batch.length; ) {
        if (options.signal?.aborted) return { found: false, attempts, seconds: seconds(), cancelled: true };
        const chunkStart = now();
        const end = Math.min(batch.length, at + chunk);
        const index = scanner.findFirst(batch, at, end);
        if (index >= 0) {
          const secret = batch[index]!;
          return { found: true, index: attempts + index - at, secret, check: scanner.test(secret)!, attempts: attempts + index - at + 1, seconds: seconds() };
        }
        const elapsed = now() - chunkStart;
        attempts += end - at;
        at = end;
        // Aim at CHUNK_MS per chunk: responsive to the abort signal, yet few yields.
        chunk = Math.max(256, Math.min(chunk * 4, Math.round((chunk * CHUNK_MS) / Math.max(elapsed, 1))));
        options.onProgress?.(progressOf(attempts, shareTested(attempts, read, stream.progress), seconds()));
        await yieldToEventLoop();
      }
    }
  } finally {
    stream.close();
  }
  return { found: false, attempts, seconds: seconds() };
}

/** Progress with rate and time left. */
export function progressOf(attempts: number, fraction: number, seconds: number): ScanProgress {
  const rate = seconds > 0 ? attempts / seconds : 0;
  return { attempts, fraction, seconds, rate, remainingSeconds: fraction > 0 && seconds > 0 ? (seconds * (1 - fraction)) / fraction : null };
}

/** Share of a list tested: the tested share of the candidates read so far, times the share of the list they are. */
export function shareTested(attempts: number, read: number, readShare: number): number {
  return read > 0 ? Math.min(1, (attempts / read) * readShare) : readShare;
}
