import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ValueTree } from '../../components/ValueTree';
import type { TypedValue } from '../../lib/types';
import { decodeCase } from './helpers';
import { loadFixtures } from '../fixtures';

async function typedOf(id: string): Promise<TypedValue> {
  const { report } = await decodeCase(id);
  if (!report.typed) throw new Error(`${id} has nothing typed`);
  return report.typed;
}

/** The list item of a key in the tree. */
function node(key: string): HTMLElement {
  const keyElement = screen.getAllByText(key, { selector: '.sl-key bdi' })[0]!;
  return keyElement.closest('li')!;
}

describe('ValueTree', () => {
  it('shows Flask tagged types as tags: tuple, bytes, datetime, UUID, Markup', async () => {
    render(<ValueTree value={await typedOf('flask-tagged-types')} format="flask" />);
    const tree = screen.getByRole('list', { name: 'Session contents' });

    expect(within(node('tuple')).getAllByText('tuple', { selector: '.sl-tag' })).toHaveLength(1);
    expect(node('tuple').textContent).toContain('3 items');
    expect(within(node('tuple')).getByText('two', { selector: 'bdi' }).closest('.sl-value--string')).not.toBeNull();
    expect(within(node('tuple')).getByText('3.5')).toBeTruthy();

    const bytes = node('bytes');
    expect(within(bytes).getByText('bytes', { selector: '.sl-tag' })).toBeTruthy();
    expect(bytes.textContent).toContain("b'\\x00\\xff\\xfebinary\\x80'");
    expect(bytes.textContent).toContain('(10 bytes)');
    expect(node('utf8_bytes').textContent).toContain("b'h\\xc3\\xa9llo'");

    const when = node('when');
    expect(within(when).getByText('datetime', { selector: '.sl-tag' })).toBeTruthy();
    expect(within(when).getByText('2024-01-02T03:04:05Z')).toBeTruthy();
    expect(when.textContent).toContain('local time');

    const uuid = node('uuid');
    expect(within(uuid).getByText('UUID', { selector: '.sl-tag' })).toBeTruthy();
    expect(within(uuid).getByText('12345678-1234-5678-1234-567812345678')).toBeTruthy();

    const markup = node('markup');
    expect(within(markup).getByText('Markup', { selector: '.sl-tag' })).toBeTruthy();
    expect(within(markup).getByText('<b>bold</b> &amp; safe')).toBeTruthy();
    expect(tree.querySelector('b')).toBeNull();

    // A nested tuple inside a list keeps its tag; an escaped " t" key stays a plain dict key.
    expect(within(node('list_with_tuple')).getByText('tuple', { selector: '.sl-tag' })).toBeTruthy();
    expect(node('escaped').querySelector('.sl-tree-children .sl-key')!.textContent).toBe(' t');
    expect(node('escaped').textContent).toContain('"not a tuple"');
  });

  it('shows objects a serializer named by their class: PHP objects, and the calls a pickle would make', async () => {
    const laravel = loadFixtures('laravel.json').cases.find((testCase) => testCase.id === 'laravel-encrypted-cookie-session-store')!;
    const { unmount } = render(<ValueTree value={laravel.expect.typed as TypedValue} format="laravel-encrypted" />);
    const line = screen.getAllByText('CartLine', { selector: '.sl-tag' })[0]!.closest('li')!;
    expect(line.textContent).toContain('3 properties');
    await userEvent.click(within(line).getByRole('button'));
    expect(within(line).getByText('quantity (protected)', { selector: 'bdi' })).toBeTruthy();
    unmount();

    const django = loadFixtures('django.json').cases.find((testCase) => testCase.id === 'django-session-pickle-os-system')!;
    render(<ValueTree value={django.expect.typed as TypedValue} format="django-session" />);
    const call = node('prefs');
    expect(within(call).getByText('calls posix.system', { selector: '.sl-tag' })).toBeTruthy();
    expect(call.textContent).toContain('1 property');
  });

  it('shows a pickled set and frozenset as sets, their members without an index', async () => {
    const django = loadFixtures('django.json').cases.find((testCase) => testCase.id === 'django-session-pickle')!;
    render(<ValueTree value={django.expect.typed as TypedValue} format="django-session" />);
    const set = node('recent_ids');
    expect(within(set).getByText('set', { selector: '.sl-tag' })).toBeTruthy();
    expect(set.textContent).toContain('3 members');
    expect(within(set).queryAllByText(/^\[\d\]$/)).toHaveLength(0);
    expect(within(set).getByText('2')).toBeTruthy();
    const frozen = node('frozen');
    expect(within(frozen).getByText('frozenset', { selector: '.sl-tag' })).toBeTruthy();
    expect(frozen.textContent).toContain('1 member');
  });

  it('names the class of a Ruby object and lists its fields', () => {
    const value: TypedValue = {
      type: 'dict',
      entries: [
        ['account', { type: 'object', className: 'Account', entries: [['@name', { type: 'string', value: 'Zoë' }]] }],
        ['empty', { type: 'object', className: 'Rack::Flash', entries: [] }],
      ],
    };
    render(<ValueTree value={value} format="rack-session" />);
    expect(within(node('account')).getByText('Account', { selector: '.sl-tag' })).toBeTruthy();
    expect(node('account').textContent).toContain('1 property');
    expect(node('@name').textContent).toBe('@name: "Zoë"');
    expect(node('empty').textContent).toContain('No properties');
  });

  it('quotes strings and shows numbers, booleans and null plainly', () => {
    const value: TypedValue = {
      type: 'dict',
      entries: [
        ['name', { type: 'string', value: 'alice' }],
        ['age', { type: 'number', value: 30 }],
        ['admin', { type: 'bool', value: false }],
        ['team', { type: 'null' }],
      ],
    };
    render(<ValueTree value={value} format="flask" />);
    expect(node('name').textContent).toBe('name: "alice"');
    expect(node('age').textContent).toBe('age: 30');
    expect(node('admin').textContent).toBe('admin: false');
    expect(node('team').textContent).toBe('team: null');
  });

  it('collapses and expands dicts and lists with buttons', async () => {
    const user = userEvent.setup();
    render(<ValueTree value={await typedOf('flask-nested')} format="flask" />);
    const toggles = screen.getAllByRole('button', { expanded: true });
    expect(toggles.length).toBeGreaterThan(0);
    const first = toggles[0]!;
    const item = first.closest('li')!;
    const childCount = item.querySelectorAll('li').length;
    expect(childCount).toBeGreaterThan(0);

    await user.click(first);
    expect(first.getAttribute('aria-expanded')).toBe('false');
    expect(item.querySelectorAll('li')).toHaveLength(0);

    await user.click(first);
    expect(first.getAttribute('aria-expanded')).toBe('true');
    expect(item.querySelectorAll('li')).toHaveLength(childCount);
  });

  it('starts deep containers collapsed', () => {
    const deep: TypedValue = {
      type: 'dict',
      entries: [['a', { type: 'dict', entries: [['b', { type: 'dict', entries: [['c', { type: 'list', items: [{ type: 'string', value: 'deep' }] }]] }]] }]],
    };
    render(<ValueTree value={deep} format="flask" />);
    expect(screen.getByRole('button', { name: /^a\b/ }).getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('button', { name: /^b\b/ }).getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('button', { name: /^c\b/ }).getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText('deep')).toBeNull();
  });

  it('is keyboard navigable: toggles are buttons reachable with Tab and work with Enter and Space', async () => {
    const user = userEvent.setup();
    render(<ValueTree value={await typedOf('flask-nested')} format="flask" />);
    await user.tab();
    const focused = document.activeElement as HTMLElement;
    expect(focused.tagName).toBe('BUTTON');
    expect(focused.getAttribute('aria-expanded')).toBe('true');
    await user.keyboard('{Enter}');
    expect(focused.getAttribute('aria-expanded')).toBe('false');
    await user.keyboard(' ');
    expect(focused.getAttribute('aria-expanded')).toBe('true');
  });

  it('explains well-known Flask-Login keys', async () => {
    render(<ValueTree value={await typedOf('flask-login-session')} format="flask" />);
    expect(within(node('_user_id')).getByText("Flask-Login: the logged-in user's id")).toBeTruthy();
    expect(node('_user_id').textContent).toContain('"42"');
    expect(within(node('_fresh')).getByText(/Flask-Login: true when the login happened in this session/)).toBeTruthy();
    expect(within(node('_id')).getByText(/session protection hash/)).toBeTruthy();
  });

  it('does not explain app keys, nor well-known keys of another framework', () => {
    const value: TypedValue = { type: 'dict', entries: [['_user_id', { type: 'string', value: '1' }], ['cart', { type: 'list', items: [] }]] };
    render(<ValueTree value={value} format="itsdangerous" />);
    expect(screen.queryByText(/Flask-Login/)).toBeNull();
    expect(screen.getByText('No items')).toBeTruthy();
  });

  it('shows _flashes as readable flash messages', async () => {
    render(<ValueTree value={await typedOf('flask-flashes-permanent')} format="flask" />);
    const flashes = node('_flashes');
    expect(within(flashes).getByText(/2 flash messages/)).toBeTruthy();
    expect(within(flashes).getByText(/Flask: flash messages waiting to be shown/)).toBeTruthy();
    const items = within(flashes).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual(['success Welcome back!', 'message You have 3 new messages']);
    expect(within(node('_permanent')).getByText(/outlives the browser/)).toBeTruthy();
  });

  it('truncates long strings with "Show more" and "Show less"', async () => {
    const user = userEvent.setup();
    const long = `${'x'.repeat(250)}END`;
    render(<ValueTree value={{ type: 'dict', entries: [['note', { type: 'string', value: long }]] }} format="flask" />);
    expect(screen.queryByText(/END/)).toBeNull();
    const more = screen.getByRole('button', { name: 'Show more (53 characters more)' });
    await user.click(more);
    expect(screen.getByText(/END$/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Show less' }));
    expect(screen.queryByText(/END/)).toBeNull();
  });

  it('shows a bare top-level value (a server-side session id)', async () => {
    render(<ValueTree value={await typedOf('flask-session-unsigned')} format="flask-session-id" />);
    expect(screen.getByRole('list', { name: 'Session contents' }).textContent).toBe('"623265c2-9582-42d0-b8ad-6ac560cd6b4c"');
  });

  it('pages through a huge list instead of rendering it all', async () => {
    const user = userEvent.setup();
    const items: TypedValue[] = Array.from({ length: 250 }, (_, index) => ({ type: 'number', value: index }));
    render(<ValueTree value={{ type: 'dict', entries: [['ids', { type: 'list', items }]] }} format="flask" />);
    const toggle = screen.getByRole('button', { name: /^ids\b/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    expect(toggle.closest('li')!.querySelectorAll('li')).toHaveLength(100);
    await user.click(screen.getByRole('button', { name: 'Show 100 more of 150 hidden' }));
    expect(toggle.closest('li')!.querySelectorAll('li')).toHaveLength(200);
  });

  it('says so when a session is an empty dict', () => {
    render(<ValueTree value={{ type: 'dict', entries: [] }} format="flask" />);
    expect(screen.getByText('Empty: the session holds no keys.')).toBeTruthy();
  });
});
