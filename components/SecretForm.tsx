import { useId, useState, type ClipboardEvent, type FormEvent } from 'react';
import { secretsFromKeyText } from '../lib/crypto/key-file';
import type { SavedSecret, SecretPlace } from '../lib/browser/site-settings';
import type { FormatId } from '../lib/types';
import { SavedSecrets } from './SavedSecrets';
import { FieldError } from './FieldError';
import { SessionLifetimeField } from './SessionLifetimeField';
import { CustomSaltField } from './CustomSaltField';
import { keyForms, keyProblem, keySetting } from './framework-advice';

/** The formats signed in itsdangerous' scheme, whose verification tries the site's custom salt first. */
export const SALTED_FORMATS: ReadonlySet<FormatId> = new Set(['flask', 'itsdangerous', 'flask-session-id']);

export interface SecretFormProps {
  /** The site (origin) the secrets belong to. */
  site: string;
  secrets: readonly SavedSecret[];
  /** In a private window a new secret stays in memory unless the user ticks "Keep on this device". */
  privateTab: boolean;
  maxAge: number | undefined;
  /** The site's custom itsdangerous salt; undefined = none. */
  salt: string | undefined;
  /** The session's format: what key it needs and in which forms, the lifetime hint, whether a salt applies. */
  format?: FormatId;
  onAddSecret(secret: string, kept: SecretPlace): void;
  onRemoveSecret(index: number): void;
  onSetMaxAge(seconds: number | undefined): void;
  onSetSalt(salt: string | undefined): void;
}

/**
 * Add a site's secret key (kept exactly as typed; in a private window in memory unless the user keeps it), see the
 * saved ones masked, set the session lifetime and, for itsdangerous-signed formats, a custom salt. Pasted text of
 * several lines is a key file, read as `--secret-file` reads one (lib/crypto/key-file.ts): a PEM block or a JWK is one
 * key, a JWK Set one key per entry, other text one key per line; its keys are added at once, as a one-line field would
 * join a PEM's lines.
 */
export function SecretForm({ site, secrets, privateTab, maxAge, salt, format, onAddSecret, onRemoveSecret, onSetMaxAge, onSetSalt }: SecretFormProps) {
  const id = useId();
  const [secret, setSecret] = useState('');
  const [keep, setKeep] = useState(false);
  const [shown, setShown] = useState(false);
  const [error, setError] = useState('');
  const [pasted, setPasted] = useState('');
  /** The typed key whose problem for this format was shown: adding it again keeps it (it may serve another cookie of the site). */
  const [warnedKey, setWarnedKey] = useState<string | null>(null);
  const place: SecretPlace = privateTab && !keep ? 'memory' : 'device';

  function add(event: FormEvent) {
    event.preventDefault();
    if (secret === '') {
      setError('Enter a secret key first.');
      return;
    }
    const existing = secrets.findIndex((saved) => saved.secret === secret);
    if (existing !== -1) {
      setError(`This secret key is already saved as #${existing + 1}.`);
      return;
    }
    const problem = format === undefined ? null : keyProblem(format, secret);
    if (problem !== null && warnedKey !== secret) {
      setWarnedKey(secret);
      setError(`${problem} Press Add again to save it anyway.`);
      return;
    }
    setError('');
    setPasted('');
    setSecret('');
    setWarnedKey(null);
    onAddSecret(secret, place);
  }

  function pasteKeyFile(event: ClipboardEvent<HTMLInputElement>) {
    const text = event.clipboardData.getData('text/plain');
    if (!/[\r\n]/.test(text.trim())) return;
    event.preventDefault();
    const read = secretsFromKeyText(text);
    if (!read.ok) {
      setPasted('');
      setError(`The pasted text is not a key: ${read.reason}.`);
      return;
    }
    const fresh = [...new Set(read.secrets)].filter((key) => !secrets.some((saved) => saved.secret === key));
    setError('');
    setPasted(pastedText(read.secrets.length, fresh.length));
    for (const key of fresh) onAddSecret(key, place);
  }

  const spaced = secret !== '' && secret.trim() !== secret;
  const describedBy = [format ? `${id}-key` : '', `${id}-note`, error ? `${id}-error` : '', spaced ? `${id}-spaces` : ''].filter(Boolean).join(' ');

  return (
    <div className="sl-secret-form">
      <form onSubmit={add} noValidate>
        <label htmlFor={`${id}-secret`}>Add secret key</label>
        {format !== undefined && <KeyHint id={`${id}-key`} format={format} />}
        <div className="sl-input-row">
          <input
            id={`${id}-secret`}
            className="sl-input"
            type={shown ? 'text' : 'password'}
            autoComplete="off"
            spellCheck={false}
            value={secret}
            aria-invalid={error !== ''}
            aria-describedby={describedBy}
            onPaste={pasteKeyFile}
            onChange={(event) => {
              setSecret(event.target.value);
              if (error) setError('');
              if (pasted) setPasted('');
            }}
          />
          <button type="button" className="sl-button" aria-pressed={shown} aria-label={shown ? 'Hide secret key' : 'Show secret key'} onClick={() => setShown(!shown)}>
            {shown ? 'Hide' : 'Show'}
          </button>
          <button type="submit" className="sl-button sl-button--primary">
            Add
          </button>
        </div>
        <FieldError id={`${id}-error`} message={error} />
        {pasted && (
          <p className="sl-hint" role="status">
            {pasted}
          </p>
        )}
        {privateTab && (
          <label className="sl-check">
            <input type="checkbox" checked={keep} onChange={(event) => setKeep(event.target.checked)} /> Keep on this device
          </label>
        )}
        {spaced && (
          <p id={`${id}-spaces`} className="sl-hint">
            Starts or ends with a space: secret keys are used exactly as typed.
          </p>
        )}
      </form>
      <SavedSecrets secrets={secrets} onRemove={onRemoveSecret} />
      <p id={`${id}-note`} className="sl-hint">
        {privateTab
          ? `Private window: secret keys you add for ${site} stay in memory until the browser closes, unless you tick Keep on this device; never synced or sent anywhere.`
          : `Stored only in this browser's extension storage for ${site}; never synced or sent anywhere.`}
      </p>
      <SessionLifetimeField key={String(maxAge)} maxAge={maxAge} onSetMaxAge={onSetMaxAge} format={format} />
      {format !== undefined && SALTED_FORMATS.has(format) && <CustomSaltField salt={salt} onSetSalt={onSetSalt} />}
    </div>
  );
}

/** What key this format needs and the forms the field takes for it. */
function KeyHint({ id, format }: { id: string; format: FormatId }) {
  const forms = keyForms(format);
  return (
    <p id={id} className="sl-hint">
      Key: {keySetting(format)}
      {forms ? `; ${forms}` : ''}.
    </p>
  );
}

function pastedText(found: number, added: number): string {
  const keys = (count: number) => (count === 1 ? '1 key' : `${count} keys`);
  if (added === found) return `Added ${keys(added)} from the pasted text.`;
  return `The pasted text holds ${keys(found)}: added ${keys(added)}, the others are already saved.`;
}
