import type { SessionReport } from '../lib/types';

/** How urgently a session needs looking at, most urgent first (the popup's summary and the panel's list order). */
export const SEVERITIES = ['forgeable', 'invalid', 'expired', 'unverified', 'unsigned', 'valid'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The words a severity is shown with: never colour alone. */
export const SEVERITY_WORD: Record<Severity, string> = {
  forgeable: 'Forgeable',
  invalid: 'Invalid',
  expired: 'Expired',
  unverified: 'Not verified',
  unsigned: 'Unsigned',
  valid: 'Valid',
};

/** A session signed with a publicly known key (or forged with a public key) first: anyone can make one. */
export function severityOf(report: SessionReport): Severity {
  const { signature } = report;
  if (signature.knownSecret !== undefined || signature.attack !== undefined) return 'forgeable';
  if (signature.status === 'invalid' || report.problem !== undefined) return 'invalid';
  if (report.expired === true) return 'expired';
  if (signature.status === 'unverified') return 'unverified';
  if (signature.status === 'unsigned') return 'unsigned';
  return 'valid';
}

/** `entries` ordered most severe first; entries of equal severity keep the jar's order (the sort is stable). */
export function bySeverity<T extends { report: SessionReport }>(entries: readonly T[]): T[] {
  const rank = (entry: T) => SEVERITIES.indexOf(severityOf(entry.report));
  return [...entries].sort((a, b) => rank(a) - rank(b));
}
