import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { PayloadEditor } from '../../components/PayloadEditor';
import type { TypedValue } from '../../lib/types';
import './helpers';

const ALL_TYPES: readonly TypedValue['type'][] = ['null', 'bool', 'number', 'string', 'list', 'tuple', 'dict', 'bytes', 'markup', 'uuid', 'datetime'];
const TAGS = { ' t': 'tuple', ' b': 'bytes', ' m': 'markup', ' u': 'uuid', ' d': 'datetime' } as const;

/** A plain JSON form of a typed value, Flask-like tags for the typed scalars (the real one is lib/edit's). */
function toPlain(value: TypedValue): unknown {
  switch (value.type) {
    case 'null':
      return null;
    case 'bool':
    case 'number':
    case 'string':
      return value.value;
    case 'list':
      return value.items.map(toPlain);
    case 'tuple':
      return { ' t': value.items.map(toPlain) };
    case 'dict':
    case 'object':
      return Object.fromEntries(value.entries.map(([key, child]) => [key, toPlain(child)]));
    case 'bytes':
      return { ' b': value.base64 };
    case 'markup':
      return { ' m': value.value };
    case 'uuid':
      return { ' u': value.value };
    case 'datetime':
      return { ' d': value.value };
  }
}

function fromPlain(plain: unknown): TypedValue {
  if (plain === null) return { type: 'null' };
  if (typeof plain === 'boolean') return { type: 'bool', value: plain };
  if (typeof plain === 'number') return { type: 'number', value: plain };
  if (typeof plain === 'string') return { type: 'string', value: plain };
  if (Array.isArray(plain)) return { type: 'list', items: plain.map(fromPlain) };
  const entries = Object.entries(plain as Record<string, unknown>);
  const [tag, inner] = entries.length === 1 ? entries[0]! : [];
  if (tag === ' t' && Array.isArray(inner)) return { type: 'tuple', items: inner.map(fromPlain) };
  if (tag === ' b' && typeof inner === 'string') return { type: 'bytes', base64: inner };
  if (tag !== undefined && tag in TAGS && typeof inner === 'string') return { type: TAGS[tag as ' m' | ' u' | ' d'], value: inner };
  return { type: 'dict', entries: entries.map(([key, child]) => [key, fromPlain(child)]) };
}

function toText(value: TypedValue): string {
  return JSON.stringify(toPlain(value), null, 2);
}

function fromText(text: string): { ok: true; value: TypedValue } | { ok: false; message: string } {
  try {
    return { ok: true, value: fromPlain(JSON.parse(text)) };
  } catch (error) {
    return { ok: false, message: `Not JSON: ${(error as Error).message}` };
  }
}

const str = (value: string): TypedValue => ({ type: 'string', value });
const dict = (entries: [string, TypedValue][]): TypedValue => ({ type: 'dict', entries });

const SESSION = dict([
  ['user', dict([['name', str('ada')], ['role', str('admin')]])],
  ['tags', { type: 'list', items: [str('a'), str('b')] }],
  ['count', str('5')],
]);

/** The editor with the value kept in state, as the lead's SessionEditor keeps it. */
function renderEditor(initial: TypedValue, types: readonly TypedValue['type'][] = ALL_TYPES) {
  const onChange = vi.fn<(value: TypedValue) => void>();
  function Harness() {
    const [value, setValue] = useState(initial);
    return (
      <div className="sl-app">
        <PayloadEditor
          value={value}
          types={types}
          label="Payload of session"
          toText={toText}
          fromText={fromText}
          onChange={(changed) => {
            onChange(changed);
            setValue(changed);
          }}
        />
      </div>
    );
  }
  const user = userEvent.setup();
  const rendered = render(<Harness />);
  const latest = () => onChange.mock.lastCall?.[0];
  return { ...rendered, user, onChange, latest, plain: () => toPlain(latest()!) };
}

describe('PayloadEditor tree view', () => {
  it('edits a string value in place', async () => {
    const { user, plain } = renderEditor(SESSION);
    const role = screen.getByRole('textbox', { name: 'Value of user.role' });
    expect((role as HTMLTextAreaElement).value).toBe('admin');
    await user.clear(role);
    await user.type(role, 'editor');
    expect(plain()).toEqual({ user: { name: 'ada', role: 'editor' }, tags: ['a', 'b'], count: '5' });
  });

  it('keeps line breaks of a multi-line string', async () => {
    const { user, plain } = renderEditor(dict([['note', str('one\ntwo')]]));
    await user.type(screen.getByRole('textbox', { name: 'Value of note' }), '!');
    expect(plain()).toEqual({ note: 'one\ntwo!' });
  });

  it('renames a key, and its controls follow the new name', async () => {
    const { user, plain } = renderEditor(SESSION);
    const name = screen.getByRole('textbox', { name: 'Name of user.role' });
    await user.clear(name);
    await user.paste('level');
    expect(plain()).toEqual({ user: { name: 'ada', level: 'admin' }, tags: ['a', 'b'], count: '5' });
    expect(screen.getByRole('textbox', { name: 'Value of user.level' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove user.level' })).toBeTruthy();
  });

  it('refuses a duplicate or empty key name, keeps the typed text and the payload', async () => {
    const { user, onChange } = renderEditor(SESSION);
    const name = screen.getByRole('textbox', { name: 'Name of user.role' }) as HTMLInputElement;
    await user.clear(name);
    expect(within(name.parentElement!).getByRole('alert').textContent).toContain('A key needs a name.');
    await user.paste('name');
    expect(name.value).toBe('name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    const alert = within(name.parentElement!).getByRole('alert');
    expect(alert.textContent).toContain('Another key here already has this name.');
    expect(name.getAttribute('aria-describedby')).toBe(alert.id);
    expect(onChange).not.toHaveBeenCalled();
    // A different key may use the name of one in another dict.
    await user.clear(name);
    await user.paste('count');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(toPlain(onChange.mock.lastCall![0])).toMatchObject({ user: { name: 'ada', count: 'admin' }, count: '5' });
  });

  it('adds and removes dict keys, focusing the new key name', async () => {
    const { user, plain } = renderEditor(SESSION);
    await user.click(screen.getByRole('button', { name: 'Add key to user' }));
    const added = screen.getByRole('textbox', { name: 'Name of user.new_key' });
    expect(document.activeElement).toBe(added);
    await user.click(screen.getByRole('button', { name: 'Add key to user' }));
    expect(plain()).toMatchObject({ user: { name: 'ada', role: 'admin', new_key: '', new_key_2: '' } });
    await user.click(screen.getByRole('button', { name: 'Remove user.role' }));
    expect(plain()).toMatchObject({ user: { name: 'ada', new_key: '', new_key_2: '' } });
    expect(Object.keys((plain() as { user: object }).user)).toEqual(['name', 'new_key', 'new_key_2']);
    await user.click(screen.getByRole('button', { name: 'Add key to the top level' }));
    expect(Object.keys(plain() as object)).toEqual(['user', 'tags', 'count', 'new_key']);
  });

  it('adds and removes list items', async () => {
    const { user, plain } = renderEditor(SESSION);
    await user.click(screen.getByRole('button', { name: 'Add item to tags' }));
    const added = screen.getByRole('textbox', { name: 'Value of tags[2]' });
    expect(document.activeElement).toBe(added);
    await user.type(added, 'c');
    expect(plain()).toMatchObject({ tags: ['a', 'b', 'c'] });
    await user.click(screen.getByRole('button', { name: 'Remove tags[0]' }));
    expect(plain()).toMatchObject({ tags: ['b', 'c'] });
    expect((screen.getByRole('textbox', { name: 'Value of tags[0]' }) as HTMLTextAreaElement).value).toBe('b');
  });

  it('offers only the given types', () => {
    renderEditor(SESSION, ['null', 'bool', 'number', 'string', 'list', 'dict']);
    const picker = screen.getByRole('combobox', { name: 'Type of user.role' });
    expect(within(picker).getAllByRole('option').map((option) => option.textContent)).toEqual(['null', 'bool', 'number', 'string', 'list', 'dict']);
  });

  it('shows a type the format cannot carry as not allowed instead of hiding it', () => {
    renderEditor(dict([['raw', { type: 'bytes', base64: 'AA==' }]]), ['string', 'number']);
    const picker = screen.getByRole('combobox', { name: 'Type of raw' }) as HTMLSelectElement;
    expect(picker.value).toBe('bytes');
    expect(picker.selectedOptions[0]!.textContent).toBe('bytes (not allowed here)');
  });

  it('converts a value when its type changes: string to number, number to string, list to tuple', async () => {
    const { user, plain } = renderEditor(SESSION);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type of count' }), 'number');
    expect(plain()).toMatchObject({ count: 5 });
    expect((screen.getByRole('textbox', { name: 'Value of count' }) as HTMLInputElement).value).toBe('5');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Type of user.role' }), 'number');
    expect(plain()).toMatchObject({ user: { role: 0 } });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Type of count' }), 'string');
    expect(plain()).toMatchObject({ count: '5' });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Type of tags' }), 'tuple');
    expect(plain()).toMatchObject({ tags: { ' t': ['a', 'b'] } });
    expect(screen.getByRole('button', { name: 'Add item to tags' })).toBeTruthy();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Type of user' }), 'string');
    expect(JSON.parse((plain() as { user: string }).user)).toEqual({ name: 'ada', role: 0 });
  });

  it('refuses a number that is empty or not a number, keeps a half-typed one', async () => {
    const { user, plain, onChange } = renderEditor(dict([['age', { type: 'number', value: 7 }]]));
    const age = screen.getByRole('textbox', { name: 'Value of age' }) as HTMLInputElement;
    await user.clear(age);
    expect(screen.getByRole('alert').textContent).toContain('Enter a number');
    await user.paste('NaN');
    expect(screen.getByRole('alert').textContent).toContain('Enter a number');
    expect(onChange).not.toHaveBeenCalled();
    await user.clear(age);
    await user.type(age, '-1.');
    expect(age.value).toBe('-1.');
    expect(plain()).toEqual({ age: -1 });
    await user.type(age, '5');
    expect(plain()).toEqual({ age: -1.5 });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('toggles a boolean with a checkbox and shows null as null', async () => {
    const { user, plain } = renderEditor(dict([['admin', { type: 'bool', value: false }], ['gone', { type: 'null' }]]));
    await user.click(screen.getByRole('checkbox', { name: 'Value of admin' }));
    expect(plain()).toEqual({ admin: true, gone: null });
    expect(screen.getByText('null', { selector: '.sl-value--null' })).toBeTruthy();
  });

  it('edits a datetime in UTC and refuses a date that does not exist', async () => {
    const { user, plain, onChange } = renderEditor(dict([['when', { type: 'datetime', value: '2024-01-02T03:04:05Z' }]]));
    const when = screen.getByLabelText('Value of when (UTC)') as HTMLInputElement;
    expect(when.type).toBe('datetime-local');
    expect(when.value).toBe('2024-01-02T03:04:05');
    expect(screen.getByText('UTC', { selector: '.sl-note' })).toBeTruthy();
    // The input itself empties a date that does not exist.
    fireEvent.change(when, { target: { value: '2024-02-30T10:00:00' } });
    expect(screen.getByRole('alert').textContent).toContain('Enter a date and a time.');
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.change(when, { target: { value: '' } });
    expect(screen.getByRole('alert').textContent).toContain('Enter a date and a time.');
    expect(onChange).not.toHaveBeenCalled();
    // Browsers leave the seconds out when they are 0.
    fireEvent.change(when, { target: { value: '2025-06-30T23:59' } });
    expect(plain()).toEqual({ when: { ' d': '2025-06-30T23:59:00Z' } });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type of when' }), 'string');
    expect(plain()).toEqual({ when: '2025-06-30T23:59:00Z' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type of when' }), 'datetime');
    expect(plain()).toEqual({ when: { ' d': '2025-06-30T23:59:00Z' } });
  });

  it('validates a UUID and stores it lowercased', async () => {
    const { user, plain, onChange } = renderEditor(dict([['id', { type: 'uuid', value: '12345678-1234-5678-1234-567812345678' }]]));
    const id = screen.getByRole('textbox', { name: 'Value of id' }) as HTMLInputElement;
    await user.clear(id);
    await user.paste('not-a-uuid');
    expect(screen.getByRole('alert').textContent).toContain('8-4-4-4-12');
    expect(onChange).not.toHaveBeenCalled();
    await user.clear(id);
    await user.paste('ABCDEF01-2345-6789-ABCD-EF0123456789');
    expect(plain()).toEqual({ id: { ' u': 'abcdef01-2345-6789-abcd-ef0123456789' } });
    expect(id.value).toBe('ABCDEF01-2345-6789-ABCD-EF0123456789');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('validates bytes as base64', async () => {
    const { user, plain, onChange } = renderEditor(dict([['raw', { type: 'bytes', base64: 'AP8=' }]]));
    const raw = screen.getByRole('textbox', { name: 'Value of raw (base64)' }) as HTMLInputElement;
    expect(raw.value).toBe('AP8=');
    await user.clear(raw);
    expect(plain()).toEqual({ raw: { ' b': '' } });
    await user.paste('no spaces!');
    expect(screen.getByRole('alert').textContent).toContain('base64');
    expect(onChange).toHaveBeenCalledTimes(1);
    await user.clear(raw);
    await user.paste('aGVsbG8');
    expect(plain()).toEqual({ raw: { ' b': 'aGVsbG8=' } });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type of raw' }), 'string');
    expect(plain()).toEqual({ raw: 'hello' });
  });

  it('edits a top-level string (an id, a remember token) as one text field', async () => {
    const { user, latest } = renderEditor(str('abc123'));
    const field = screen.getByRole('textbox', { name: 'Payload of session' });
    await user.type(field, '4');
    expect(latest()).toEqual(str('abc1234'));
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
  });

  it('shows objects read-only, with a note', () => {
    const cart: TypedValue = { type: 'object', className: 'App\\CartLine', entries: [['sku', str('A-1')]] };
    renderEditor(dict([['cart', cart], ['user', str('ada')]]));
    expect(screen.getByText('App\\CartLine', { selector: '.sl-tag' })).toBeTruthy();
    expect(screen.getByText(/read-only in the tree/)).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: /cart\.sku/ })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Type of cart' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Remove cart' })).toBeTruthy();
  });

  it('renders at most 2,000 values and points to the JSON view for the rest', () => {
    const items = Array.from({ length: 2100 }, (): TypedValue => ({ type: 'null' }));
    const { container } = renderEditor(dict([['big', { type: 'list', items }]]), ['null']);
    // The dict row `big` is one of the 2,000: 1,999 of its items fit.
    expect(container.querySelectorAll('button[aria-label^="Remove big["]')).toHaveLength(1999);
    expect(container.querySelector('button[aria-label="Remove big[1998]"]')).not.toBeNull();
    expect(container.querySelector('button[aria-label="Remove big[1999]"]')).toBeNull();
    expect(screen.getByText(/101 more values are not shown/).textContent).toContain('JSON view');
    expect(screen.queryByRole('button', { name: 'Add item to big' })).toBeNull();
  });
});

describe('PayloadEditor JSON view', () => {
  it('shows the text, passes valid edits on, refuses invalid ones inline and keeps the text', async () => {
    const { user, onChange, plain } = renderEditor(SESSION);
    await user.click(screen.getByRole('button', { name: 'JSON' }));
    expect(screen.getByRole('button', { name: 'JSON' }).getAttribute('aria-pressed')).toBe('true');
    const text = screen.getByRole('textbox', { name: 'Payload of session as JSON' }) as HTMLTextAreaElement;
    expect(text.value).toBe(toText(SESSION));

    fireEvent.change(text, { target: { value: '{"user": {"name": "bob"}, "tags": [' } });
    expect(onChange).not.toHaveBeenCalled();
    expect(text.value).toBe('{"user": {"name": "bob"}, "tags": [');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Not JSON');
    expect(text.getAttribute('aria-describedby')).toBe(alert.id);
    expect(text.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(text, { target: { value: '{"user": {"name": "bob"}, "tags": [{" t": [1]}]}' } });
    expect(plain()).toEqual({ user: { name: 'bob' }, tags: [{ ' t': [1] }] });
    expect(text.value).toBe('{"user": {"name": "bob"}, "tags": [{" t": [1]}]}');
    expect(screen.queryByRole('alert')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Tree' }));
    expect((screen.getByRole('textbox', { name: 'Value of user.name' }) as HTMLTextAreaElement).value).toBe('bob');
    expect(screen.getByRole('combobox', { name: 'Type of tags[0]' })).toHaveProperty('value', 'tuple');
  });

  it('refuses to go back to the tree while the text is invalid', async () => {
    const { user } = renderEditor(SESSION);
    await user.click(screen.getByRole('button', { name: 'JSON' }));
    const text = screen.getByRole('textbox', { name: 'Payload of session as JSON' });
    fireEvent.change(text, { target: { value: '{oops' } });
    await user.click(screen.getByRole('button', { name: 'Tree' }));
    expect(screen.getByRole('alert').textContent).toContain('Fix the JSON before going back to the tree');
    expect(screen.getByRole('textbox', { name: 'Payload of session as JSON' })).toHaveProperty('value', '{oops');
    expect(screen.queryByRole('textbox', { name: 'Value of user.name' })).toBeNull();
    fireEvent.change(text, { target: { value: '{"fixed": true}' } });
    await user.click(screen.getByRole('button', { name: 'Tree' }));
    expect(screen.getByRole('checkbox', { name: 'Value of fixed' })).toHaveProperty('checked', true);
  });

  it('follows a value the parent replaces while the text is shown', async () => {
    const onChange = vi.fn();
    const props = { types: ALL_TYPES, label: 'Payload of session', toText, fromText, onChange };
    const user = userEvent.setup();
    const { rerender } = render(<PayloadEditor value={SESSION} {...props} />);
    await user.click(screen.getByRole('button', { name: 'JSON' }));
    const reset = dict([['reset', str('yes')]]);
    rerender(<PayloadEditor value={reset} {...props} />);
    expect(screen.getByRole('textbox', { name: 'Payload of session as JSON' })).toHaveProperty('value', toText(reset));
  });
});

describe('PayloadEditor safety and accessibility', () => {
  const HOSTILE_KEY = '<img src=x onerror=alert(1)>';
  const RTL_VALUE = '<img src=y onerror=alert(2)>user\u202Egpj.exe';

  it('keeps hostile keys and values as text, and makes hidden characters visible', async () => {
    const { user, container } = renderEditor(dict([[HOSTILE_KEY, str(RTL_VALUE)], ['list', { type: 'list', items: [str('<script>alert(1)</script>')] }]]));
    expect(container.querySelector('img, script')).toBeNull();
    const key = screen.getByRole('textbox', { name: `Name of ${HOSTILE_KEY}` }) as HTMLInputElement;
    expect(key.value).toBe(HOSTILE_KEY);
    const value = screen.getByRole('textbox', { name: `Value of ${HOSTILE_KEY}` }) as HTMLTextAreaElement;
    expect(value.value).toBe(RTL_VALUE);
    const hint = within(value.parentElement!).getByText(/Holds hidden characters/);
    expect(hint.textContent).toContain('<img src=y onerror=alert(2)>user\\u202Egpj.exe');
    expect(hint.textContent).not.toContain('\u202E');
    expect((screen.getByRole('textbox', { name: 'Value of list[0]' }) as HTMLTextAreaElement).value).toBe('<script>alert(1)</script>');

    await user.click(screen.getByRole('button', { name: 'JSON' }));
    expect(container.querySelector('img, script')).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Payload of session as JSON' })).toHaveProperty('value', toText(dict([[HOSTILE_KEY, str(RTL_VALUE)], ['list', { type: 'list', items: [str('<script>alert(1)</script>')] }]])));
  });

  it('names every control by its key path', () => {
    renderEditor(SESSION);
    for (const [role, name] of [
      ['textbox', 'Name of user.role'],
      ['combobox', 'Type of user.role'],
      ['textbox', 'Value of user.role'],
      ['button', 'Remove user.role'],
      ['button', 'Add key to user'],
      ['textbox', 'Value of tags[1]'],
      ['button', 'Remove tags[1]'],
      ['button', 'Add item to tags'],
    ] as const) {
      expect(screen.getByRole(role, { name })).toBeTruthy();
    }
    for (const control of document.querySelectorAll('input, select, textarea, button')) {
      expect(control.getAttribute('aria-label') ?? control.textContent).not.toBe('');
    }
  });

  it('reaches every control with Tab, in reading order', async () => {
    const { user, container } = renderEditor(SESSION);
    const controls = [...container.querySelectorAll('input, select, textarea, button')];
    const reached: Element[] = [];
    for (let step = 0; step < controls.length; step++) {
      await user.tab();
      reached.push(document.activeElement!);
    }
    expect(reached).toEqual(controls);
  });
});
