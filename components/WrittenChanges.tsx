import { useState } from 'react';
import type { UndoWriteAnswer, WriteConflict, WrittenChange } from '../lib/browser/cookie-write';
import { relativeTime } from '../lib/display/time';
import { FieldError } from './FieldError';
import { LongText } from './LongText';

export interface WrittenChangesProps {
  /** This site's writes that can still be undone, newest first. */
  changes: readonly WrittenChange[];
  /** Unix seconds, for "2 min ago". */
  now: number;
  onUndo(changeId: string, force: boolean): Promise<UndoWriteAnswer>;
  onForget(changeId: string): Promise<void>;
}

/** What an entry shows while or after the user acted on it. */
type EntryState = { busy: true } | { busy: false; conflict?: WriteConflict[]; message?: string };

/**
 * The undo bar: this site's cookie writes, newest first, each with Undo. When the site changed a written cookie since,
 * it says so and lets the user choose: restore the original anyway, or keep the site's cookie.
 */
export function WrittenChanges({ changes, now, onUndo, onForget }: WrittenChangesProps) {
  const [states, setStates] = useState<Record<string, EntryState>>({});
  const [status, setStatus] = useState('');
  const setState = (id: string, state: EntryState) => setStates((current) => ({ ...current, [id]: state }));
  const undo = async (change: WrittenChange, force: boolean) => {
    setState(change.id, { busy: true });
    const answer = await onUndo(change.id, force);
    if (answer.ok) setStatus(`Undone: ${change.label}. The cookies are as they were before the write.`);
    setState(change.id, answer.ok ? { busy: false } : 'conflict' in answer ? { busy: false, conflict: answer.conflict } : { busy: false, message: answer.message });
  };
  const forget = async (change: WrittenChange, why: string) => {
    setState(change.id, { busy: true });
    await onForget(change.id);
    setStatus(why);
    setState(change.id, { busy: false });
  };
  if (changes.length === 0 && !status) return null;
  return (
    <section className="sl-undo-bar" aria-label="Your cookie writes">
      {changes.length > 0 && (
        <ol className="sl-written-list">
          {changes.map((change) => {
            const state = states[change.id] ?? { busy: false };
            const conflict = !state.busy ? state.conflict : undefined;
            return (
              <li key={change.id} className="sl-written">
                <p className="sl-written-what">
                  <LongText text={`${change.label}: ${writeText(change)}`} limit={160} /> {relativeTime(change.at, now)}.
                </p>
                {conflict ? (
                  <div className="sl-written-conflict" role="alert">
                    <p>
                      <strong>The site changed the cookie after your write.</strong> {conflict.map(conflictText).join(' ')} Undo now would replace the
                      site's cookie with your original.
                    </p>
                    <div className="sl-input-row">
                      <button type="button" className="sl-button sl-button--danger" disabled={state.busy} onClick={() => void undo(change, true)}>
                        Restore my original anyway
                      </button>
                      <button type="button" className="sl-button" disabled={state.busy} onClick={() => void forget(change, `Kept the site's cookie: ${change.label} is no longer in the undo list.`)}>
                        Keep the site's
                      </button>
                    </div>
                  </div>
                ) : (
                  <div className="sl-input-row">
                    <button type="button" className="sl-button sl-button--small" disabled={state.busy} aria-label={`Undo: ${change.label}`} onClick={() => void undo(change, false)}>
                      Undo
                    </button>
                    <button type="button" className="sl-button sl-button--small" disabled={state.busy} aria-label={`Keep my change: ${change.label}`} onClick={() => void forget(change, `Kept your change: ${change.label} is no longer in the undo list.`)}>
                      Keep my change
                    </button>
                  </div>
                )}
                {!state.busy && <FieldError message={state.message} />}
              </li>
            );
          })}
        </ol>
      )}
      <p className="sl-written-status" role="status">
        {status}
      </p>
    </section>
  );
}

/** "You wrote session and session.sig", or what was deleted when nothing was written. */
function writeText(change: WrittenChange): string {
  if (change.written.length > 0) return `you wrote ${namesText(change.written)}`;
  return `you deleted ${namesText(change.originals)}`;
}

function namesText(cookies: readonly { name: string }[]): string {
  const names = cookies.map((cookie) => cookie.name);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

function conflictText({ name, current }: WriteConflict): string {
  return current === null ? `It deleted ${name}.` : `It set ${name} to a new value.`;
}
