import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SignatureBadge } from '../../components/SignatureBadge';
import type { SignatureReport } from '../../lib/types';
import { decode, decodeCase, signFlaskSession } from './helpers';

function badge(): HTMLElement {
  return document.querySelector('.sl-badge')!;
}

async function renderCase(id: string) {
  const { report } = await decodeCase(id);
  render(<SignatureBadge signature={report.signature} />);
  return report.signature;
}

describe('SignatureBadge', () => {
  it('says which secret verified a valid signature', async () => {
    const signature = await renderCase('flask-plain');
    expect(badge().textContent).toContain('Valid — secret #1');
    expect(badge().getAttribute('data-status')).toBe('valid');
    expect(badge().className).toContain('sl-badge--good');
    expect(badge().getAttribute('title')).toBe(signature.detail);
  });

  it('counts secrets from 1 after key rotation', async () => {
    await renderCase('flask-key-rotation');
    expect(screen.getByText('Valid — secret #2')).toBeTruthy();
  });

  it('shows an invalid signature', async () => {
    const signature = await renderCase('flask-tampered-signature');
    expect(screen.getByText('Invalid signature')).toBeTruthy();
    expect(badge().className).toContain('sl-badge--bad');
    expect(badge().getAttribute('title')).toBe(signature.detail);
  });

  it('asks for the secret when it cannot verify', async () => {
    await renderCase('flask-no-secret');
    expect(screen.getByText('Not verified — add the secret')).toBeTruthy();
    expect(badge().className).toContain('sl-badge--unknown');
    expect(badge().getAttribute('title')).toMatch(/add the app's secret key/);
  });

  it('shows an unsigned cookie', async () => {
    await renderCase('flask-session-unsigned');
    expect(screen.getByText('Unsigned')).toBeTruthy();
    expect(badge().className).toContain('sl-badge--neutral');
    expect(badge().getAttribute('title')).toBe('This cookie carries no signature.');
  });

  it('calls a session signed with a publicly known key valid but dangerous', async () => {
    const [report] = await decode([{ name: 'session', value: signFlaskSession({ user: 'admin' }, 'dev') }]);
    expect(report!.signature.knownSecret).toBe('dev');
    render(<SignatureBadge signature={report!.signature} />);
    expect(screen.getByText('Valid — publicly known key')).toBeTruthy();
    expect(badge().className).toContain('sl-badge--danger');
    expect(badge().getAttribute('title')).toMatch(/publicly known key "dev"/);
  });

  it('never relies on colour alone: every state has an icon and words', () => {
    const states: SignatureReport[] = [{ status: 'valid', secretIndex: 0 }, { status: 'valid', knownSecret: 'x' }, { status: 'invalid' }, { status: 'unverified' }, { status: 'unsigned' }];
    for (const signature of states) {
      const { unmount } = render(<SignatureBadge signature={signature} />);
      expect(badge().querySelector('.sl-badge-icon')!.textContent).not.toBe('');
      expect(badge().querySelector('.sl-badge-text')!.textContent!.length).toBeGreaterThan(5);
      unmount();
    }
  });
});
