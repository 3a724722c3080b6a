import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WordlistScanState } from '../../components/useWordlistScan';
import { WordlistScan, type WordlistScanProps } from '../../components/WordlistScan';

function renderScan(state: WordlistScanState, overrides: Partial<WordlistScanProps> = {}) {
  const props: WordlistScanProps = {
    cookieNames: ['session', 'remember_token'],
    state,
    onStart: vi.fn(),
    onCancel: vi.fn(),
    onSave: vi.fn(),
    savedSecrets: [],
    ...overrides,
  };
  render(<WordlistScan {...props} />);
  return props;
}

afterEach(cleanup);

const COUNTS = { bytes: 1_852_803, entries: 55_982, skippedLines: 0 };

describe('WordlistScan', () => {
  it('starts a scan of the chosen cookie with the chosen file', async () => {
    const user = userEvent.setup();
    const props = renderScan({ phase: 'idle' });
    await user.click(screen.getByText('Find the secret key with a wordlist'));
    const scan = screen.getByRole('button', { name: 'Scan' });
    expect(scan).toHaveProperty('disabled', true);
    await user.selectOptions(screen.getByLabelText('Session cookie'), 'remember_token');
    const file = new File(["'dev'\n'secret'\n"], 'words.txt', { type: 'text/plain' });
    await user.upload(screen.getByLabelText('Wordlist file'), file);
    await user.click(scan);
    expect(props.onStart).toHaveBeenCalledWith('remember_token', file);
  });

  it('shows progress with the share of the file done, attempts/s and time left, and cancels', async () => {
    const user = userEvent.setup();
    const props = renderScan({ phase: 'scanning', fileName: 'words.txt', progress: { attempts: 20000, fraction: 0.36, seconds: 0.04, rate: 500000, remainingSeconds: 0.07 } });
    const progress = screen.getByRole('progressbar', { hidden: true });
    expect(progress.getAttribute('value')).toBe('0.36');
    expect(progress.getAttribute('max')).toBe('1');
    expect(screen.getByRole('status', { hidden: true }).textContent).toMatch(/20,000 tried · 36% of words\.txt · 500,000 attempts\/s · about \d+ s(econds?)? left/);
    await user.click(screen.getByRole('button', { name: 'Cancel', hidden: true }));
    expect(props.onCancel).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Scan', hidden: true })).toHaveProperty('disabled', true);
  });

  it('says it is reading the file before the first progress', () => {
    renderScan({ phase: 'scanning', fileName: 'words.txt', progress: null });
    expect(screen.getByRole('status', { hidden: true }).textContent).toBe('Reading words.txt…');
  });

  it('offers to save a found secret as the site\'s key', async () => {
    const user = userEvent.setup();
    const props = renderScan({ phase: 'done', fileName: 'words.txt', cookieName: 'session', threads: 2, counts: COUNTS, result: { found: true, secret: 'dev', attempts: 55982, seconds: 0.1 } });
    expect(screen.getByRole('status', { hidden: true }).textContent).toMatch(/Found the secret key of session: dev.*55,982 attempts in 0\.10 s \(559,820 attempts\/s on 2 workers\)/);
    await user.click(screen.getByRole('button', { name: "Save as this site's secret key", hidden: true }));
    expect(props.onSave).toHaveBeenCalledWith('dev');
  });

  it('says when the found secret is already saved, or is raw bytes', () => {
    renderScan({ phase: 'done', fileName: 'w', cookieName: 'session', threads: 1, counts: COUNTS, result: { found: true, secret: 'dev', attempts: 1, seconds: 0 } }, { savedSecrets: ['dev'] });
    expect(screen.getByText('Already saved for this site.')).toBeTruthy();
  });

  it('shows raw-byte secrets as a Python literal and does not offer to save them', () => {
    renderScan({ phase: 'done', fileName: 'w', cookieName: 'session', threads: 1, counts: COUNTS, result: { found: true, secret: new Uint8Array([0x5f, 0x0a, 0xec]), attempts: 1, seconds: 0 } });
    expect(screen.getByText("b'_\\n\\xec'")).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Save as/, hidden: true })).toBeNull();
  });

  it('reports not found, cancelled and errors in plain words', () => {
    const { unmount } = render(<WordlistScan cookieNames={['session']} state={{ phase: 'done', fileName: 'words.txt', cookieName: 'session', threads: 2, counts: COUNTS, result: { found: false, attempts: 9, seconds: 1 } }} onStart={vi.fn()} onCancel={vi.fn()} onSave={vi.fn()} savedSecrets={[]} />);
    expect(screen.getByRole('status', { hidden: true }).textContent).toMatch(/^None of the 55,982 entries in words\.txt is the secret key\. /);
    unmount();
    renderScan({ phase: 'done', fileName: 'big.bin', cookieName: 'session', threads: 2, counts: { bytes: 2e9, entries: 1, skippedLines: 3 }, result: { found: false, attempts: 1, seconds: 9 } });
    expect(screen.getByRole('status', { hidden: true }).textContent).toMatch(/^None of the 1 entry in big\.bin is the secret key \(3 lines over 65,536 bytes skipped\)\./);
    cleanup();
    renderScan({ phase: 'done', fileName: 'w', cookieName: 'session', threads: 2, counts: COUNTS, result: { found: false, attempts: 9, seconds: 1, cancelled: true } });
    expect(screen.getByRole('status', { hidden: true }).textContent).toMatch(/^Cancelled after 9 attempts/);
  });

  it('shows nothing when no cookie can be scanned', () => {
    const { container } = render(<WordlistScan cookieNames={[]} state={{ phase: 'idle' }} onStart={vi.fn()} onCancel={vi.fn()} onSave={vi.fn()} savedSecrets={[]} />);
    expect(container.textContent).toBe('');
  });
});
