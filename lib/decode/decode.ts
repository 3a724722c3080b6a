import { jsonToTyped } from '../serializers/flask-tagged-json';
import { decodeLatin1, toHex } from '../codec/text';
import { wireForms } from '../codec/wire';
import { checkCost, describeConfig, findMatchingSecret, type FormatIdentity, type HmacCheck, type HmacMatch } from '../crypto/hmac-check';
import { findPublicKeyForgery, hmacSecret } from '../crypto/public-key';
import type { FormatContext, Opened, Reading } from '../formats/format';
import { FORMATS } from '../formats/registry';
import { knownSecrets, type KnownSecret } from '../known-keys/list';
import { loadScanWasm } from '../scan/engine-wasm';
import { createScanner } from '../scan/scanner';
import type { CookieInput, DecodeOptions, FormatId, Secret, SessionReport, SignatureReport } from '../types';

/**
 * Decodes every cookie of one jar (companion cookies such as `<name>.sig` are looked up among them), one after
 * another, so the jar's known-key budget is spent in cookie order and the same jar always gives the same reports.
 */
export async function decodeCookies(cookies: readonly CookieInput[], options: DecodeOptions = {}): Promise<SessionReport[]> {
  const jar = new Map(cookies.map((cookie) => [cookie.name, cookie.value]));
  const budget = knownKeyBudget();
  const reports: SessionReport[] = [];
  for (const cookie of cookies) reports.push(await decodeInJar(cookie, options, jar, budget));
  return reports;
}

/** What one cookie is and what is inside it. Never throws: bad input gives format `unknown` or an `error`. */
export async function decodeCookie(
  cookie: CookieInput,
  options: DecodeOptions = {},
  jar: ReadonlyMap<string, string> = new Map([[cookie.name, cookie.value]]),
): Promise<SessionReport> {
  return decodeInJar(cookie, options, jar, knownKeyBudget());
}

async function decodeInJar(cookie: CookieInput, options: DecodeOptions, jar: ReadonlyMap<string, string>, budget: KnownKeyBudget): Promise<SessionReport> {
  try {
    const context: FormatContext = { jar, ...(options.salt !== undefined ? { salt: options.salt } : {}) };
    const reading = readCookie(cookie, context);
    return reading ? await report(cookie, reading, options, budget) : unknownReport(cookie);
  } catch (error) {
    return unknownReport(cookie, `internal error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A signed cookie whose HMAC a wordlist can be tried against. */
export interface ScanTarget {
  name: string;
  format: FormatId;
  label: string;
  checks: HmacCheck[];
}

/**
 * The first cookie of a jar (or the one called `name`) whose signature is an HMAC, or null: every format whose
 * integrity rests on a secret key a wordlist can guess. The rest of the jar supplies companions (`<name>.sig`).
 */
export function findScanTarget(cookies: readonly CookieInput[], options: { salt?: string; name?: string } = {}): ScanTarget | null {
  const context: FormatContext = { jar: new Map(cookies.map((cookie) => [cookie.name, cookie.value])), ...(options.salt !== undefined ? { salt: options.salt } : {}) };
  for (const cookie of cookies) {
    if (options.name !== undefined && cookie.name !== options.name) continue;
    try {
      const reading = readCookie(cookie, context);
      if (reading?.signing.kind === 'hmac' && reading.signing.checks.length > 0) {
        return { name: cookie.name, format: reading.format, label: reading.label, checks: reading.signing.checks };
      }
    } catch {
      // A format that fails on this cookie cannot be scanned; try the next cookie.
    }
  }
  return null;
}

function readCookie(cookie: CookieInput, context: FormatContext): Reading | null {
  for (const form of wireForms(String(cookie.value ?? ''))) {
    for (const format of FORMATS) {
      const reading = format.read({ ...cookie, value: form.value }, context);
      if (!reading) continue;
      if (form.encoding) reading.facts.wire = form.encoding;
      return reading;
    }
  }
  return null;
}

function unknownReport(cookie: CookieInput, error?: string): SessionReport {
  return {
    name: String(cookie.name ?? ''),
    format: 'unknown',
    label: 'Not a recognised session format',
    isSession: false,
    payload: null,
    issuedAt: null,
    expiresAt: null,
    expired: null,
    cookieExpiresAt: cookieExpiry(cookie),
    signature: { status: 'unsigned', detail: 'No known signed format.' },
    warnings: [],
    facts: {},
    ...(error ? { error } : {}),
  };
}

async function report(cookie: CookieInput, reading: Reading, options: DecodeOptions, budget: KnownKeyBudget): Promise<SessionReport> {
  const verdict = await verify(reading, options, budget);
  const identity = verdict.reportsAs ?? reading;
  const opened = verdict.opened;
  const payload = opened ? opened.payload : reading.payload;
  const typed = opened ? opened.typed : reading.typed;
  const issuedAt = opened?.issuedAt ?? reading.issuedAt;
  const maxAge = options.maxAge ?? identity.defaultMaxAge;
  const embeddedExpiry = opened?.expiresAt ?? reading.expiresAt;
  const expiresAt = embeddedExpiry ?? (issuedAt !== null && maxAge !== undefined ? issuedAt + maxAge : null);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const warnings = [...reading.warnings, ...(opened?.warnings ?? []), ...verdict.warnings];
  if (issuedAt !== null && issuedAt > now + 60) warnings.push('Issued in the future: the server will refuse it until its clock catches up.');
  return {
    name: cookie.name,
    format: identity.format,
    label: identity.label,
    isSession: reading.isSession,
    payload,
    ...(typed ? { typed } : payload !== null && payload !== undefined ? { typed: jsonToTyped(payload) } : {}),
    issuedAt,
    expiresAt,
    expired: expiresAt === null ? null : now > expiresAt,
    cookieExpiresAt: cookieExpiry(cookie),
    signature: verdict.signature,
    warnings,
    facts: { ...reading.facts, ...verdict.facts },
    ...(reading.error ? { error: reading.error } : {}),
  };
}

function cookieExpiry(cookie: CookieInput): number | null {
  return typeof cookie.expirationDate === 'number' && !cookie.session ? cookie.expirationDate : null;
}

interface Verdict {
  signature: SignatureReport;
  warnings: string[];
  facts?: Record<string, string>;
  opened?: Opened;
  reportsAs?: FormatIdentity;
}

const NO_SECRET: SignatureReport = { status: 'unverified', detail: 'Not verified: add the app\'s secret key to check the signature.' };

async function verify(reading: Reading, options: DecodeOptions, budget: KnownKeyBudget): Promise<Verdict> {
  const secrets = options.secrets ?? [];
  const signing = reading.signing;
  if (signing.kind === 'unsigned') return { signature: { status: 'unsigned', detail: 'This cookie carries no signature.' }, warnings: [] };
  if (signing.kind === 'keyed') {
    for (let secretIndex = 0; secretIndex < secrets.length; secretIndex++) {
      const opened = await signing.open(secrets[secretIndex]!);
      if (opened) {
        const detail = `Opened with secret #${secretIndex + 1}${opened.detail ? ` (${opened.detail})` : ''}.`;
        return { signature: { status: 'valid', secretIndex, detail, ...(opened.config ? { config: opened.config } : {}) }, warnings: [], opened };
      }
    }
    return { signature: secrets.length ? invalid(secrets.length) : NO_SECRET, warnings: [] };
  }
  const match = findMatchingSecret(signing.checks, secrets.map(hmacSecret));
  if (match) {
    return {
      signature: { status: 'valid', secretIndex: match.secretIndex, detail: `Verified with secret #${match.secretIndex + 1} (${describeConfig(match.check.config)}).`, config: { ...match.check.config } },
      warnings: [],
      ...(match.check.reportsAs ? { reportsAs: match.check.reportsAs } : {}),
    };
  }
  const forgery = await findPublicKeyForgery(signing.checks, secrets);
  if (forgery) return publicKeyForgery(forgery);
  const unmatched: Verdict = { signature: secrets.length ? invalid(secrets.length) : NO_SECRET, warnings: [] };
  if (options.knownSecrets === false) return unmatched;
  if (!spend(budget, knownCheckCost(signing.checks))) return { ...unmatched, warnings: [KNOWN_KEY_SKIPPED], facts: { 'known-key check': 'skipped: too large' } };
  return (await findKnownSecretOnce(signing.checks)) ?? unmatched;
}

/** A public key given as a secret is the HMAC secret that signed the cookie: forged, whatever a weak verifier says. */
function publicKeyForgery({ secretIndex, check }: HmacMatch): Verdict {
  const key = `secret #${secretIndex + 1}`;
  return {
    signature: {
      status: 'invalid',
      secretIndex,
      attack: check.publicKeyAttack!,
      detail: `Forged with the public key ${key} as its HMAC secret (${describeConfig(check.config)}): JWT algorithm confusion.`,
      config: { ...check.config },
    },
    warnings: [
      `JWT algorithm confusion: this token was forged with the public key (${key}) as its HMAC secret. The public key is public, so anyone can make such tokens: an app whose JWT library accepts this one is vulnerable. Verify with the algorithm pinned (e.g. algorithms: ["RS256"]).`,
    ],
  };
}

/** Every configuration Session Lens knows failed: that does not prove another key signed it, so the detail does not claim it. */
function invalid(count: number): SignatureReport {
  const subject = count === 1 ? 'the secret' : `any of the ${count} secrets`;
  return {
    status: 'invalid',
    detail: `No known signing configuration matches ${subject}: the cookie was signed with another key, with a configuration Session Lens does not know, or altered.`,
  };
}

/**
 * What the automatic known-key check may hash per jar, in bytes at SHA-1's cost (`checkCost`): three 4 KB Flask
 * sessions against every known key, about 0.5 s in the JS engine (SHA-512 checks cost as much for an eighth of the
 * bytes). Sites choose their cookies, so they must not choose how long a decode takes: a cookie that does not fit
 * in what is left is not checked, and says so; smaller ones after it still are.
 */
export const KNOWN_KEY_BUDGET = 128 * 1024 * 1024;

const KNOWN_KEY_SKIPPED =
  'Known-key check skipped: too large. The publicly known keys were not tried on this cookie (the check is bounded per page); add the app\'s secret key to verify it.';

interface KnownKeyBudget {
  remaining: number;
}

function knownKeyBudget(): KnownKeyBudget {
  return { remaining: KNOWN_KEY_BUDGET };
}

/** Takes `cost` from the budget when it fits. A kept verdict is charged too, so reports never depend on history. */
function spend(budget: KnownKeyBudget, cost: number): boolean {
  if (cost > budget.remaining) return false;
  budget.remaining -= cost;
  return true;
}

/** The work of trying every known key its checks are tried with (see findKnownSecret). */
function knownCheckCost(checks: readonly HmacCheck[]): number {
  return checks.reduce((total, check) => total + checkCost(check) * knownKeysFor(check).length, 0);
}

/**
 * The extension decodes a tab's cookies again on every cookie change, and the known-secret check (~1000 keys) is
 * the costly part: its verdict for the same signed bytes never changes, so recent ones are kept.
 */
const knownVerdicts = new Map<string, Verdict | null>();
const KNOWN_VERDICTS_KEPT = 512;

async function findKnownSecretOnce(checks: readonly HmacCheck[]): Promise<Verdict | null> {
  const key = checks.map(checkKey).join('\n');
  if (knownVerdicts.has(key)) return knownVerdicts.get(key)!;
  const verdict = await findKnownSecret(checks);
  if (knownVerdicts.size >= KNOWN_VERDICTS_KEPT) knownVerdicts.delete(knownVerdicts.keys().next().value!);
  knownVerdicts.set(key, verdict);
  return verdict;
}

/** Everything that decides whether a secret passes the check. */
function checkKey(check: HmacCheck): string {
  const { derivation } = check;
  const salt = derivation.kind === 'hmac' || derivation.kind === 'pbkdf2' ? derivation.salt : derivation.kind === 'concat' ? derivation.prefix : new Uint8Array();
  const pbkdf2 = derivation.kind === 'pbkdf2' ? `${derivation.digest}/${derivation.iterations}/${derivation.length}` : '';
  return [check.digest, derivation.kind, pbkdf2, check.encoding, toHex(salt), toHex(check.signature), decodeLatin1(check.message)].join('|');
}

/**
 * A PBKDF2 check (Rails) costs a thousand HMACs per guess, seconds for the whole list: there only the keys
 * the framework's own docs publish are tried.
 */
const SLOW_CHECK_SOURCES = new Set(['rails-docs']);

const isSlow = (check: HmacCheck) => check.derivation.kind === 'pbkdf2';

let slowCheckKeys: readonly KnownSecret[] | undefined;

function keysForSlowChecks(): readonly KnownSecret[] {
  slowCheckKeys ??= knownSecrets().filter((entry) => SLOW_CHECK_SOURCES.has(entry.sourceId));
  return slowCheckKeys;
}

/** The known keys a check is tried with. */
function knownKeysFor(check: HmacCheck): readonly KnownSecret[] {
  return isSlow(check) ? keysForSlowChecks() : knownSecrets();
}

/** The first publicly known secret (in list order) that verifies the cookie, with the first check it passes. */
async function findKnownSecret(checks: readonly HmacCheck[]): Promise<Verdict | null> {
  // The SIMD engine when WebAssembly may be compiled here; the JS engine otherwise (same answers).
  await loadScanWasm();
  const match =
    firstKnownMatch(checks.filter((check) => !isSlow(check)), knownSecrets()) ?? firstKnownMatch(checks.filter(isSlow), keysForSlowChecks());
  if (!match) return null;
  const { entry } = match;
  return {
    signature: {
      status: 'valid',
      knownSecret: entry.display,
      detail: `Signed with the publicly known key ${JSON.stringify(entry.display)} (from ${entry.source}; ${describeConfig(match.check.config)}).`,
      config: { ...match.check.config },
    },
    warnings: [`Signed with a publicly known key ${JSON.stringify(entry.display)}: anyone can forge this session. Replace it with a random key of 32+ bytes.`],
    ...(match.check.reportsAs ? { reportsAs: match.check.reportsAs } : {}),
  };
}

function firstKnownMatch(checks: readonly HmacCheck[], list: readonly KnownSecret[]): { entry: KnownSecret; check: HmacCheck } | null {
  if (checks.length === 0 || list.length === 0) return null;
  const scanner = createScanner(checks);
  const index = scanner.findFirst(list.map((entry) => entry.secret));
  return index < 0 ? null : { entry: list[index]!, check: scanner.test(list[index]!.secret)! };
}
