import { decodeCookie } from '../decode/decode';
import { chunkName } from '../formats/chunks';
import type { WriteOptions } from '../formats/format';
import { SIG_SUFFIX } from '../formats/keygrip-session';
import { writeCookie } from '../formats/registry';
import type { CookieInput, FormatId, Problem, Secret, SessionReport } from '../types';
import { diffTyped, type PayloadChange } from './diff';
import { CHUNKED_FORMATS, writeName } from './rewrite';

export interface WritePreviewInput {
  /** The cookie being replaced. */
  report: SessionReport;
  /** The new payload, in the format's payload shape (decode --json `payload`). */
  payload: unknown;
  secret: Secret;
  options: WriteOptions;
  /** The tab's cookies (companions and chunks of the session among them). */
  jar: readonly CookieInput[];
}

export type WritePreview =
  | {
      ok: true;
      cookies: { name: string; value: string }[];
      /** The new main cookie decoded with `secret` (signature must be 'valid' for a normal write). */
      report: SessionReport;
      /** Jar cookies of the old session that the new one no longer uses (e.g. chunk .2 when the new value needs 2). */
      remove: string[];
      changes: PayloadChange[];
    }
  | { ok: false; problem: Problem };

/** Formats whose session has a companion cookie beside it: keygrip's `<name>.sig`. */
const COMPANION_SUFFIXES: Partial<Record<FormatId, string>> = { 'express-cookie-session': SIG_SUFFIX, 'koa-session': SIG_SUFFIX };

/**
 * The cookies `options` write for `payload`, and what the app would make of them: the main cookie decoded with
 * `secret` (and the options' salt) in the tab's jar as it will be, the old session's cookies that must go, and the
 * payload changes against the report.
 */
export async function previewWrite({ report, payload, secret, options, jar }: WritePreviewInput): Promise<WritePreview> {
  const result = await writeCookie(report.format, payload, secret, options);
  if (!result.ok) return result;
  const cookies = result.cookies;
  const writtenNames = new Set(cookies.map((cookie) => cookie.name));
  const old = sessionCookies(report, jar);
  const remove = jar.filter((cookie) => old.has(cookie.name) && !writtenNames.has(cookie.name)).map((cookie) => cookie.name);
  const after = [...cookies, ...jar.filter((cookie) => !old.has(cookie.name) && !writtenNames.has(cookie.name))];
  const decodeOptions = { secrets: [secret], knownSecrets: false, ...(options.salt !== undefined ? { salt: options.salt } : {}) };
  const newReport = await decodeCookie(cookies[0]!, decodeOptions, new Map(after.map((cookie) => [cookie.name, cookie.value])));
  return { ok: true, cookies, report: newReport, remove, changes: diffTyped(report.typed, newReport.typed) };
}

/** The names of the jar cookies that carry the report's session: the cookie, its companion, or every piece of a chunked one. */
function sessionCookies(report: SessionReport, jar: readonly CookieInput[]): Set<string> {
  const suffix = COMPANION_SUFFIXES[report.format];
  const names = new Set([report.name, ...(suffix !== undefined ? [report.name + suffix] : [])]);
  if (CHUNKED_FORMATS.has(report.format)) {
    const base = writeName(report);
    for (const { name } of jar) if (name === base || chunkName(name)?.base === base) names.add(name);
  }
  return names;
}
