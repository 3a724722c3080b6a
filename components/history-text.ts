import { durationText, isoTime, localTime } from '../lib/display/time';
import type { PayloadChange } from '../lib/edit/diff';
import type { HistoryEvent, HistoryKind, HistoryVerdict } from '../lib/history/events';
import type { ExportedEvent } from '../lib/history/export';
import type { CookieInput } from '../lib/types';
import { SAME_SITE } from './CookieFlags';
import { CHANGE_WORD, pathText, valueWithType } from './typed-value-text';

export const KIND_TEXT: Record<HistoryKind, string> = {
  created: 'Created',
  changed: 'Changed',
  're-signed': 'Re-signed',
  removed: 'Removed',
  expired: 'Expired',
};

export const VERDICT_TEXT: Record<HistoryVerdict, string> = {
  valid: 'Valid signature',
  'known-key': 'Valid — publicly known key',
  invalid: 'Invalid signature',
  unverified: 'Not verified',
  unsigned: 'Unsigned',
};

/** The signature verdict before → after ("Valid signature → Invalid signature"), or the one there is, once when alike. */
export function verdictText(event: HistoryEvent): string {
  const verdicts = [event.before?.verdict, event.after?.verdict].filter((verdict) => verdict !== undefined);
  return [...new Set(verdicts)].map((verdict) => VERDICT_TEXT[verdict]).join(' → ');
}

/** "Nov 30, 2026, 3:04:05 PM → Nov 30, 2026, 3:14:05 PM (10 min later)", or null when it did not move. */
export function expiryChange(event: HistoryEvent): string | null {
  const before = event.before?.expiresAt ?? null;
  const after = event.after?.expiresAt ?? null;
  if (!event.before || !event.after || before === after) return null;
  const moved = before !== null && after !== null ? ` (${durationText(after - before)} ${after > before ? 'later' : 'earlier'})` : '';
  return `${expiryText(before)} → ${expiryText(after)}${moved}`;
}

function expiryText(seconds: number | null): string {
  return seconds === null ? 'none' : localTime(seconds);
}

/** "METHOD URL → status". */
export function requestText(request: { method: string; url: string; status: number }): string {
  return `${request.method} ${request.url} → ${request.status}`;
}

/** A Set-Cookie header's attributes in words: "HttpOnly · SameSite=Lax · Path=/ · until the browser closes". */
export function setCookieAttributesText(cookie: CookieInput, deletes: boolean): string {
  const lifetime = deletes ? 'already expired: deletes the cookie' : cookie.expirationDate === undefined ? 'until the browser closes' : `expires ${localTime(cookie.expirationDate)}`;
  return [
    cookie.httpOnly && 'HttpOnly',
    cookie.secure && 'Secure',
    cookie.sameSite && SAME_SITE[cookie.sameSite],
    cookie.domain !== undefined && `Domain=${cookie.domain}`,
    cookie.path !== undefined && `Path=${cookie.path}`,
    lifetime,
  ]
    .filter(Boolean)
    .join(' · ');
}

function changeLine(change: PayloadChange): string {
  const values = [change.before && valueWithType(change.before), change.after && valueWithType(change.after)].filter(Boolean).join(' → ');
  return `${CHANGE_WORD[change.kind]} ${inlineCode(pathText(change.path))}${values ? `: ${values}` : ''}`;
}

/** Text as a Markdown code span on one line, fenced by more backticks than it holds in a row. */
function inlineCode(text: string): string {
  const oneLine = text.replace(/\r?\n/g, ' ');
  const fence = '`'.repeat(Math.max(0, ...[...oneLine.matchAll(/`+/g)].map((run) => run[0].length)) + 1);
  return `${fence} ${oneLine} ${fence}`;
}

/** The history as Markdown: one section per cookie, its events newest first, each with its diff. */
export function historyMarkdown(site: string, events: readonly ExportedEvent[], redacted: boolean): string {
  const lines = [`# Session history of ${site}`, '', redacted ? 'Raw cookie values, signatures and Set-Cookie values are redacted.' : 'Raw cookie values are included.'];
  for (const [cookie, entries] of byCookie(events)) {
    lines.push('', `## ${cookie} (${entries[0]!.label})`, '');
    for (const event of entries) {
      const when = isoTime(Math.floor(event.at / 1000)) ?? String(event.at);
      lines.push(`- ${when} **${KIND_TEXT[event.kind]}**${event.bySessionLens ? ' (written by Session Lens)' : ''}${event.request ? ` by ${requestText(event.request)}` : ''}`);
      for (const change of event.changes) lines.push(`  - ${changeLine(change)}`);
      if (event.kind === 're-signed') lines.push('  - Same payload, new signature or time');
      lines.push(`  - Signature: ${verdictText(event)}`);
      const expiry = expiryChange(event);
      if (expiry) lines.push(`  - Expiry: ${expiry}`);
      if (event.before) lines.push(`  - Value before: ${inlineCode(event.before.value)}`);
      if (event.after) lines.push(`  - Value after: ${inlineCode(event.after.value)}`);
      for (const header of event.request?.setCookie ?? []) lines.push(`  - Set-Cookie: ${inlineCode(header)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Events grouped by cookie, the group with the newest event first; within a group, newest first (as given). */
export function byCookie<T extends HistoryEvent>(events: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const event of events) groups.set(event.cookie, [...(groups.get(event.cookie) ?? []), event]);
  return [...groups];
}
