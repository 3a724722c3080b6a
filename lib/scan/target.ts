import type { HmacCheck } from '../crypto/hmac-check';
import { hmacChecks, type FormatContext } from '../formats/format';
import { readCookie } from '../formats/registry';
import type { CookieInput, FormatId } from '../types';
import { progressOf, type Candidates, type ScanOptions, type ScanResult } from './scanner';

/** A signed cookie whose HMAC a wordlist can be tried against. */
interface ScanTarget {
  name: string;
  format: FormatId;
  label: string;
  checks: HmacCheck[];
}

/**
 * The first cookie of a jar (or the one called `name`) whose signature (or an encrypted cookie's integrity, iron's) is an HMAC, or null: every format whose
 * integrity rests on a secret key a wordlist can guess. The rest of the jar supplies companions (`<name>.sig`).
 */
export function findScanTarget(cookies: readonly CookieInput[], options: { salt?: string; name?: string } = {}): ScanTarget | null {
  const context: FormatContext = { jar: new Map(cookies.map((cookie) => [cookie.name, cookie.value])), ...(options.salt !== undefined ? { salt: options.salt } : {}) };
  for (const cookie of cookies) {
    if (options.name !== undefined && cookie.name !== options.name) continue;
    try {
      const reading = readCookie(cookie, context);
      const checks = reading ? hmacChecks(reading.signing) : [];
      if (reading && checks.length > 0) return { name: cookie.name, format: reading.format, label: reading.label, checks };
    } catch {
      // A format that fails on this cookie cannot be scanned; try the next cookie.
    }
  }
  return null;
}

/** Runs one scan of candidates against checks: in-process, or on a worker pool. */
export type ChecksScan = (checks: readonly HmacCheck[], candidates: Candidates, options?: ScanOptions) => Promise<ScanResult>;

/**
 * Scans a cookie's own signing configuration first (Flask's, for a Flask session) and the other configurations
 * its shape allows (plain itsdangerous salts and derivations) only when the first finds nothing: the likely
 * answer comes at full speed, the rest is still covered. `candidates` gives the list afresh for each pass (a
 * wordlist file is read again). Attempts and progress add up across both passes.
 */
export async function scanTarget(target: ScanTarget, candidates: () => Candidates, scan: ChecksScan, options: ScanOptions = {}): Promise<ScanResult> {
  const passes = [target.checks.filter((check) => !check.reportsAs), target.checks.filter((check) => check.reportsAs)].filter((checks) => checks.length > 0);
  let attempts = 0;
  let seconds = 0;
  for (const [pass, checks] of passes.entries()) {
    const before = { attempts, seconds };
    const result = await scan(checks, candidates(), {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress
        ? { onProgress: (progress) => options.onProgress!(progressOf(before.attempts + progress.attempts, (pass + progress.fraction) / passes.length, before.seconds + progress.seconds)) }
        : {}),
    });
    attempts += result.attempts;
    seconds += result.seconds;
    if (result.found || result.cancelled) return { ...result, attempts, seconds };
  }
  return { found: false, attempts, seconds };
}
