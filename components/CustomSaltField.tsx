import { useId, useState, type FormEvent } from 'react';
import { FieldError } from './FieldError';
import { LongText } from './LongText';

export interface CustomSaltFieldProps {
  /** The saved salt; undefined = none, only the usual salts are tried. */
  salt: string | undefined;
  onSetSalt(salt: string | undefined): void;
}

/**
 * A site's custom itsdangerous salt (`URLSafeTimedSerializer(key, salt='my-app')`, `session_interface.salt`). Any text
 * is a salt and is kept exactly as typed, spaces included, as itsdangerous uses it. Like the secret key field, it starts
 * empty and names the saved salt below, so a salt is only ever shown as text.
 */
export function CustomSaltField({ salt, onSetSalt }: CustomSaltFieldProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState('');

  function save(event: FormEvent) {
    event.preventDefault();
    if (text === '') {
      setError(salt === undefined ? 'Enter a salt first.' : 'Enter a new salt first, or choose Use default salts to remove the saved one.');
      return;
    }
    setError('');
    setText('');
    onSetSalt(text);
  }

  const spaced = text.trim() !== text;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : '', spaced ? `${id}-spaces` : ''].filter(Boolean).join(' ');

  return (
    <form className="sl-salt" onSubmit={save} noValidate>
      <label htmlFor={`${id}-salt`}>Custom salt</label>
      <div className="sl-input-row">
        <input
          id={`${id}-salt`}
          className="sl-input"
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={text}
          aria-invalid={error !== ''}
          aria-describedby={describedBy}
          onChange={(event) => {
            setText(event.target.value);
            if (error) setError('');
          }}
        />
        <button type="submit" className="sl-button">
          Save salt
        </button>
        {salt !== undefined && (
          <button type="button" className="sl-button" onClick={() => onSetSalt(undefined)}>
            Use default salts
          </button>
        )}
      </div>
      <FieldError id={`${id}-error`} message={error} />
      {spaced && (
        <p id={`${id}-spaces`} className="sl-hint">
          Starts or ends with a space: the salt is used exactly as typed.
        </p>
      )}
      <p id={`${id}-hint`} className="sl-hint">
        {salt === undefined ? (
          'No custom salt'
        ) : (
          <>
            Saved:{' '}
            <code className="sl-code">
              <LongText text={salt} limit={120} quoted />
            </code>
          </>
        )}
        . A custom salt is tried first, before the usual ones (cookie-session, flask-session, itsdangerous, …), and kept for this site only.
      </p>
    </form>
  );
}
