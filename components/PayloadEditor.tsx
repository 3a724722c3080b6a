import { useId, useState, type InputHTMLAttributes } from 'react';
import { visibleParts } from '../lib/display/visible-text';
import type { TypedValue } from '../lib/types';
import { FieldError } from './FieldError';
import { truncateText } from './display-text';
import { containerSize } from './typed-value-text';
import {
  convertValue,
  isContainer,
  isEditableType,
  keyNameProblem,
  localInputText,
  newChildValue,
  newKeyName,
  nodeCount,
  parseBase64,
  parseNumber,
  parseUtcDateTime,
  parseUuid,
  keyPathLabel,
  type ContainerValue,
  type EditableType,
  type KeyPath,
  type Parsed,
  type ValueType,
} from './typed-value-edit';
import { ValueNode } from './ValueNode';
import { VisibleText } from './VisibleText';

export interface PayloadEditorProps {
  /** The current edited value (controlled). */
  value: TypedValue;
  /** The types offered in type pickers. */
  types: readonly TypedValue['type'][];
  onChange(value: TypedValue): void;
  /** JSON view conversions (the format's payload text and back). */
  toText(value: TypedValue): string;
  fromText(text: string): { ok: true; value: TypedValue } | { ok: false; message: string };
  /** Accessible name, e.g. "Payload of session". */
  label: string;
}

/** Values the tree renders at most; past that, the JSON view edits the rest (a huge payload must not freeze the popup). */
const NODE_LIMIT = 2000;
/** Characters of a hidden-character hint: enough to find them, bounded for a huge value. */
const HINT_LIMIT = 200;

const TYPE_NAMES: Readonly<Record<ValueType, string>> = {
  null: 'null',
  bool: 'bool',
  number: 'number',
  string: 'string',
  list: 'list',
  tuple: 'tuple',
  dict: 'dict',
  bytes: 'bytes',
  markup: 'Markup',
  uuid: 'UUID',
  datetime: 'datetime',
  object: 'object',
  set: 'set',
};

interface Conversions {
  types: readonly ValueType[];
  toText(value: TypedValue): string;
}

/**
 * A controlled editor of a decoded payload: a tree of typed fields, or its JSON text. Text from cookies only ever
 * lands in input values and React text, never in HTML.
 */
export function PayloadEditor({ value, types, onChange, toText, fromText, label }: PayloadEditorProps) {
  const id = useId();
  const [view, setView] = useState<'tree' | 'json'>('tree');
  const [json, setJson] = useState<JsonDraft>(() => ({ text: '', message: null, refused: false, source: value }));

  // The parent replaced the value (a reset, an undo): the text follows, unless it is the value the text made.
  if (view === 'json' && json.source !== value) {
    setJson(toText(json.source) === toText(value) ? { ...json, source: value } : jsonDraftOf(value, toText));
  }

  function showTree() {
    if (json.message !== null) setJson({ ...json, refused: true });
    else setView('tree');
  }

  function showJson() {
    if (view === 'json') return;
    setJson(jsonDraftOf(value, toText));
    setView('json');
  }

  function editText(text: string) {
    const parsed = fromText(text);
    if (!parsed.ok) {
      setJson({ text, message: parsed.message, refused: false, source: value });
      return;
    }
    setJson({ text, message: null, refused: false, source: parsed.value });
    onChange(parsed.value);
  }

  return (
    <div className="sl-payload-editor" role="group" aria-label={label}>
      <div className="sl-editor-views" role="group" aria-label={`View of ${label}`}>
        <button type="button" className="sl-button sl-button--small" aria-pressed={view === 'tree'} onClick={showTree}>
          Tree
        </button>
        <button type="button" className="sl-button sl-button--small" aria-pressed={view === 'json'} onClick={showJson}>
          JSON
        </button>
      </div>
      {view === 'tree' ? (
        <TreeView value={value} onChange={onChange} conversions={{ types, toText }} label={label} />
      ) : (
        <>
          <textarea
            className="sl-input sl-edit-json"
            aria-label={`${label} as JSON`}
            aria-invalid={json.message !== null}
            aria-describedby={json.message !== null ? `${id}-json-error` : undefined}
            spellCheck={false}
            autoComplete="off"
            rows={Math.min(20, Math.max(4, lineCount(json.text)))}
            value={json.text}
            onChange={(event) => editText(event.target.value)}
          />
          <FieldError id={`${id}-json-error`} message={json.message !== null && json.refused ? `Fix the JSON before going back to the tree: ${json.message}` : json.message} />
        </>
      )}
    </div>
  );
}

interface JsonDraft {
  text: string;
  /** Why the text is not a payload, or null when it is one. */
  message: string | null;
  /** The user asked for the tree while the text was invalid. */
  refused: boolean;
  /** The value the text stands for (the last valid one while the text is invalid). */
  source: TypedValue;
}

function jsonDraftOf(value: TypedValue, toText: (value: TypedValue) => string): JsonDraft {
  return { text: toText(value), message: null, refused: false, source: value };
}

function lineCount(text: string): number {
  let count = 1;
  for (let index = text.indexOf('\n'); index !== -1 && count <= 20; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

function TreeView({ value, onChange, conversions, label }: { value: TypedValue; onChange(value: TypedValue): void; conversions: Conversions; label: string }) {
  if (isContainer(value)) {
    return (
      <div className="sl-edit-tree">
        <ContainerBody path={[]} value={value} onChange={onChange} conversions={conversions} budget={NODE_LIMIT} label={label} />
      </div>
    );
  }
  if (!isEditableType(value.type)) return <ReadOnlyView value={value} />;
  return (
    <div className="sl-edit-row">
      <ValueField value={value} onChange={onChange} label={label} />
    </div>
  );
}

interface ContainerBodyProps {
  path: KeyPath;
  value: ContainerValue;
  onChange(value: TypedValue): void;
  conversions: Conversions;
  /** How many of its descendants may be rendered. */
  budget: number;
  label?: string;
}

/** The children of a dict, list or tuple as rows, and a button to add one. */
function ContainerBody({ path, value, onChange, conversions, budget, label }: ContainerBodyProps) {
  const [addedIndex, setAddedIndex] = useState<number | null>(null);
  const isDict = value.type === 'dict';
  const count = isDict ? value.entries.length : value.items.length;
  const names = isDict ? value.entries.map(([name]) => name) : [];

  function replaceChild(index: number, child: TypedValue) {
    if (value.type === 'dict') onChange({ type: 'dict', entries: value.entries.map((entry, at) => (at === index ? [entry[0], child] : entry)) });
    else onChange({ type: value.type, items: value.items.map((item, at) => (at === index ? child : item)) });
  }

  function renameChild(index: number, name: string) {
    if (value.type === 'dict') onChange({ type: 'dict', entries: value.entries.map((entry, at) => (at === index ? [name, entry[1]] : entry)) });
  }

  function removeChild(index: number) {
    if (value.type === 'dict') onChange({ type: 'dict', entries: value.entries.filter((_, at) => at !== index) });
    else onChange({ type: value.type, items: value.items.filter((_, at) => at !== index) });
  }

  function addChild() {
    const child = newChildValue(conversions.types);
    if (value.type === 'dict') onChange({ type: 'dict', entries: [...value.entries, [newKeyName(names), child]] });
    else onChange({ type: value.type, items: [...value.items, child] });
    setAddedIndex(count);
  }

  const rows = [];
  let remaining = budget;
  for (let index = 0; index < count && remaining > 0; index++) {
    const child = isDict ? value.entries[index]![1] : value.items[index]!;
    const name = isDict ? value.entries[index]![0] : index;
    rows.push(
      <EntryRow
        key={index}
        path={[...path, name]}
        value={child}
        onChange={(changed) => replaceChild(index, changed)}
        onRemove={() => removeChild(index)}
        naming={isDict ? { parse: (text) => parsedKeyName(text, names.filter((_, at) => at !== index)), onRename: (renamed) => renameChild(index, renamed) } : null}
        conversions={conversions}
        budget={remaining}
        autoFocus={index === addedIndex}
      />,
    );
    remaining -= nodeCount(child);
  }
  const hidden = count - rows.length;
  const where = keyPathLabel(path);

  return (
    <>
      {count === 0 && <p className="sl-empty-value">{isDict ? 'No keys' : 'No items'}</p>}
      {rows.length > 0 && (
        <ul className={path.length === 0 ? 'sl-edit-children sl-edit-children--top' : 'sl-edit-children'} aria-label={label}>
          {rows}
        </ul>
      )}
      {hidden > 0 && (
        <p className="sl-hint">
          {hidden === 1 ? '1 more value is' : `${hidden.toLocaleString('en')} more values are`} not shown: the tree shows {NODE_LIMIT.toLocaleString('en')} values at most. Use the JSON view to edit
          them.
        </p>
      )}
      {nodeCount(value) - 1 < budget && (
        <button type="button" className="sl-button sl-button--small sl-edit-add" aria-label={`${isDict ? 'Add key' : 'Add item'} to ${where}`} onClick={addChild}>
          {isDict ? 'Add key' : 'Add item'}
        </button>
      )}
    </>
  );
}

function parsedKeyName(name: string, otherNames: readonly string[]): Parsed<string> {
  const problem = keyNameProblem(name, otherNames);
  return problem === null ? { ok: true, value: name } : { ok: false, message: problem };
}

interface EntryRowProps {
  path: KeyPath;
  value: TypedValue;
  onChange(value: TypedValue): void;
  onRemove(): void;
  /** Dict entries can be renamed; list and tuple items cannot. */
  naming: { parse(text: string): Parsed<string>; onRename(name: string): void } | null;
  conversions: Conversions;
  /** How many values this row and its descendants may render. */
  budget: number;
  /** Just added: take the focus. */
  autoFocus: boolean;
}

/** One key or item: its name, type, value (or children), and a remove button. */
function EntryRow({ path, value, onChange, onRemove, naming, conversions, budget, autoFocus }: EntryRowProps) {
  const name = path[path.length - 1]!;
  const where = keyPathLabel(path);
  return (
    <li className="sl-edit-node">
      <div className="sl-edit-row">
        {naming && typeof name === 'string' ? (
          <DraftInput label={`Name of ${where}`} canonical={name} parse={naming.parse} onValid={naming.onRename} className="sl-input sl-edit-key" autoFocus={autoFocus} />
        ) : (
          <span className="sl-key sl-key--index">[{name}]</span>
        )}
        {isEditableType(value.type) && <TypePicker where={where} value={value} onChange={onChange} conversions={conversions} />}
        {isContainer(value) ? (
          <span className="sl-summary">{containerSize(value)}</span>
        ) : !isEditableType(value.type) ? null : (
          <ValueField value={value} onChange={onChange} label={`Value of ${where}`} autoFocus={autoFocus && !naming} />
        )}
        <button type="button" className="sl-button sl-button--small sl-button--danger" aria-label={`Remove ${where}`} onClick={onRemove}>
          Remove
        </button>
      </div>
      {isContainer(value) && <ContainerBody path={path} value={value} onChange={onChange} conversions={conversions} budget={budget - 1} />}
      {!isEditableType(value.type) && <ReadOnlyView value={value} />}
    </li>
  );
}

function TypePicker({ where, value, onChange, conversions }: { where: string; value: TypedValue; onChange(value: TypedValue): void; conversions: Conversions }) {
  const offered = conversions.types.filter(isEditableType);
  const carried = offered.includes(value.type as EditableType);
  return (
    <select
      className="sl-select sl-edit-type"
      aria-label={`Type of ${where}`}
      value={value.type}
      onChange={(event) => onChange(convertValue(value, event.target.value as EditableType, conversions.toText))}
    >
      {!carried && <option value={value.type}>{TYPE_NAMES[value.type]} (not allowed here)</option>}
      {offered.map((type) => (
        <option key={type} value={type}>
          {TYPE_NAMES[type]}
        </option>
      ))}
    </select>
  );
}

/** The input that fits a scalar's type. */
function ValueField({ value, onChange, label, autoFocus = false }: { value: TypedValue; onChange(value: TypedValue): void; label: string; autoFocus?: boolean }) {
  switch (value.type) {
    case 'string':
    case 'markup':
      return (
        <div className="sl-edit-value">
          <textarea
            className="sl-input sl-edit-text"
            aria-label={label}
            rows={Math.min(6, lineCount(value.value))}
            spellCheck={false}
            autoFocus={autoFocus}
            value={value.value}
            onChange={(event) => onChange({ type: value.type, value: event.target.value })}
          />
          <HiddenCharacters text={value.value} />
        </div>
      );
    case 'number':
      return (
        <DraftInput
          label={label}
          canonical={String(value.value)}
          parse={parseNumber}
          onValid={(number) => onChange({ type: 'number', value: number })}
          className="sl-input sl-input--short"
          inputMode="decimal"
        />
      );
    case 'bool':
      return (
        <label className="sl-edit-bool">
          <input type="checkbox" aria-label={label} checked={value.value} onChange={(event) => onChange({ type: 'bool', value: event.target.checked })} />
          {value.value ? 'true' : 'false'}
        </label>
      );
    case 'null':
      return <span className="sl-value sl-value--null">null</span>;
    case 'datetime':
      return (
        <>
          <DraftInput
            label={`${label} (UTC)`}
            canonical={localInputText(value.value)}
            parse={(text) => mapParsed(parseUtcDateTime(text), localInputText)}
            onValid={(local) => onChange({ type: 'datetime', value: `${local}Z` })}
            className="sl-input sl-input--short"
            type="datetime-local"
            step={1}
          />
          <span className="sl-note">UTC</span>
        </>
      );
    case 'uuid':
      return <DraftInput label={label} canonical={value.value} parse={parseUuid} onValid={(uuid) => onChange({ type: 'uuid', value: uuid })} className="sl-input sl-edit-mono" />;
    case 'bytes':
      return (
        <DraftInput label={`${label} (base64)`} canonical={value.base64} parse={parseBase64} onValid={(base64) => onChange({ type: 'bytes', base64 })} className="sl-input sl-edit-mono" />
      );
    case 'list':
    case 'tuple':
    case 'dict':
    case 'object':
    case 'set':
      return null;
  }
}

function mapParsed<T, U>(parsed: Parsed<T>, map: (value: T) => U): Parsed<U> {
  return parsed.ok ? { ok: true, value: map(parsed.value) } : parsed;
}

interface DraftInputProps<T extends string | number> extends Pick<InputHTMLAttributes<HTMLInputElement>, 'className' | 'inputMode' | 'type' | 'step' | 'autoFocus'> {
  label: string;
  /** The model's value as text (what `String()` makes of a parsed value). */
  canonical: string;
  /** The typed text as a value, or why it is none. */
  parse(text: string): Parsed<T>;
  onValid(value: T): void;
}

/**
 * A text input whose typed text may not be a value yet ("1.", a half-typed UUID): the text stays as typed, a valid
 * text is passed on, an invalid one shows why and changes nothing. A change of the model from elsewhere replaces it.
 */
function DraftInput<T extends string | number>({ label, canonical, parse, onValid, ...input }: DraftInputProps<T>) {
  const errorId = useId();
  const [draft, setDraft] = useState<{ text: string; base: string; message: string | null } | null>(null);
  const shown = draft !== null && draft.base === canonical ? draft : null;

  function change(text: string) {
    const parsed = parse(text);
    if (parsed.ok) {
      setDraft({ text, base: String(parsed.value), message: null });
      onValid(parsed.value);
    } else {
      setDraft({ text, base: canonical, message: parsed.message });
    }
  }

  return (
    <div className="sl-edit-value">
      <input
        {...input}
        aria-label={label}
        aria-invalid={shown?.message ? true : undefined}
        aria-describedby={shown?.message ? errorId : undefined}
        autoComplete="off"
        spellCheck={false}
        value={shown?.text ?? canonical}
        onChange={(event) => change(event.target.value)}
      />
      <FieldError id={errorId} message={shown?.message} />
      <HiddenCharacters text={shown?.text ?? canonical} />
    </div>
  );
}

/** Under a field whose text hides characters (RTL overrides, zero-width spaces): the text with them made visible. */
function HiddenCharacters({ text }: { text: string }) {
  if (!visibleParts(text).some((part) => part.kind === 'escape')) return null;
  const shown = truncateText(text, HINT_LIMIT);
  return (
    <span className="sl-hint sl-edit-hidden">
      Holds hidden characters: <VisibleText text={shown} />
      {shown.length < text.length && '…'}
    </span>
  );
}

/** An object or a set a serializer made (PHP, pickle, Marshal): shown, not edited in the tree. */
function ReadOnlyView({ value }: { value: TypedValue }) {
  return (
    <div className="sl-edit-object">
      <ul className="sl-tree">
        <ValueNode name={null} value={value} depth={1} />
      </ul>
      <p className="sl-hint">Objects and sets are read-only in the tree. The JSON view edits them when this format can write them.</p>
    </div>
  );
}
