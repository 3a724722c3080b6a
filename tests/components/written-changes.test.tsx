import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writtenChangesStore, type UndoWriteAnswer, type WrittenChange } from '../../lib/browser/cookie-write';
import { WrittenChanges } from '../../components/WrittenChanges';
import { useWrittenChanges } from '../../components/useWrittenChanges';
import { BROWSER_FLAGS, NOW, SITE } from './helpers';

const TAB_ID = 3;

function change(id: string, label: string, names: string[], at: number): WrittenChange {
  const cookies = names.map((name) => ({ ...BROWSER_FLAGS, name, value: `new-${name}` }));
  return { id, at, label, tabId: TAB_ID, originals: cookies.map((cookie) => ({ ...cookie, value: 'old' })), written: cookies, reload: false };
}

const SESSION_EDIT = change('c2', 'Edited session (Flask session)', ['session'], NOW - 120);
const THEME_EDIT = change('c1', 'Raw edit of theme', ['theme', 'theme.sig'], NOW - 3600);

function renderBar(onUndo: (id: string, force: boolean) => Promise<UndoWriteAnswer>, changes = [SESSION_EDIT, THEME_EDIT]) {
  const onForget = vi.fn(async () => undefined);
  const undo = vi.fn(onUndo);
  render(<WrittenChanges changes={changes} now={NOW} onUndo={undo} onForget={onForget} />);
  return { undo, onForget, user: userEvent.setup() };
}

describe('WrittenChanges (the undo bar)', () => {
  it('shows nothing when there is no write to undo', () => {
    const { container } = render(<WrittenChanges changes={[]} now={NOW} onUndo={vi.fn()} onForget={vi.fn()} />);
    expect(container.innerHTML).toBe('');
  });

  it('lists the site\'s writes newest first, with what was written and when', () => {
    renderBar(async () => ({ ok: true }));
    const entries = screen.getAllByRole('listitem');
    expect(entries.map((entry) => entry.querySelector('.sl-written-what')!.textContent)).toEqual([
      'Edited session (Flask session): you wrote session 2 min ago.',
      'Raw edit of theme: you wrote theme and theme.sig 1 hour ago.',
    ]);
    expect(screen.getByRole('button', { name: 'Undo: Raw edit of theme' })).toBeDefined();
  });

  it('undoes a write and says so', async () => {
    const { undo, user } = renderBar(async () => ({ ok: true }));
    await user.click(screen.getByRole('button', { name: 'Undo: Edited session (Flask session)' }));
    expect(undo).toHaveBeenCalledWith('c2', false);
    expect(screen.getByRole('status').textContent).toContain('Undone: Edited session (Flask session).');
  });

  it('says plainly when the site changed the cookie since, and offers both choices', async () => {
    const { undo, onForget, user } = renderBar(async (_, force) => (force ? { ok: true } : { ok: false, conflict: [{ name: 'theme', written: 'new-theme', current: 'site' }, { name: 'theme.sig', written: 'sig', current: null }] }));
    await user.click(screen.getByRole('button', { name: 'Undo: Raw edit of theme' }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The site changed the cookie after your write. It set theme to a new value. It deleted theme.sig.');
    // The other write keeps its own Undo.
    expect(screen.getByRole('button', { name: 'Undo: Edited session (Flask session)' })).toBeDefined();
    await user.click(screen.getByRole('button', { name: 'Restore my original anyway' }));
    expect(undo).toHaveBeenLastCalledWith('c1', true);
    expect(onForget).not.toHaveBeenCalled();
  });

  it('keeps the site\'s cookie on a conflict: the write leaves the undo list, nothing is restored', async () => {
    const { undo, onForget, user } = renderBar(async () => ({ ok: false, conflict: [{ name: 'session', written: 'new-session', current: 'site' }] }));
    await user.click(screen.getByRole('button', { name: 'Undo: Edited session (Flask session)' }));
    await user.click(screen.getByRole('button', { name: "Keep the site's" }));
    expect(onForget).toHaveBeenCalledWith('c2');
    expect(undo).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status').textContent).toContain("Kept the site's cookie");
  });

  it('shows the background\'s message when the undo failed', async () => {
    const { user } = renderBar(async () => ({ ok: false, message: 'The browser refused to write the cookie "session" (denied). Nothing was changed.' }));
    await user.click(screen.getByRole('button', { name: 'Undo: Edited session (Flask session)' }));
    expect(screen.getByRole('alert').textContent).toBe('The browser refused to write the cookie "session" (denied). Nothing was changed.');
  });

  it('keeps my change: the write leaves the undo list', async () => {
    const { undo, onForget, user } = renderBar(async () => ({ ok: true }));
    await user.click(screen.getByRole('button', { name: 'Keep my change: Raw edit of theme' }));
    expect(onForget).toHaveBeenCalledWith('c1');
    expect(undo).not.toHaveBeenCalled();
  });
});

describe('useWrittenChanges', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('follows the site\'s undo list in storage as it changes', async () => {
    const { result } = renderHook(() => useWrittenChanges(SITE, TAB_ID));
    expect(result.current.changes).toEqual([]);
    await act(() => writtenChangesStore.setValue({ [SITE]: [SESSION_EDIT], 'https://other.example': [THEME_EDIT] }));
    await waitFor(() => expect(result.current.changes).toEqual([SESSION_EDIT]));
  });

  it('asks the background to write for this tab and site, and returns its answer', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: true, change: SESSION_EDIT } as never);
    const { result } = renderHook(() => useWrittenChanges(SITE, TAB_ID));
    const request = { label: 'Edited session', originals: SESSION_EDIT.originals, cookies: [{ name: 'session', value: 'x' }], remove: [], reload: true };
    expect(await result.current.write(request)).toEqual({ ok: true, change: SESSION_EDIT });
    expect(send).toHaveBeenCalledWith({ type: 'write-cookies', tabId: TAB_ID, site: SITE, ...request });
  });

  it('asks for undo and forget with the change\'s id', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: true } as never);
    const { result } = renderHook(() => useWrittenChanges(SITE, TAB_ID));
    expect(await result.current.undo('c2', true)).toEqual({ ok: true });
    await result.current.forget('c1');
    expect(send.mock.calls).toEqual([[{ type: 'undo-write', tabId: TAB_ID, site: SITE, changeId: 'c2', force: true }], [{ type: 'forget-write', site: SITE, changeId: 'c1' }]]);
  });

  it('turns a missing or malformed answer into a plain message', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: true, change: { id: 1 } } as never);
    const { result } = renderHook(() => useWrittenChanges(SITE, TAB_ID));
    const request = { label: 'x', originals: SESSION_EDIT.originals, cookies: [], remove: [], reload: false };
    expect(await result.current.write(request)).toEqual({ ok: false, message: expect.stringContaining('did not answer') });
    send.mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    expect(await result.current.undo('c2', false)).toEqual({ ok: false, message: expect.stringContaining('did not answer') });
  });

  it('writes nothing before it knows the tab', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    const { result } = renderHook(() => useWrittenChanges(SITE, null));
    expect(await result.current.undo('c2', false)).toEqual({ ok: false, message: expect.stringContaining('which tab') });
    expect(send).not.toHaveBeenCalled();
  });
});
