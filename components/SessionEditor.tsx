import { useEffect, useId, useState } from 'react';
import type { SavedSecret } from '../lib/browser/site-settings';
import type { WriteCookiesAnswer } from '../lib/browser/cookie-write';
import { parseJson, isObject } from '../lib/codec/json';
import { readPublicKeyText } from '../lib/crypto/public-key';
import { isoTime } from '../lib/display/time';
import { diffTyped, type PayloadChange } from '../lib/edit/diff';
import { jwtTestToken, type JwtTestVariant } from '../lib/edit/jwt-variants';
import { carriedTypes, editableValue, payloadFromTyped, payloadText, typedFromText } from '../lib/edit/payload-edit';
import { previewWrite } from '../lib/edit/preview';
import { rewriteOptions, verifyingSecret } from '../lib/edit/rewrite';
import type { WriteOptions } from '../lib/formats/format';
import type { CookieInput, FormatId, Problem, SessionReport, SignatureReport, TypedValue } from '../lib/types';
import { FieldError } from './FieldError';
import { localInputText, parseUtcDateTime } from './typed-value-edit';
import { LongText } from './LongText';
import { PayloadChanges } from './PayloadChanges';
import { PayloadEditor } from './PayloadEditor';
import { SignatureBadge } from './SignatureBadge';
import type { WriteRequest } from './useWrittenChanges';
import { WriteNote } from './WriteNote';

/** Sends a write to the browser (through the background) and says how it went. */
export type WriteCookies = (request: WriteRequest) => Promise<WriteCookiesAnswer>;

export interface SessionEditorProps {
  report: SessionReport;
  /** The cookie the report was made from, with its attributes (kept on write). */
  cookie: CookieInput;
  /** Every cookie of the tab: companions and chunks of the session, and the jar the new cookie is decoded in. */
  jar: readonly CookieInput[];
  savedSecrets: readonly SavedSecret[];
  onWrite: WriteCookies;
  onClose(): void;
}

/** Which key signs: a saved secret by its number, or the publicly known one that verified the cookie. */
type KeyChoice = { kind: 'saved'; index: number } | { kind: 'known' };

/** A JWT written as the app would (`signed`) or one of the test tokens for checking your own app's verifier. */
type JwtMode = 'signed' | JwtTestVariant;

const JWT_MODES: { mode: JwtMode; label: string }[] = [
  { mode: 'signed', label: 'Signed with the key (as the app signs)' },
  { mode: 'alg-none', label: 'Test: alg "none", unsigned' },
  { mode: 'public-key-hmac', label: 'Test: HS256 keyed with the public key (algorithm confusion)' },
  { mode: 'empty-signature', label: 'Test: signature removed' },
];

/** Written cookies as one preview: the values, the new cookie decoded with the key, and what changed. */
type Preview =
  | { state: 'busy' }
  | { state: 'ready'; cookies: { name: string; value: string }[]; remove: string[]; signature: SignatureReport; changes: PayloadChange[]; test: boolean }
  | { state: 'failed'; message: string };

/**
 * Edit a decoded session and write it back: the payload (tree or JSON), the key and the signing configuration that
 * verified the cookie, a preview of the new cookie checked by decoding it, then Write through the browser.
 */
export function SessionEditor({ report, cookie, jar, savedSecrets, onWrite, onClose }: SessionEditorProps) {
  const id = useId();
  const [value, setValue] = useState<TypedValue>(() => editableValue(report));
  const [options, setOptions] = useState<WriteOptions>(() => rewriteOptions(report));
  const [key, setKey] = useState<KeyChoice | null>(() => initialKey(report, savedSecrets));
  const [jwtMode, setJwtMode] = useState<JwtMode>('signed');
  const [reload, setReload] = useState(true);
  const [preview, setPreview] = useState<Preview>({ state: 'busy' });
  const [writing, setWriting] = useState<'idle' | 'busy' | { failed: string }>('idle');
  const types = carriedTypes(report.format);
  const secret = key === null ? null : key.kind === 'known' ? verifyingSecret(report, []) : (savedSecrets[key.index]?.secret ?? null);
  const publicKey = savedSecrets.find((saved) => readPublicKeyText(saved.secret) !== null)?.secret;

  useEffect(() => {
    let current = true;
    setPreview({ state: 'busy' });
    void makePreview({ report, jar, value, options, secret, jwtMode, publicKey }).then((next) => {
      if (current) setPreview(next);
    });
    return () => {
      current = false;
    };
  }, [report, jar, value, options, secret, jwtMode, publicKey]);

  async function write() {
    if (preview.state !== 'ready') return;
    setWriting('busy');
    const answer = await onWrite({
      label: `${preview.test ? 'Test token for' : 'Edited'} ${report.name} (${report.label})`,
      originals: originalsOf(report, cookie, jar, preview),
      cookies: preview.cookies,
      remove: preview.remove,
      reload,
    });
    if (answer.ok) onClose();
    else setWriting({ failed: 'message' in answer ? answer.message : 'The browser refused the cookie.' });
  }

  const writable = preview.state === 'ready' && (preview.test || preview.signature.status === 'valid');
  return (
    <section className="sl-editor" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>Edit {report.name}</h4>
      <WriteNote />
      <PayloadEditor
        value={value}
        types={types}
        onChange={setValue}
        toText={(edited) => payloadText(report.format, edited)}
        fromText={(text) => typedFromText(report.format, text)}
        label={`Payload of ${report.name.slice(0, 80)}`}
      />
      {CLAIM_FORMATS.includes(report.format) && <ClaimTimes value={value} onChange={setValue} />}
      <fieldset className="sl-editor-key">
        <legend>Key and signing configuration</legend>
        <KeyPicker report={report} savedSecrets={savedSecrets} choice={key} onChoose={setKey} />
        {report.format === 'jwt' && (
          <label className="sl-field">
            Token
            <select value={jwtMode} onChange={(event) => setJwtMode(event.currentTarget.value as JwtMode)}>
              {JWT_MODES.map(({ mode, label }) => (
                <option key={mode} value={mode} disabled={mode === 'public-key-hmac' && publicKey === undefined}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        )}
        {jwtMode !== 'signed' && (
          <p className="sl-note">
            A test token for your own app: a server that accepts it does not check signatures properly.
            {jwtMode === 'public-key-hmac' && ' It is keyed with the first saved public key.'}
          </p>
        )}
        <OptionFields options={options} onChange={setOptions} />
      </fieldset>
      <PreviewView preview={preview} />
      <div className="sl-editor-actions">
        <label className="sl-check">
          <input type="checkbox" checked={reload} onChange={(event) => setReload(event.currentTarget.checked)} /> Reload the tab after writing
        </label>
        <button type="button" className="sl-button sl-button--primary" disabled={!writable || writing === 'busy'} onClick={() => void write()}>
          Write to the browser
        </button>
        <button type="button" className="sl-button" onClick={onClose}>
          Cancel
        </button>
      </div>
      {typeof writing === 'object' && <FieldError message={`Not written: ${writing.failed}`} />}
    </section>
  );
}

function initialKey(report: SessionReport, savedSecrets: readonly SavedSecret[]): KeyChoice | null {
  if (report.signature.knownSecret !== undefined) return { kind: 'known' };
  const index = report.signature.secretIndex;
  if (index !== undefined && report.signature.attack === undefined && index < savedSecrets.length) return { kind: 'saved', index };
  return savedSecrets.length > 0 ? { kind: 'saved', index: 0 } : null;
}

interface PreviewInput {
  report: SessionReport;
  jar: readonly CookieInput[];
  value: TypedValue;
  options: WriteOptions;
  secret: string | Uint8Array | null;
  jwtMode: JwtMode;
  publicKey: string | undefined;
}

async function makePreview({ report, jar, value, options, secret, jwtMode, publicKey }: PreviewInput): Promise<Preview> {
  const payload = payloadFromTyped(report.format, value);
  if (!payload.ok) return { state: 'failed', message: payload.message };
  if (jwtMode !== 'signed') return testTokenPreview(report, value, payload.payload, jwtMode, publicKey, options.name ?? report.name);
  if (secret === null) return { state: 'failed', message: 'Choose a key: save the app\'s secret key for this site first.' };
  const result = await previewWrite({ report, payload: payload.payload, secret, options, jar });
  if (!result.ok) return { state: 'failed', message: problemWords(result.problem) };
  return { state: 'ready', cookies: result.cookies, remove: result.remove, signature: result.report.signature, changes: result.changes, test: false };
}

async function testTokenPreview(report: SessionReport, value: TypedValue, claims: unknown, mode: JwtTestVariant, publicKey: string | undefined, name: string): Promise<Preview> {
  const header = parseJson(report.facts.header ?? '{}');
  const token = await jwtTestToken(mode, claims, header.ok && isObject(header.json) ? header.json : {}, publicKey);
  if (!token.ok) return { state: 'failed', message: token.message };
  return {
    state: 'ready',
    cookies: [{ name, value: token.token }],
    remove: [],
    signature: { status: 'unverified', detail: 'A test token: it verifies with no key the app should accept.' },
    changes: diffTyped(report.typed, value),
    test: true,
  };
}

function problemWords(problem: Problem): string {
  return problem.code === 'cannot-write' ? `This session cannot be written that way: ${problem.message}` : problem.message;
}

/** The cookies the write replaces: the session's own and its companions and chunks that the jar holds. */
function originalsOf(report: SessionReport, cookie: CookieInput, jar: readonly CookieInput[], preview: Extract<Preview, { state: 'ready' }>): CookieInput[] {
  const touched = new Set([...preview.cookies.map(({ name }) => name), ...preview.remove]);
  const others = jar.filter((other) => other !== cookie && touched.has(other.name) && other.name !== report.name);
  return [cookie, ...others];
}

function KeyPicker({ report, savedSecrets, choice, onChoose }: { report: SessionReport; savedSecrets: readonly SavedSecret[]; choice: KeyChoice | null; onChoose(choice: KeyChoice): void }) {
  const known = report.signature.knownSecret;
  if (savedSecrets.length === 0 && known === undefined) {
    return <p className="sl-note">No key to sign with: save the app&apos;s secret key for this site (below), or find it with a wordlist scan.</p>;
  }
  const current = choice === null ? '' : choice.kind === 'known' ? 'known' : String(choice.index);
  return (
    <label className="sl-field">
      Sign with
      <select value={current} onChange={(event) => onChoose(event.currentTarget.value === 'known' ? { kind: 'known' } : { kind: 'saved', index: Number(event.currentTarget.value) })}>
        {known !== undefined && <option value="known">The publicly known key {known.slice(0, 60)}</option>}
        {savedSecrets.map((_, index) => (
          <option key={index} value={String(index)}>
            Saved secret #{index + 1}
            {report.signature.secretIndex === index && report.signature.status === 'valid' ? ' (verified this cookie)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

type OptionField = { key: keyof WriteOptions; label: string } & ({ kind: 'text' } | { kind: 'time' } | { kind: 'choice'; choices: readonly string[] });

/** The settings a writer takes, shown where the cookie's configuration has them. */
const OPTION_FIELDS: readonly OptionField[] = [
  { key: 'name', label: 'Cookie name', kind: 'text' },
  { key: 'salt', label: 'Salt', kind: 'text' },
  { key: 'keyDerivation', label: 'Key derivation', kind: 'choice', choices: ['django-concat', 'hmac', 'concat', 'none'] },
  { key: 'digest', label: 'Digest', kind: 'choice', choices: ['sha1', 'sha224', 'sha256', 'sha384', 'sha512'] },
  { key: 'kdfDigest', label: 'Key generator digest', kind: 'choice', choices: ['sha1', 'sha256'] },
  { key: 'alg', label: 'Algorithm', kind: 'choice', choices: ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] },
  { key: 'cipher', label: 'Cipher', kind: 'choice', choices: ['aes-256-cbc', 'aes-256-gcm'] },
  { key: 'issuedAt', label: 'Signed at (UTC)', kind: 'time' },
  { key: 'expiresAt', label: 'Expires at (UTC)', kind: 'time' },
];

function OptionFields({ options, onChange }: { options: WriteOptions; onChange(options: WriteOptions): void }) {
  const shown = OPTION_FIELDS.filter(({ key }) => options[key] !== undefined);
  return (
    <div className="sl-editor-options">
      {shown.map((field) => (
        <label key={field.key} className="sl-field">
          {field.label}
          {field.kind === 'time' ? (
            <TimeInput seconds={options[field.key] as number} onChange={(seconds) => onChange({ ...options, [field.key]: seconds })} />
          ) : field.kind === 'choice' ? (
            <select value={String(options[field.key])} onChange={(event) => onChange({ ...options, [field.key]: event.currentTarget.value })}>
              {[...new Set([String(options[field.key]), ...field.choices])].map((choice) => (
                <option key={choice} value={choice}>
                  {choice}
                </option>
              ))}
            </select>
          ) : (
            <input type="text" value={String(options[field.key])} onChange={(event) => onChange({ ...options, [field.key]: event.currentTarget.value })} />
          )}
        </label>
      ))}
    </div>
  );
}

/** A Unix time as a UTC date and time to the second. */
function TimeInput({ seconds, onChange }: { seconds: number; onChange(seconds: number): void }) {
  const iso = isoTime(Math.floor(seconds));
  return (
    <input
      type="datetime-local"
      step={1}
      value={iso ? localInputText(iso) : ''}
      onChange={(event) => {
        const parsed = parseUtcDateTime(event.currentTarget.value);
        if (parsed.ok) onChange(Date.parse(parsed.value) / 1000);
      }}
    />
  );
}

/** Formats whose payload is JWT claims, with their times as NumericDates. */
const CLAIM_FORMATS: readonly FormatId[] = ['jwt', 'authjs'];

const CLAIM_TIMES: readonly { claim: string; label: string }[] = [
  { claim: 'iat', label: 'Issued at, iat (UTC)' },
  { claim: 'nbf', label: 'Not before, nbf (UTC)' },
  { claim: 'exp', label: 'Expires, exp (UTC)' },
];

/** JWT-style time claims inside the payload, as dates. */
function ClaimTimes({ value, onChange }: { value: TypedValue; onChange(value: TypedValue): void }) {
  if (value.type !== 'dict') return null;
  const times = CLAIM_TIMES.flatMap(({ claim, label }) => {
    const entry = value.entries.find(([name]) => name === claim)?.[1];
    return entry?.type === 'number' && Number.isInteger(entry.value) ? [{ claim, label, seconds: entry.value }] : [];
  });
  if (times.length === 0) return null;
  const setClaim = (claim: string, seconds: number) =>
    onChange({ ...value, entries: value.entries.map(([name, entry]) => [name, name === claim ? { type: 'number', value: seconds } : entry]) });
  return (
    <div className="sl-editor-options">
      {times.map(({ claim, label, seconds }) => (
        <label key={claim} className="sl-field">
          {label}
          <TimeInput seconds={seconds} onChange={(next) => setClaim(claim, next)} />
        </label>
      ))}
    </div>
  );
}

function PreviewView({ preview }: { preview: Preview }) {
  const id = useId();
  return (
    <section className="sl-editor-preview" aria-labelledby={`${id}-title`} aria-busy={preview.state === 'busy'}>
      <h5 id={`${id}-title`}>Preview</h5>
      {preview.state === 'busy' && <p className="sl-muted">Signing…</p>}
      {preview.state === 'failed' && <FieldError message={preview.message} />}
      {preview.state === 'ready' && (
        <>
          <p>
            The new cookie, decoded with the chosen key: <SignatureBadge signature={preview.signature} />
          </p>
          {!preview.test && preview.signature.status !== 'valid' && (
            <FieldError message="The written cookie would not verify with this key and configuration: nothing is written until it does." />
          )}
          <ul className="sl-editor-cookies" aria-label="Cookies to write">
            {preview.cookies.map(({ name, value }) => (
              <li key={name}>
                <code className="sl-code">
                  <LongText text={name} limit={80} />=<LongText text={value} limit={200} />
                </code>
              </li>
            ))}
            {preview.remove.map((name) => (
              <li key={`remove-${name}`}>
                Removed: <code className="sl-code">{name}</code>
              </li>
            ))}
          </ul>
          <PayloadChanges changes={preview.changes} />
        </>
      )}
    </section>
  );
}
