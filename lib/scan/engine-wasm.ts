import { checkSecret, type HmacCheck } from '../crypto/hmac-check';
import { secretBytes, type SecretEncoding } from '../crypto/digest';
import { SHA1_IV } from '../crypto/sha1/block';
import type { Secret } from '../types';
import type { JsEngine } from './engine-js';
import { WordlistEntries } from './wordlist';
import { planCheck, type Plan, type Sha1Plan } from './plan';
import { SCAN_WASM_BASE64, SCAN_WASM_LAYOUT, SCAN_WASM_MAX_SLOT, SCAN_WASM_PLAN_SIZE } from './wasm-module';

/** The WebAssembly SIMD scan engine: four guesses per compression, over the same plans as the JS engine. */

let wasmModule: WebAssembly.Module | null = null;
let wasmLoading: Promise<boolean> | undefined;
const encoder = new TextEncoder();

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

/** The module `loadScanWasm()` compiled, or null before it has (or where it cannot). */
export function loadedScanWasm(): WebAssembly.Module | null {
  return wasmModule;
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
export class WasmEngine {
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

  /** A wordlist entry's key bytes (the same in every encoding) copied to the slot at `offset`: as `encode`. */
  private copyKey(entries: WordlistEntries, i: number, offset: number): number {
    const from = entries.starts[i]!;
    const length = entries.ends[i]! - from;
    if (length > 64) return LONG;
    const { u8 } = this;
    const keys = entries.keys;
    for (let k = 0; k < length; k++) u8[offset + k] = keys[from + k]!;
    return length;
  }

  findFirst(candidates: readonly Secret[] | WordlistEntries, start: number, end: number): number {
    const entries = candidates instanceof WordlistEntries ? candidates : null;
    const candidate = (i: number): Secret => (entries ? entries.secret(i) : (candidates as readonly Secret[])[i]!);
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
          const at = base + i;
          const keyed = entries !== null && entries.ends[at]! >= 0;
          const length = keyed ? this.copyKey(entries, at, slots + i * 64) : this.encode(candidate(at), table.encoding, slots + i * 64);
          if (length === LONG) {
            const bytes = keyed ? entries.keys.subarray(entries.starts[at]!, entries.ends[at]!) : secretBytes(candidate(at), table.encoding);
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
        if (this.longIndex.length > 0) best = Math.min(best, this.scanLong(table, candidate, base));
      }
      if (this.slowPlans.length > 0) {
        for (let i = 0; i < best; i++) {
          const secret = candidate(base + i);
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
  private scanLong(table: PlanTable, candidate: (i: number) => Secret, base: number): number {
    const { longSlots, longLens, longIndex, longBytes } = this;
    const order = longIndex.map((_, k) => k).sort((a, b) => longBytes[a]!.length - longBytes[b]!.length);
    let best = Infinity;
    for (let from = 0; from < order.length; ) {
      const size = align(longBytes[order[from]!]!.length, 64);
      if (size > SCAN_WASM_MAX_SLOT) {
        // Longer than the module takes: the JS engine (every check, in order).
        for (let k = from; k < order.length; k++) {
          const index = longIndex[order[k]!]!;
          if (index < best && this.js.test(candidate(base + index)) >= 0) best = index;
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

