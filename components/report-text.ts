import type { SessionReport } from '../lib/types';

/** `report.error` as a sentence a person can act on. */
export function readableError(report: SessionReport): string {
  const error = report.error ?? '';
  const internal = /^internal error:\s*/i.exec(error);
  if (internal) return `Session Lens could not read this cookie (${error.slice(internal[0].length) || 'unexpected error'}). The other cookies are unaffected.`;
  const malformed = /^malformed:\s*/i.exec(error);
  const why = malformed ? error.slice(malformed[0].length) : error;
  const what = report.format === 'unknown' ? 'This cookie' : `This looks like a ${report.label}, but it`;
  return `${what} could not be decoded: ${why || 'its contents are damaged'}.`.replace(/\.\.$/, '.');
}

/** The report's warnings, without the known-key or forgery warning when the card already shows it as its loudest alert. */
export function cardWarnings(report: SessionReport): string[] {
  const { knownSecret, attack } = report.signature;
  return report.warnings.filter(
    (warning) => !(knownSecret !== undefined && warning.startsWith('Signed with a publicly known key')) && !(attack === 'jwt-algorithm-confusion' && warning.startsWith('JWT algorithm confusion:')),
  );
}
