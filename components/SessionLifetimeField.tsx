import { useId, useState, type FormEvent } from 'react';
import type { FormatId } from '../lib/types';
import { defaultLifetimeText } from './framework-advice';
import { durationText } from '../lib/display/time';
import { FieldError } from './FieldError';

type Unit = 'seconds' | 'hours' | 'days';
const UNIT_SECONDS: Readonly<Record<Unit, number>> = { seconds: 1, hours: 3600, days: 86400 };

function initialUnit(maxAge: number | undefined): Unit {
  if (maxAge === undefined || maxAge % 3600 !== 0) return maxAge !== undefined ? 'seconds' : 'days';
  return maxAge % 86400 === 0 ? 'days' : 'hours';
}

export interface SessionLifetimeFieldProps {
  /** The saved lifetime in seconds; undefined = the framework's default. */
  maxAge: number | undefined;
  onSetMaxAge(seconds: number | undefined): void;
  /** The session's format, for the "blank = default" hint. */
  format?: FormatId;
}

/**
 * The server-side session lifetime for a site (Flask PERMANENT_SESSION_LIFETIME), in seconds, hours
 * or days; blank means the framework's default. Give it `key={maxAge}` to show a new saved value.
 */
export function SessionLifetimeField({ maxAge, onSetMaxAge, format }: SessionLifetimeFieldProps) {
  const id = useId();
  const [unit, setUnit] = useState<Unit>(() => initialUnit(maxAge));
  const [text, setText] = useState(() => (maxAge === undefined ? '' : String(maxAge / UNIT_SECONDS[initialUnit(maxAge)])));
  const [error, setError] = useState('');

  function save(event: FormEvent) {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed === '') {
      setError('');
      onSetMaxAge(undefined);
      return;
    }
    const amount = /^\d+(?:\.\d+)?$/.test(trimmed) ? Number(trimmed) : NaN;
    const seconds = Math.round(amount * UNIT_SECONDS[unit]);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      setError(`Enter a positive number of ${unit}, or leave it blank for the framework's default.`);
      return;
    }
    setError('');
    onSetMaxAge(seconds);
  }

  return (
    <form className="sl-lifetime" onSubmit={save} noValidate>
      <label htmlFor={`${id}-amount`}>Session lifetime</label>
      <div className="sl-input-row">
        <input
          id={`${id}-amount`}
          className="sl-input sl-input--short"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          placeholder="default"
          value={text}
          aria-invalid={error !== ''}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(event) => setText(event.target.value)}
        />
        <select aria-label="Lifetime unit" className="sl-select" value={unit} onChange={(event) => setUnit(event.target.value as Unit)}>
          <option value="seconds">seconds</option>
          <option value="hours">hours</option>
          <option value="days">days</option>
        </select>
        <button type="submit" className="sl-button">
          Save lifetime
        </button>
        {maxAge !== undefined && (
          <button type="button" className="sl-button" onClick={() => onSetMaxAge(undefined)}>
            Use default
          </button>
        )}
      </div>
      <FieldError id={`${id}-error`} message={error} />
      <p id={`${id}-hint`} className="sl-hint">
        {maxAge === undefined ? 'Using the framework default' : `Saved: ${durationText(maxAge)} (${maxAge.toLocaleString('en')} s)`}. Leave blank for the default ({defaultLifetimeText(format)}).
      </p>
    </form>
  );
}
