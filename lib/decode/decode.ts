import { describeConfig, findMatchingSecret, type FormatIdentity, type HmacMatch } from '../crypto/hmac-check';
import { findPublicKeyForgery, hmacSecret } from '../crypto/public-key';
import type { FormatContext, Opened, Reading } from '../formats/format';
import { readCookie } from '../formats/registry';
import { findKnownKey, knownKeyBudget, type KnownKeyBudget, type KnownKeyMatch } from '../known-keys/check';
import { jsonToTyped } from '../serializers/flask-tagged-json';
import { problemText, type CookieInput, type DecodeOptions, type Problem, type SessionReport, type SignatureReport, type Warning } from '../types';

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

/** What one cookie is and what is inside it. Never throws: bad input gives format `unknown` or a `problem`. */
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
    return unknownReport(cookie, { code: 'internal', message: error instanceof Error ? error.message : String(error) });
  }
}

function unknownReport(cookie: CookieInput, problem?: Problem): SessionReport {
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
    ...withWarnings([]),
    facts: {},
    ...withProblem(problem),
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
  if (issuedAt !== null && issuedAt > now + 60) warnings.push({ code: 'issued-in-future', message: 'Issued in the future: the server will refuse it until its clock catches up.' });
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
    ...withWarnings(warnings),
    facts: { ...reading.facts, ...verdict.facts },
    ...withProblem(reading.problem),
  };
}

/** A report carries its warnings twice: the words (the JSON contract's `warnings`) and what each is about. */
function withWarnings(warnings: readonly Warning[]): Pick<SessionReport, 'warnings' | 'warningCodes'> {
  return { warnings: warnings.map((warning) => warning.message), warningCodes: warnings.map((warning) => warning.code) };
}

export function withProblem(problem: Problem | undefined): Pick<SessionReport, 'error' | 'problem'> {
  return problem ? { error: problemText(problem), problem } : {};
}

function cookieExpiry(cookie: CookieInput): number | null {
  return typeof cookie.expirationDate === 'number' && !cookie.session ? cookie.expirationDate : null;
}

interface Verdict {
  signature: SignatureReport;
  warnings: Warning[];
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
    const unopened: Verdict = { signature: secrets.length ? invalid(secrets.length) : NO_SECRET, warnings: [] };
    if (!signing.checks?.length || options.knownSecrets === false) return unopened;
    // An encrypted cookie whose integrity is an HMAC (iron): a publicly known key that verifies it also opens it.
    const known = await findKnownKey(signing.checks, budget);
    if (known === 'skipped') return skippedVerdict(unopened);
    const opened = known && (await signing.open(known.entry.secret));
    return known ? { ...knownKeyVerdict(known), ...(opened ? { opened } : {}) } : unopened;
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
  const known = await findKnownKey(signing.checks, budget);
  if (known === 'skipped') return skippedVerdict(unmatched);
  return known ? knownKeyVerdict(known) : unmatched;
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
      {
        code: 'public-key-forgery',
        message: `JWT algorithm confusion: this token was forged with the public key (${key}) as its HMAC secret. The public key is public, so anyone can make such tokens: an app whose JWT library accepts this one is vulnerable. Verify with the algorithm pinned (e.g. algorithms: ["RS256"]).`,
      },
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

const KNOWN_KEY_SKIPPED: Warning = {
  code: 'known-key-check-skipped',
  message: 'Known-key check skipped: too large. The publicly known keys were not tried on this cookie (the check is bounded per page); add the app\'s secret key to verify it.',
};

function skippedVerdict(unmatched: Verdict): Verdict {
  return { ...unmatched, warnings: [KNOWN_KEY_SKIPPED], facts: { 'known-key check': 'skipped: too large' } };
}

function knownKeyVerdict({ entry, check }: KnownKeyMatch): Verdict {
  return {
    signature: {
      status: 'valid',
      knownSecret: entry.display,
      detail: `Signed with the publicly known key ${JSON.stringify(entry.display)} (from ${entry.source}; ${describeConfig(check.config)}).`,
      config: { ...check.config },
    },
    warnings: [
      { code: 'known-secret', message: `Signed with a publicly known key ${JSON.stringify(entry.display)}: anyone can forge this session. Replace it with a random key of 32+ bytes.` },
    ],
    ...(check.reportsAs ? { reportsAs: check.reportsAs } : {}),
  };
}
