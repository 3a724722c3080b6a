import { act, cleanup, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionHistory, type SessionHistoryProps } from '../../components/SessionHistory';
import { historyMarkdown } from '../../components/history-text';
import { useSessionHistory } from '../../components/useSessionHistory';
import { backgroundHistorySitesStore, sessionHistoryStore, setCookieResponsesStore } from '../../lib/browser/session-history';
import type { HistoryEvent } from '../../lib/history/events';
import { exportedEvents } from '../../lib/history/export';
import type { SetCookieResponse } from '../../lib/history/requests';
import { NOW, SITE } from './helpers';

const str = (value: string) => ({ type: 'string' as const, value });

function event(id: string, overrides: Partial<HistoryEvent>): HistoryEvent {
  return {
    id,
    at: NOW * 1000,
    site: SITE,
    cookie: 'session',
    kind: 'changed',
    format: 'flask',
    label: 'Flask session',
    changes: [],
    before: { value: 'old.SIGNATURE1', verdict: 'valid', expiresAt: NOW + 100 },
    after: { value: 'new.SIGNATURE2', verdict: 'valid', expiresAt: NOW + 100 },
    ...overrides,
  };
}

const LOGIN = event('e1', { kind: 'created', at: (NOW - 300) * 1000, before: null, changes: [{ path: ['user'], kind: 'added', after: str('alice') }] });
const ROLE = event('e2', {
  at: (NOW - 120) * 1000,
  changes: [{ path: ['role'], kind: 'changed', before: str('viewer'), after: { type: 'number', value: 1 } }],
  after: { value: 'new.SIGNATURE2', verdict: 'invalid', expiresAt: NOW + 700 },
  bySessionLens: true,
});
const THEME = event('e3', { cookie: 'remember_token', label: 'Flask-Login remember cookie', kind: 're-signed', at: (NOW - 60) * 1000 });
const LOGOUT = event('e4', { kind: 'removed', at: (NOW - 30) * 1000, after: null, changes: [{ path: ['user'], kind: 'removed', before: str('alice') }] });

const POST_ROLE: SetCookieResponse = { method: 'POST', url: `${SITE}/role`, status: 302, at: 0, setCookies: ['session=new.SIGNATURE2; Path=/; SameSite=Lax; HttpOnly'] };

function renderHistory(props: Partial<SessionHistoryProps> = {}) {
  const onSetRecordInBackground = vi.fn();
  render(
    <SessionHistory
      site={SITE}
      events={[LOGOUT, THEME, ROLE, LOGIN]}
      now={NOW}
      responseOf={(shown) => (shown.id === 'e2' ? POST_ROLE : null)}
      recordInBackground={false}
      onSetRecordInBackground={onSetRecordInBackground}
      {...props}
    />,
  );
  return { onSetRecordInBackground, user: userEvent.setup() };
}

describe('SessionHistory', () => {
  it('groups the changes by cookie, newest first, each with its diff, verdicts, expiry moved, request and own-write mark', () => {
    renderHistory();
    const groups = screen.getAllByRole('region', { name: /^History of / });
    expect(groups.map((group) => group.getAttribute('aria-label'))).toEqual(['History of session', 'History of remember_token']);
    const entries = within(groups[0]!).getAllByRole('listitem').filter((item) => item.classList.contains('sl-history-entry'));
    expect(entries.map((entry) => entry.getAttribute('data-kind'))).toEqual(['removed', 'changed', 'created']);
    const role = entries[1]!;
    expect(role.textContent).toContain('Changed 2 min ago · written by Session Lens');
    expect(role.textContent).toContain('Changed role "viewer" (string) → 1 (number)');
    expect(role.textContent).toContain('Signature: Valid signature → Invalid signature');
    expect(role.textContent).toContain('(10 min later)');
    expect(role.textContent).toContain(`by POST ${SITE}/role → 302`);
    expect(role.textContent).toContain('Set-Cookie: HttpOnly · SameSite=Lax · Path=/ · until the browser closes');
    expect(entries[2]!.textContent).toContain('Added user "alice" (string)');
    expect(entries[2]!.textContent).toContain('Signature: Valid signature');
    expect(entries[2]!.textContent).not.toContain('→ Valid');
    expect(within(groups[1]!).getByText('Same payload, new signature or time.')).toBeDefined();
  });

  it('says when no response was seen setting a change, except for Session Lens\'s own writes', () => {
    renderHistory({ responseOf: () => null });
    expect(screen.getAllByText(/No response seen setting it/)).toHaveLength(3);
    expect(screen.queryByText(/^by /)).toBeNull();
  });

  it('turns background recording on for the site', async () => {
    const { onSetRecordInBackground, user } = renderHistory();
    await user.click(screen.getByRole('checkbox', { name: 'Record in the background on this site' }));
    expect(onSetRecordInBackground).toHaveBeenCalledWith(true);
  });

  it('copies the history as Markdown, raw values and signatures redacted unless asked', async () => {
    const { user } = renderHistory();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    const redacted = writeText.mock.calls[0]![0];
    expect(redacted).toContain('## session (Flask session)');
    expect(redacted).toContain('**Changed** (written by Session Lens) by POST');
    expect(redacted).toContain('Changed ` role `: "viewer" (string) → 1 (number)');
    expect(redacted).toContain('Set-Cookie: ` session=[redacted]; Path=/; SameSite=Lax; HttpOnly `');
    expect(redacted).not.toMatch(/SIGNATURE/);
    expect(screen.getByRole('status').textContent).toBe('Copied the history as Markdown.');
    await user.click(screen.getByRole('checkbox', { name: 'Include raw values and signatures' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Export format' }), 'json');
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    const raw = JSON.parse(writeText.mock.calls[1]![0]);
    expect(raw).toMatchObject({ site: SITE, redacted: false });
    expect(raw.events[2]).toMatchObject({ id: 'e2', after: { value: 'new.SIGNATURE2' }, request: { method: 'POST', matchedBy: 'set-cookie', setCookie: ['session=new.SIGNATURE2; Path=/; SameSite=Lax; HttpOnly'] } });
  });

  it('says so when the browser refuses to copy', async () => {
    const { user } = renderHistory();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('Document is not focused'));
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(screen.getByRole('status').textContent).toBe('The browser did not let Session Lens copy here: use Save instead.');
  });

  it('shows no history yet as such, and keeps HTML in cookie names and values as text', () => {
    renderHistory({ events: [] });
    expect(screen.getByText('No changes to the session cookies yet.')).toBeDefined();
    const hostile = event('h', { cookie: '<img src=x onerror=alert(1)>', changes: [{ path: ['<b>k</b>'], kind: 'added', after: str('<script>alert(1)</script>') }] });
    const { container } = render(<SessionHistory site={SITE} events={[hostile]} now={NOW} responseOf={() => null} recordInBackground onSetRecordInBackground={vi.fn()} />);
    expect(container.querySelector('img, script, b')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('fences Markdown code spans around backticks in raw values', () => {
    const ticked = event('t', { after: { value: 'v`1', verdict: 'valid', expiresAt: NOW + 100 } });
    expect(historyMarkdown(SITE, exportedEvents([ticked], () => null, true), false)).toContain('Value after: `` v`1 ``');
  });
});

describe('useSessionHistory', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => {
    cleanup();
    fakeBrowser.reset();
  });

  it('shows the tab\'s events on the current site only, live, and the site\'s background switch', async () => {
    await sessionHistoryStore.setValue({ '7': [ROLE, event('other', { site: 'https://other.example' })], '8': [LOGIN] });
    const { result } = renderHook(() => useSessionHistory(7, SITE));
    await waitFor(() => expect(result.current.events.map((shown) => shown.id)).toEqual(['e2']));
    expect(result.current.recordInBackground).toBe(false);
    result.current.onSetRecordInBackground(true);
    await waitFor(() => expect(result.current.recordInBackground).toBe(true));
    expect(await backgroundHistorySitesStore.getValue()).toEqual([SITE]);
    await sessionHistoryStore.setValue({ '7': [LOGOUT, ROLE] });
    await waitFor(() => expect(result.current.events.map((shown) => shown.id)).toEqual(['e4', 'e2']));
  });

  it('matches a change to the tab\'s recorded response whose Set-Cookie made it, as the background records it', async () => {
    const { result } = renderHook(() => useSessionHistory(7, SITE));
    expect(result.current.responseOf(ROLE)).toBeNull();
    const role = { ...POST_ROLE, at: ROLE.at - 50 };
    await act(() => setCookieResponsesStore.setValue({ '7': [role], '8': [{ ...role, url: `${SITE}/elsewhere`, at: ROLE.at - 10 }] }));
    await waitFor(() => expect(result.current.responseOf(ROLE)).toEqual(role));
    expect(result.current.responseOf(LOGIN)).toBeNull();
  });
});
