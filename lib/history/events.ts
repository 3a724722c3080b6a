// What happened to a tab's session cookies between two readings of its jar: pure, so the background records it and
// the tests check it the same way.
import { diffTyped, type PayloadChange } from '../edit/diff';
import type { CookieInput, FormatId, SessionReport, TypedValue } from '../types';

/**
 * created / removed: the cookie appeared or went (a site deletes one by setting it expired: that is removed);
 * changed: a different payload (or one that cannot be read); re-signed: the same payload under a new signature or
 * time; expired: the browser dropped it when its own expiry passed.
 */
export type HistoryKind = 'created' | 'changed' | 're-signed' | 'removed' | 'expired';

/** A signature verdict as the history shows it: `known-key` is valid, with a publicly known key (forgeable). */
export type HistoryVerdict = 'valid' | 'known-key' | 'invalid' | 'unverified' | 'unsigned';

/** One session cookie at one reading: what the history compares and keeps. */
export interface CookieState {
  name: string;
  value: string;
  format: FormatId;
  label: string;
  typed?: TypedValue;
  verdict: HistoryVerdict;
  /** Unix seconds the session stops being valid (the server's expiry, else the cookie's), or null. */
  expiresAt: number | null;
}

export interface HistoryEvent {
  id: string;
  /** Unix milliseconds the change was seen. */
  at: number;
  /** The site (origin) the tab showed. */
  site: string;
  cookie: string;
  kind: HistoryKind;
  format: FormatId;
  label: string;
  changes: PayloadChange[];
  before: { value: string; verdict: HistoryVerdict; expiresAt: number | null } | null;
  after: { value: string; verdict: HistoryVerdict; expiresAt: number | null } | null;
  /** Written by Session Lens itself (an edit written back, or an undo). */
  bySessionLens?: boolean;
}

/** What the browser said about removals seen since the last reading, and which changes Session Lens made. */
export interface ChangeContext {
  at: number;
  site: string;
  /** Names of cookies the browser dropped because their expiry passed (not deleted by the site). */
  expired: ReadonlySet<string>;
  /** Whether Session Lens wrote this cookie with this value (null: deleted it). */
  ownWrite(name: string, value: string | null): boolean;
  newId(): string;
}

/** The session cookies of one jar with their reports (same order), as the history keeps them. */
export function sessionStates(cookies: readonly CookieInput[], reports: readonly SessionReport[]): CookieState[] {
  return reports.flatMap((report, index) => {
    const cookie = cookies[index];
    if (!report.isSession || !cookie) return [];
    return [
      {
        name: cookie.name,
        value: cookie.value,
        format: report.format,
        label: report.label,
        ...(report.typed ? { typed: report.typed } : {}),
        verdict: verdictOf(report),
        expiresAt: report.expiresAt ?? report.cookieExpiresAt,
      },
    ];
  });
}

function verdictOf(report: SessionReport): HistoryVerdict {
  return report.signature.status === 'valid' && report.signature.knownSecret !== undefined ? 'known-key' : report.signature.status;
}

/** Every change from one reading of the jar to the next, one event per cookie that changed, in jar order. */
export function historyEvents(before: readonly CookieState[], after: readonly CookieState[], context: ChangeContext): HistoryEvent[] {
  const previous = new Map(before.map((state) => [state.name, state]));
  const next = new Map(after.map((state) => [state.name, state]));
  const events: HistoryEvent[] = [];
  for (const state of after) {
    const old = previous.get(state.name);
    if (!old) events.push(event('created', undefined, state, context));
    else if (old.value !== state.value || old.expiresAt !== state.expiresAt) events.push(event(changeKind(old, state), old, state, context));
  }
  for (const state of before) {
    if (!next.has(state.name)) events.push(event(context.expired.has(state.name) ? 'expired' : 'removed', state, undefined, context));
  }
  return events;
}

/** A payload that reads the same under a new value was re-signed; one that cannot be read counts as changed. */
function changeKind(before: CookieState, after: CookieState): HistoryKind {
  const readable = before.typed !== undefined && after.typed !== undefined;
  return readable && before.value !== after.value && diffTyped(before.typed, after.typed).length === 0 ? 're-signed' : 'changed';
}

function event(kind: HistoryKind, before: CookieState | undefined, after: CookieState | undefined, context: ChangeContext): HistoryEvent {
  const current = (after ?? before)!;
  const own = context.ownWrite(current.name, after ? after.value : null);
  return {
    id: context.newId(),
    at: context.at,
    site: context.site,
    cookie: current.name,
    kind,
    format: current.format,
    label: current.label,
    changes: diffTyped(before?.typed ?? emptyLike(after?.typed), after?.typed ?? emptyLike(before?.typed)),
    before: before ? sideOf(before) : null,
    after: after ? sideOf(after) : null,
    ...(own ? { bySessionLens: true } : {}),
  };
}

/** A new or deleted session shows its keys one by one, as added to or removed from an empty one. */
function emptyLike(typed: TypedValue | undefined): TypedValue | undefined {
  return typed?.type === 'dict' ? { type: 'dict', entries: [] } : undefined;
}

function sideOf(state: CookieState): NonNullable<HistoryEvent['before']> {
  return { value: state.value, verdict: state.verdict, expiresAt: state.expiresAt };
}
