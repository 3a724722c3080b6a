import type { SessionReport, WarningCode } from '../lib/types';

/** `report.problem` as a sentence a person can act on. */
export function readableError(report: SessionReport): string {
  const problem = report.problem;
  if (problem?.code === 'internal') return `Session Lens could not read this cookie (${problem.message || 'unexpected error'}). The other cookies are unaffected.`;
  const what = report.format === 'unknown' ? 'This cookie' : `This looks like a ${report.label}, but it`;
  return `${what} could not be decoded: ${problem?.message || 'its contents are damaged'}.`.replace(/\.\.$/, '.');
}

/** Warnings the card shows as its loudest alert instead of in the list. */
const ALERTED: ReadonlySet<WarningCode> = new Set(['known-secret', 'public-key-forgery']);

/** The report's warnings, without the known-key or forgery warning the card already shows as its loudest alert. */
export function cardWarnings(report: SessionReport): string[] {
  return report.warnings.filter((_, index) => !ALERTED.has(report.warningCodes[index]!));
}
