import type { HmacCheck } from '../crypto/hmac-check';
import type { ScanTarget } from '../decode/decode';
import { progressOf, type Candidates, type ScanOptions, type ScanResult } from './scanner';

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
