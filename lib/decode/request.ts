import { decodeCookies, withProblem } from './decode';
import { malformed, type CookieInput, type DecodeOptions, type SessionReport } from '../types';

/** A jar's reports (in its cookies' order), or a plain message (no stack) saying why there are none. */
export type DecodedJar = { reports: SessionReport[] } | { error: string };

/**
 * Decodes one jar and posts the answer, whatever happens. `post` passes it to the page and throws (DataCloneError,
 * or a RangeError deep inside the copy) on a value it cannot copy: then each report is checked and one that cannot
 * cross is replaced by one that says so, so one bad cookie never hides the others.
 */
export async function answerDecode(cookies: readonly CookieInput[], options: DecodeOptions, post: (decoded: DecodedJar) => void): Promise<void> {
  let reports: SessionReport[];
  try {
    reports = await decodeCookies(cookies, options);
  } catch (error) {
    post({ error: `The decoder stopped: ${messageOf(error)}` });
    return;
  }
  try {
    post({ reports });
  } catch {
    try {
      post({ reports: reports.map(passable) });
    } catch (error) {
      post({ error: `The decoded cookies could not be passed to the page: ${messageOf(error)}` });
    }
  }
}

/** Whether the report can be passed on either way a browser copies messages: Firefox's structured clone, Chromium's JSON. */
function passable(report: SessionReport): SessionReport {
  try {
    structuredClone(report);
    JSON.stringify(report);
    return report;
  } catch {
    return unpassableReport(report);
  }
}

/** What is left of a report the page cannot receive: the cookie's name and format, and why nothing else is shown. */
function unpassableReport(report: SessionReport): SessionReport {
  return {
    name: String(report.name),
    format: report.format,
    label: String(report.label),
    isSession: report.isSession === true,
    payload: null,
    issuedAt: null,
    expiresAt: null,
    expired: null,
    cookieExpiresAt: null,
    signature: { status: report.signature.status },
    warnings: [],
    warningCodes: [],
    facts: {},
    ...withProblem(malformed('the decoded cookie is too deep or too large to show')),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
