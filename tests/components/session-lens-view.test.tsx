import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SessionLensView } from '../../components/SessionLensView';
import type { CookieInput } from '../../lib/types';
import { BROWSER_FLAGS, browserCookie, cookiesTab, PAGE_URL, renderPage, signFlaskSession, SITE, viewProps } from './helpers';

const OTHER_COOKIES: CookieInput[] = [
  { ...BROWSER_FLAGS, name: 'theme', value: 'dark', httpOnly: false },
  { ...BROWSER_FLAGS, name: '_ga', value: 'GA1.2.1234567890.1700000000', domain: '.example.com', hostOnly: false, httpOnly: false },
  { ...BROWSER_FLAGS, name: 'consent', value: 'analytics=no', httpOnly: false, sameSite: 'unspecified' },
];

describe('SessionLensView: designed states', () => {
  it('shows loading while the tab is being read', () => {
    render(<SessionLensView {...viewProps()} />);
    const status = screen.getByRole('status');
    expect(status.getAttribute('aria-busy')).toBe('true');
    expect(within(status).getByRole('heading').textContent).toBe('Reading cookies…');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Session Lens');
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('banner')).toBeTruthy();
  });

  it('shows decoding while reports are on their way', () => {
    const cookies = [browserCookie('flask-plain'), ...OTHER_COOKIES];
    render(<SessionLensView {...viewProps({ tab: cookiesTab(cookies), cookies, reports: null })} />);
    expect(screen.getByRole('status').textContent).toContain('Decoding 4 cookies…');
    expect(screen.getByText('app.example.com')).toBeTruthy();
  });

  it('asks for permission when it has no access, and requests it on click', async () => {
    const user = userEvent.setup();
    const props = viewProps({ tab: { kind: 'no-access', url: PAGE_URL, site: SITE, host: 'app.example.com' } });
    render(<SessionLensView {...props} />);
    expect(screen.getByRole('heading', { name: 'Session Lens needs permission to read cookies on app.example.com' })).toBeTruthy();
    expect(screen.getByText(/Browsers only let an extension see a site's cookies after you allow it/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Allow Session Lens to read cookies on app.example.com' }));
    expect(props.onRequestAccess).toHaveBeenCalledTimes(1);
  });

  it('explains an unsupported page with the reason it was given', () => {
    render(<SessionLensView {...viewProps({ tab: { kind: 'unsupported', url: 'chrome://settings', reason: 'Browser settings pages have no cookies.' } })} />);
    expect(screen.getByRole('heading', { name: "Session Lens can't look at this page" })).toBeTruthy();
    expect(screen.getByText('Browser settings pages have no cookies.')).toBeTruthy();
  });

  it('shows a friendly error, never a stack trace', () => {
    const message = 'Could not reach the background page\n    at readTabCookies (chrome-extension://abcdef/background.js:12:34)\n    at async main (chrome-extension://abcdef/popup.js:1:1)';
    render(<SessionLensView {...viewProps({ tab: { kind: 'error', message } })} />);
    expect(screen.getByRole('heading', { name: "Session Lens couldn't read this tab's cookies" })).toBeTruthy();
    const main = screen.getByRole('main').textContent!;
    expect(main).toContain('What went wrong: Could not reach the background page');
    expect(main).toContain('Reload the page');
    expect(main).not.toContain('readTabCookies');
    expect(main).not.toContain('background.js');
    expect(main).not.toMatch(/\bat\s/);
  });

  it('shows an error without details when the message is only a stack', () => {
    render(<SessionLensView {...viewProps({ tab: { kind: 'error', message: '    at x (file:///a/b.js:1:1)' } })} />);
    expect(screen.getByRole('main').textContent).not.toContain('What went wrong');
  });

  it('says when the site has no cookies at all', async () => {
    await renderPage([]);
    expect(screen.getByRole('heading', { name: 'No cookies on app.example.com' })).toBeTruthy();
    expect(screen.getByText(/Log in to the site, then open Session Lens again/)).toBeTruthy();
  });

  it('says when there are cookies but no session, and shows the others open', async () => {
    await renderPage(OTHER_COOKIES);
    expect(screen.getByRole('heading', { name: 'No session cookies on app.example.com' })).toBeTruthy();
    expect(screen.getByText(/None of the 3 cookies here looks like a framework session/)).toBeTruthy();
    expect(screen.getByRole('button', { name: /Other cookies \(3\)/ }).getAttribute('aria-expanded')).toBe('true');
    expect(screen.queryByRole('article')).toBeNull();
  });

  it('offers the options page when it can open it', async () => {
    const user = userEvent.setup();
    const onOpenOptions = vi.fn();
    await renderPage([], { onOpenOptions });
    await user.click(screen.getByRole('button', { name: 'Options' }));
    expect(onOpenOptions).toHaveBeenCalled();
  });

  it('has no options button when not given a way to open options', () => {
    render(<SessionLensView {...viewProps()} />);
    expect(screen.queryByRole('button', { name: 'Options' })).toBeNull();
  });

  it('offers the side panel where it can open it, and not elsewhere', async () => {
    const user = userEvent.setup();
    const onOpenSidePanel = vi.fn();
    await renderPage([], { onOpenSidePanel });
    await user.click(screen.getByRole('button', { name: 'Side panel' }));
    expect(onOpenSidePanel).toHaveBeenCalled();
    cleanup();
    render(<SessionLensView {...viewProps()} />);
    expect(screen.queryByRole('button', { name: 'Side panel' })).toBeNull();
  });
});

describe('SessionLensView: sessions and other cookies', () => {
  const jar = () => [OTHER_COOKIES[0]!, browserCookie('flask-login-session'), OTHER_COOKIES[1]!, browserCookie('flask-login-remember-no-secret'), OTHER_COOKIES[2]!];

  it('puts session cookies first, one summary line each, most severe first, every card folded', async () => {
    await renderPage(jar());
    const sessions = screen.getByRole('region', { name: 'Session cookies' });
    const lines = within(sessions).getAllByRole('button', { expanded: false });
    expect(lines.map((line) => line.textContent)).toEqual(['▸Not verified session Flask session', '▸Not verified remember_token Flask-Login remember cookie']);
    expect(screen.queryAllByRole('article')).toEqual([]);
    const others = screen.getByRole('region', { name: /Other cookies/ });
    expect(sessions.compareDocumentPosition(others) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByText('2 session cookies and 3 other cookies on app.example.com')).toBeTruthy();
  });

  it('opens a session\'s card from its line, by keyboard, and folds it again', async () => {
    const user = userEvent.setup();
    const cookies = jar();
    await renderPage(cookies);
    const line = screen.getByRole('button', { name: 'Not verified session Flask session' });
    line.focus();
    await user.keyboard('{Enter}');
    expect(line.getAttribute('aria-expanded')).toBe('true');
    const card = document.getElementById(line.getAttribute('aria-controls')!)!;
    expect(within(card).getByRole('article').querySelector('.sl-raw-value')!.textContent).toBe(cookies[1]!.value);
    await user.keyboard(' ');
    expect(line.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryAllByRole('article')).toEqual([]);
  });

  it('orders sessions by severity: forgeable, invalid, expired, valid', async () => {
    const cookies = [
      browserCookie('flask-plain', { name: 'valid' }),
      browserCookie('flask-expired', { name: 'expired' }),
      browserCookie('flask-tampered-signature', { name: 'invalid' }),
      { ...BROWSER_FLAGS, name: 'forgeable', value: signFlaskSession({ user: 'admin' }, 'dev') },
    ];
    await renderPage(cookies, { settings: { secrets: ['s3cr3t-flask-key'] } });
    const lines = within(screen.getByRole('region', { name: 'Session cookies' })).getAllByRole('button', { expanded: false });
    expect(lines.map((line) => line.querySelector('[data-severity]')!.textContent + ' ' + line.querySelector('.sl-line-name')!.textContent)).toEqual([
      'Forgeable forgeable',
      'Invalid invalid',
      'Expired expired',
      'Valid valid',
    ]);
  });

  it('keeps every line the user opened open, even lines opened in one go', async () => {
    await renderPage(jar());
    const lines = within(screen.getByRole('region', { name: 'Session cookies' })).getAllByRole('button', { expanded: false });
    act(() => lines.forEach((line) => line.click()));
    expect(lines.map((line) => line.getAttribute('aria-expanded'))).toEqual(['true', 'true']);
    expect(screen.getAllByRole('article')).toHaveLength(2);
  });

  it('opens a lone session\'s card at once', async () => {
    await renderPage([browserCookie('flask-no-secret')]);
    expect(screen.getByRole('button', { name: /session/, expanded: true })).toBeTruthy();
    expect(screen.getByRole('article')).toBeTruthy();
  });

  it('keeps the other cookies collapsed until asked', async () => {
    const user = userEvent.setup();
    await renderPage(jar());
    const toggle = screen.getByRole('button', { name: /Other cookies \(3\)/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText('theme')).toBeNull();
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)).toBeTruthy();
    for (const name of ['theme', '_ga', 'consent']) expect(screen.getByText(name)).toBeTruthy();
    await user.click(toggle);
    expect(screen.queryByText('theme')).toBeNull();
  });

  it('shows each other cookie with its flags', async () => {
    const user = userEvent.setup();
    await renderPage(jar());
    await user.click(screen.getByRole('button', { name: /Other cookies/ }));
    const ga = screen.getByText('_ga').closest('li')!;
    expect(ga.textContent).toContain('GA1.2.1234567890.1700000000');
    const attributes = within(ga).getByRole('list', { name: 'Cookie attributes' });
    expect(attributes.textContent).toContain('not HttpOnly');
    expect(attributes.textContent).toContain('Domain=example.com');
  });

  it('searches other cookies by name and value', async () => {
    const user = userEvent.setup();
    await renderPage(jar());
    await user.click(screen.getByRole('button', { name: /Other cookies/ }));
    const search = screen.getByLabelText('Search other cookies');
    await user.type(search, 'THEME');
    expect(screen.getByText('theme')).toBeTruthy();
    expect(screen.queryByText('_ga')).toBeNull();
    expect(screen.getByText('1 of 3 shown')).toBeTruthy();
    await user.clear(search);
    await user.type(search, 'analytics');
    expect(screen.getByText('consent')).toBeTruthy();
    expect(screen.queryByText('theme')).toBeNull();
    await user.clear(search);
    await user.type(search, 'nothing-like-this');
    expect(screen.getByText('No cookie name or value contains “nothing-like-this”.')).toBeTruthy();
  });

  it('passes secret and lifetime changes up', async () => {
    const user = userEvent.setup();
    const { props } = await renderPage([browserCookie('flask-no-secret')], { settings: { secrets: ['old-key-123'] } });
    const form = screen.getByRole('region', { name: 'Secret keys and lifetime (1 saved)' });
    await user.type(within(form).getByLabelText('Add secret key'), 's3cr3t-flask-key{Enter}');
    expect(props.onAddSecret).toHaveBeenCalledWith('s3cr3t-flask-key', 'device');
    await user.click(within(form).getByRole('button', { name: 'Remove secret #1' }));
    expect(props.onRemoveSecret).toHaveBeenCalledWith(0);
    await user.type(within(form).getByLabelText('Session lifetime'), '14{Enter}');
    expect(props.onSetMaxAge).toHaveBeenCalledWith(14 * 86400);
  });

  it('has one secret form for the site, open while a session needs its key, naming the key each session needs', async () => {
    await renderPage(jar());
    const form = screen.getByRole('region', { name: 'Secret keys and lifetime' });
    expect(form.querySelector('details')!.open).toBe(true);
    expect(within(form).getAllByLabelText('Add secret key')).toHaveLength(1);
    expect(screen.getAllByLabelText('Add secret key', { selector: 'input' })).toHaveLength(1);
    const needs = within(form).getByRole('list', { name: 'Keys these sessions need' });
    expect(within(needs).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['session (Flask session): SECRET_KEY', 'remember_token (Flask-Login remember cookie): SECRET_KEY']);
  });

  it('keeps the site\'s secret form folded once every session verifies', async () => {
    await renderPage([browserCookie('flask-plain')], { settings: { secrets: ['s3cr3t-flask-key'] } });
    const form = screen.getByRole('region', { name: 'Secret keys and lifetime (1 saved)' });
    expect(form.querySelector('details')!.open).toBe(false);
  });

  it('opens the site\'s secret form from a card and puts the cursor in its field', async () => {
    const user = userEvent.setup();
    await renderPage([browserCookie('flask-plain')], { settings: { secrets: ['wrong-key'] } });
    const details = screen.getByRole('region', { name: /^Secret keys/ }).querySelector('details')!;
    details.open = false;
    await user.click(screen.getByRole('button', { name: 'Add secret key for session' }));
    expect(details.open).toBe(true);
    expect(document.activeElement).toBe(screen.getByLabelText('Add secret key'));
  });

  it('shows the verdict for the secrets it was decoded with', async () => {
    await renderPage([browserCookie('flask-plain')], { settings: { secrets: ['wrong', 's3cr3t-flask-key'] } });
    expect(screen.getByText('Valid — secret #2')).toBeTruthy();
  });

  /** A valid session, then one whose signature was tampered with (with the site's secret saved). */
  const panelJar = () => [browserCookie('flask-plain'), browserCookie('flask-tampered-signature', { name: 'tampered' })];

  it('lists the sessions beside the selected one\'s card in the panel, most severe first, the first selected', async () => {
    const { container } = await renderPage(panelJar(), { layout: 'panel', settings: { secrets: ['s3cr3t-flask-key'] } });
    expect(container.querySelector('.sl-app')!.getAttribute('data-layout')).toBe('panel');
    const list = screen.getByRole('listbox', { name: 'Sessions' });
    const options = within(list).getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(['Invalid tampered Flask session', 'Valid session Flask session']);
    expect(options.map((option) => option.getAttribute('aria-selected'))).toEqual(['true', 'false']);
    expect(options.map((option) => option.tabIndex)).toEqual([0, -1]);
    const detail = screen.getByRole('region', { name: 'Invalid tampered Flask session' });
    expect(within(detail).getAllByRole('article')).toHaveLength(1);
    expect(within(detail).getByRole('heading', { level: 3 }).textContent).toBe('tampered');
  });

  it('moves the panel\'s selection with the arrow keys, Home and End, and by click', async () => {
    const user = userEvent.setup();
    await renderPage(panelJar(), { layout: 'panel', settings: { secrets: ['s3cr3t-flask-key'] } });
    const [first, second] = screen.getAllByRole('option');
    const shown = () => screen.getByRole('article').querySelector('h3')!.textContent;
    await user.tab();
    expect(document.activeElement).toBe(first);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(second);
    expect(second!.getAttribute('aria-selected')).toBe('true');
    expect(shown()).toBe('session');
    await user.keyboard('{ArrowDown}');
    expect(shown()).toBe('session');
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(first);
    expect(shown()).toBe('tampered');
    await user.keyboard('{End}');
    expect(shown()).toBe('session');
    await user.keyboard('{ArrowUp}');
    expect(shown()).toBe('tampered');
    await user.click(second!);
    expect(shown()).toBe('session');
  });
});
