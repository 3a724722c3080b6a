import { decodeLatin1, encodeUtf8, toHex } from '../codec/text';
import { hash } from '../crypto/digest';
import { checkCost, type HmacCheck } from '../crypto/hmac-check';
import { loadScanWasm } from '../scan/engine-wasm';
import { createScanner } from '../scan/scanner';
import { knownSecrets, type KnownSecret } from './list';

/** A publicly known key that verifies a cookie, with the first check it passes. */
export interface KnownKeyMatch {
  entry: KnownSecret;
  check: HmacCheck;
}

/**
 * What the automatic known-key check may hash per jar, in bytes at SHA-1's cost (`checkCost`): three 4 KB Flask
 * sessions against every known key, about 0.5 s in the JS engine (SHA-512 checks cost as much for an eighth of the
 * bytes). Sites choose their cookies, so they must not choose how long a decode takes: a cookie that does not fit
 * in what is left is not checked, and says so; smaller ones after it still are.
 */
const KNOWN_KEY_BUDGET = 128 * 1024 * 1024;

/** What is left of one jar's known-key budget. */
export interface KnownKeyBudget {
  remaining: number;
}

export function knownKeyBudget(): KnownKeyBudget {
  return { remaining: KNOWN_KEY_BUDGET };
}

/**
 * The first publicly known key (in list order) that verifies the checks, null when none does, or `skipped` when
 * the checks do not fit in what is left of the budget. A kept answer is charged too, so reports never depend on
 * history.
 */
export async function findKnownKey(checks: readonly HmacCheck[], budget: KnownKeyBudget): Promise<KnownKeyMatch | null | 'skipped'> {
  const cost = checks.reduce((total, check) => total + checkCost(check) * keysFor(check).length, 0);
  if (cost > budget.remaining) return 'skipped';
  budget.remaining -= cost;
  return findKnownKeyOnce(checks);
}

/**
 * The extension decodes a tab's cookies again on every cookie change, and the known-key check (~1000 keys) is
 * the costly part: its answer for the same signed bytes never changes, so recent ones are kept. Each is kept under a
 * SHA-256 of what was checked, as the indexes of the known key and of the check that passed, so that the answers can
 * be stored (`keptKnownKeyAnswers`) without the cookies' contents, and kept across restarts of the extension's
 * background (`keepKnownKeyAnswers`).
 */
const keptAnswers = new Map<string, KeptMatch | null>();
const ANSWERS_KEPT = 512;

/** Which known key (index in `knownSecrets()`) passed which of the checks (index). */
interface KeptMatch {
  entry: number;
  check: number;
}

/** One kept answer as it can be stored: the hash of what was checked, and its match or null (no known key). */
export type KeptKnownKeyAnswer = [key: string, match: KeptMatch | null];

/** The kept answers, oldest first. */
export function keptKnownKeyAnswers(): KeptKnownKeyAnswer[] {
  return [...keptAnswers];
}

/** Keeps answers stored by `keptKnownKeyAnswers` (from an earlier run); anything else in the list is ignored. */
export function keepKnownKeyAnswers(answers: unknown): void {
  if (!Array.isArray(answers)) return;
  for (const answer of answers) if (isKeptAnswer(answer) && !keptAnswers.has(answer[0])) keep(answer[0], answer[1]);
}

function isKeptAnswer(answer: unknown): answer is KeptKnownKeyAnswer {
  if (!Array.isArray(answer) || answer.length !== 2 || typeof answer[0] !== 'string') return false;
  const match: unknown = answer[1];
  if (match === null) return true;
  const isIndex = (value: unknown, below: number) => Number.isInteger(value) && (value as number) >= 0 && (value as number) < below;
  return typeof match === 'object' && isIndex((match as KeptMatch).entry, knownSecrets().length) && Number.isInteger((match as KeptMatch).check);
}

function keep(key: string, match: KeptMatch | null): void {
  if (keptAnswers.size >= ANSWERS_KEPT) keptAnswers.delete(keptAnswers.keys().next().value!);
  keptAnswers.set(key, match);
}

async function findKnownKeyOnce(checks: readonly HmacCheck[]): Promise<KnownKeyMatch | null> {
  const key = toHex(hash('sha256', encodeUtf8(checks.map(checkKey).join('\n'))));
  const kept = keptAnswers.get(key);
  if (kept === null) return null;
  if (kept && checks[kept.check]) return { entry: knownSecrets()[kept.entry]!, check: checks[kept.check]! };
  const match = await search(checks);
  keep(key, match && { entry: knownSecrets().indexOf(match.entry), check: checks.indexOf(match.check) });
  return match;
}

/** Everything that decides whether a secret passes the check. */
function checkKey(check: HmacCheck): string {
  const { derivation } = check;
  const salt = derivation.kind === 'hmac' || derivation.kind === 'pbkdf2' ? derivation.salt : derivation.kind === 'concat' ? derivation.prefix : new Uint8Array();
  const pbkdf2 = derivation.kind === 'pbkdf2' ? `${derivation.digest}/${derivation.iterations}/${derivation.length}` : '';
  return [check.digest, derivation.kind, pbkdf2, check.encoding, toHex(salt), toHex(check.signature), decodeLatin1(check.message)].join('|');
}

/**
 * A PBKDF2 check of many iterations (Rails 1000, h3 8192) costs that many HMACs per guess, seconds for the whole
 * list: there only the keys the framework's own docs publish are tried. One iteration (iron) is two more HMACs.
 */
const SLOW_CHECK_SOURCES = new Set(['rails-docs']);

const isSlow = (check: HmacCheck) => check.derivation.kind === 'pbkdf2' && check.derivation.iterations > 1;

let slowCheckKeys: readonly KnownSecret[] | undefined;

function keysForSlowChecks(): readonly KnownSecret[] {
  slowCheckKeys ??= knownSecrets().filter((entry) => SLOW_CHECK_SOURCES.has(entry.sourceId));
  return slowCheckKeys;
}

/** The known keys a check is tried with. */
function keysFor(check: HmacCheck): readonly KnownSecret[] {
  return isSlow(check) ? keysForSlowChecks() : knownSecrets();
}

async function search(checks: readonly HmacCheck[]): Promise<KnownKeyMatch | null> {
  // The SIMD engine when WebAssembly may be compiled here; the JS engine otherwise (same answers).
  await loadScanWasm();
  return firstMatch(checks.filter((check) => !isSlow(check)), knownSecrets()) ?? firstMatch(checks.filter(isSlow), keysForSlowChecks());
}

function firstMatch(checks: readonly HmacCheck[], list: readonly KnownSecret[]): KnownKeyMatch | null {
  if (checks.length === 0 || list.length === 0) return null;
  const scanner = createScanner(checks);
  const index = scanner.findFirst(list.map((entry) => entry.secret));
  return index < 0 ? null : { entry: list[index]!, check: scanner.test(list[index]!.secret)! };
}
