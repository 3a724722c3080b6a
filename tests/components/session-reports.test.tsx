import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SessionLensView } from '../../components/SessionLensView';
import type { CookieInput } from '../../lib/types';
import { cookiesTab, viewProps } from './helpers';

const jar = (value: string): CookieInput[] => [{ name: 'theme', value }];

describe('SessionLensView when decoding failed', () => {
  it('shows a plain error instead of "Decoding…", without a stack', () => {
    const cookies = jar('a');
    const decodeError = 'The decoder stopped: too much recursion\n    at toTyped (chrome-extension://abc/decode-worker.js:1:2)';
    render(<SessionLensView {...viewProps({ tab: cookiesTab(cookies), cookies, reports: null, decodeError })} />);
    expect(screen.getByRole('heading', { name: "Session Lens couldn't decode the 1 cookie on app.example.com" })).toBeTruthy();
    const main = screen.getByRole('main').textContent!;
    expect(main).toContain('What went wrong: The decoder stopped: too much recursion');
    expect(main).not.toContain('Decoding');
    expect(main).not.toContain('chrome-extension');
    expect(screen.queryByRole('status')).toBeNull();
  });
});
