import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsView } from '../../components/OptionsView';
import type { SiteSettings } from '../../lib/browser/site-settings';

afterEach(cleanup);

const SITES: Record<string, SiteSettings> = {
  'https://shop.example.net': { secrets: ['dev'] },
  'https://app.example.com': { secrets: ['s3cr3t-flask-key', 'old-secret-2023'], maxAge: 3600, salt: 'email-confirm' },
};

function renderOptions(sites = SITES, memorySecrets: Record<string, string[]> = {}) {
  const onChange = vi.fn();
  const onChangeMemorySecrets = vi.fn();
  render(<OptionsView sites={sites} memorySecrets={memorySecrets} onChange={onChange} onChangeMemorySecrets={onChangeMemorySecrets} />);
  return Object.assign(onChange, { memory: onChangeMemorySecrets });
}

function site(origin: string): HTMLElement {
  return screen.getByRole('region', { name: origin });
}

describe('OptionsView', () => {
  it('lists every saved site, sorted, with its masked secrets', () => {
    renderOptions();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Session Lens settings');
    expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual(['https://app.example.com', 'https://shop.example.net']);
    const app = site('https://app.example.com');
    expect(within(app).getAllByRole('listitem').map((item) => item.querySelector('code')!.textContent)).toEqual(['••••••••', '••••••••']);
    expect(app.textContent).not.toContain('s3cr3t-flask-key');
    expect(within(app).getByText('email-confirm')).toBeTruthy();
    expect(site('https://shop.example.net').textContent).not.toMatch(/\bdev\b/);
  });

  it('lists the secrets kept in memory (added in private windows) after those on the device, and sites with only those', () => {
    renderOptions(SITES, { 'https://app.example.com': ['private-key-1'], 'https://private.example.org': ['private-key-2'] });
    expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual([
      'https://app.example.com',
      'https://private.example.org',
      'https://shop.example.net',
    ]);
    const places = (origin: string) => within(site(origin)).getAllByRole('listitem').map((item) => item.querySelector('.sl-secret-place')!.textContent);
    expect(places('https://app.example.com')).toEqual(['Kept on this device', 'Kept on this device', 'In memory until the browser closes']);
    expect(places('https://private.example.org')).toEqual(['In memory until the browser closes']);
    expect(site('https://private.example.org').textContent).not.toContain('private-key-2');
  });

  it('removes a secret kept in memory from memory, and forgets both kinds with the site', async () => {
    const user = userEvent.setup();
    const onChange = renderOptions(SITES, { 'https://app.example.com': ['private-key-1', 'private-key-3'] });
    const app = site('https://app.example.com');
    await user.click(within(app).getByRole('button', { name: 'Remove secret #3' }));
    expect(onChange.memory).toHaveBeenCalledWith('https://app.example.com', ['private-key-3']);
    expect(onChange).not.toHaveBeenCalled();
    await user.click(within(app).getByRole('button', { name: 'Forget this site' }));
    expect(app.querySelector('.sl-forget p')!.textContent).toBe('Forget https://app.example.com? Its 4 secret keys and settings will be deleted from this browser.');
    await user.click(within(app).getByRole('button', { name: 'Yes, forget this site' }));
    expect(onChange).toHaveBeenCalledWith('https://app.example.com', null);
    expect(onChange.memory).toHaveBeenLastCalledWith('https://app.example.com', []);
  });

  it('removes one secret of a site', async () => {
    const user = userEvent.setup();
    const onChange = renderOptions();
    await user.click(within(site('https://app.example.com')).getByRole('button', { name: 'Remove secret #1' }));
    expect(onChange).toHaveBeenCalledWith('https://app.example.com', { secrets: ['old-secret-2023'], maxAge: 3600, salt: 'email-confirm' });
  });

  it("shows and changes a site's session lifetime", async () => {
    const user = userEvent.setup();
    const onChange = renderOptions();
    const app = site('https://app.example.com');
    const amount = within(app).getByLabelText('Session lifetime') as HTMLInputElement;
    expect(amount.value).toBe('1');
    expect((within(app).getByLabelText('Lifetime unit') as HTMLSelectElement).value).toBe('hours');
    await user.clear(amount);
    await user.type(amount, '2{Enter}');
    expect(onChange).toHaveBeenLastCalledWith('https://app.example.com', { secrets: ['s3cr3t-flask-key', 'old-secret-2023'], maxAge: 7200, salt: 'email-confirm' });
    await user.click(within(app).getByRole('button', { name: 'Use default' }));
    expect(onChange).toHaveBeenLastCalledWith('https://app.example.com', { secrets: ['s3cr3t-flask-key', 'old-secret-2023'], salt: 'email-confirm' });
  });

  it("replaces and clears a site's custom salt", async () => {
    const user = userEvent.setup();
    const onChange = renderOptions();
    const app = site('https://app.example.com');
    expect(app.querySelector('.sl-salt .sl-hint')!.textContent).toMatch(/^Saved: "email-confirm"\. A custom salt is tried first/);
    await user.type(within(app).getByLabelText('Custom salt'), 'password-reset{Enter}');
    expect(onChange).toHaveBeenLastCalledWith('https://app.example.com', { secrets: ['s3cr3t-flask-key', 'old-secret-2023'], maxAge: 3600, salt: 'password-reset' });
    await user.click(within(app).getByRole('button', { name: 'Use default salts' }));
    expect(onChange).toHaveBeenLastCalledWith('https://app.example.com', { secrets: ['s3cr3t-flask-key', 'old-secret-2023'], maxAge: 3600 });
  });

  it('sets a salt for a site that had none, exactly as typed, spaces included', async () => {
    const user = userEvent.setup();
    const onChange = renderOptions();
    const shop = site('https://shop.example.net');
    expect(within(shop).queryByRole('button', { name: 'Use default salts' })).toBeNull();
    const field = within(shop).getByLabelText('Custom salt');
    await user.type(field, ' my-app ');
    const warning = within(shop).getByText('Starts or ends with a space: the salt is used exactly as typed.');
    expect(field.getAttribute('aria-describedby')!.split(' ')).toContain(warning.id);
    await user.keyboard('{Enter}');
    expect(onChange).toHaveBeenCalledWith('https://shop.example.net', { secrets: ['dev'], salt: ' my-app ' });
  });

  it('sets a lifetime for a site that had none', async () => {
    const user = userEvent.setup();
    const onChange = renderOptions();
    await user.type(within(site('https://shop.example.net')).getByLabelText('Session lifetime'), '31{Enter}');
    expect(onChange).toHaveBeenCalledWith('https://shop.example.net', { secrets: ['dev'], maxAge: 31 * 86400 });
  });

  it('forgets a site after a confirm step', async () => {
    const user = userEvent.setup();
    const onChange = renderOptions();
    const app = site('https://app.example.com');
    await user.click(within(app).getByRole('button', { name: 'Forget this site' }));
    expect(onChange).not.toHaveBeenCalled();
    expect(app.querySelector('.sl-forget p')!.textContent).toBe('Forget https://app.example.com? Its 2 secret keys and settings will be deleted from this browser.');
    await user.click(within(app).getByRole('button', { name: 'Cancel' }));
    expect(within(app).queryByText(/will be deleted/)).toBeNull();
    await user.click(within(app).getByRole('button', { name: 'Forget this site' }));
    await user.click(within(app).getByRole('button', { name: 'Yes, forget this site' }));
    expect(onChange).toHaveBeenCalledWith('https://app.example.com', null);
  });

  it('has an empty state', () => {
    renderOptions({});
    expect(screen.getByRole('heading', { name: 'No saved sites yet' })).toBeTruthy();
    expect(screen.getByText(/add its secret key to verify its sessions/)).toBeTruthy();
  });

  it('says where settings are kept', () => {
    renderOptions();
    expect(
      screen.getByText(/kept only in this browser's extension storage \(secret keys added in a private window: in memory until the browser closes, unless you chose to keep them\); never synced or sent anywhere/),
    ).toBeTruthy();
  });
});
