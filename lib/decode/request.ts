import { isObject } from '../codec/json';
import { decodeCookies, withProblem } from './decode';
import { malformed, type CookieInput, type DecodeOptions, type SessionReport } from '../types';

/** What the page asks the decode worker. */
export interface DecodeRequest {
  id: number;
  cookies: CookieInput[];
  options: DecodeOptions;
}

/** Every request gets one answer: its reports, or a plain error message (no stack). */
export type DecodeResponse = { id: number; reports: SessionReport[] } | { id: number; error: string };

/** The worker's message as a DecodeRequest, or null when it is not one. */
export function readDecodeRequest(message: unknown): DecodeRequest | null {
  if (!isObject(message) || !Number.isInteger(message.id) || !Array.isArray(message.cookies) || !isObject(message.options)) return null;
  return { id: message.id as number, cookies: message.cookies as CookieInput[], options: message.options as DecodeOptions };
}

/** The page's message as a DecodeResponse, or null when it is not one. */
export function readDecodeResponse(message: unknown): DecodeResponse | null {
  if (!isObject(message) || !Number.isInteger(message.id)) return null;
  const id = message.id as number;
  if (typeof message.error === 'string') return { id, error: message.error };
  return Array.isArray(message.reports) ? { id, reports: message.reports as SessionReport[] } : null;
}

/**
 * Decodes one jar and posts the answer, whatever happens. `post` is the worker's postMessage, which throws
 * (DataCloneError, or a RangeError deep inside the clone) on a value it cannot copy to the page: then each report
 * is checked and one that cannot cross is replaced by one that says so, so one bad cookie never hides the others.
 */
export async function answerDecodeRequest(request: DecodeRequest, post: (response: DecodeResponse) => void): Promise<void> {
  const { id } = request;
  let reports: SessionReport[];
  try {
    reports = await decodeCookies(request.cookies, request.options);
  } catch (error) {
    post({ id, error: `The decoder stopped: ${messageOf(error)}` });
    return;
  }
  try {
    post({ id, reports });
  } catch {
    try {
      post({ id, reports: reports.map(passable) });
    } catch (error) {
      post({ id, error: `The decoded cookies could not be passed to the page: ${messageOf(error)}` });
    }
  }
}

function passable(report: SessionReport): SessionReport {
  try {
    structuredClone(report);
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
