import { cleanup, render, screen } from '@testing-library/react';
import { lazy, type ReactElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OnDemand } from '../../components/on-demand';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('OnDemand', () => {
  it('says the part the user asked for is loading, then shows it', async () => {
    let arrive!: () => void;
    const Part = lazy(() => new Promise<{ default: () => ReactElement }>((resolve) => (arrive = () => resolve({ default: () => <p>the part</p> }))));
    render(
      <OnDemand what="the session editor" announce>
        <Part />
      </OnDemand>,
    );
    expect(screen.getByRole('status').textContent).toBe('Loading the session editor…');
    arrive();
    expect(await screen.findByText('the part')).toBeDefined();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('shows nothing while a part nobody asked for loads', () => {
    const Part = lazy(() => new Promise<never>(() => undefined));
    const { container } = render(
      <OnDemand what="the wordlist scan">
        <Part />
      </OnDemand>,
    );
    expect(container.textContent).toBe('');
  });

  it('says so in plain words, with no stack trace, when the part\'s code cannot be loaded', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // React reports the caught error
    const Part = lazy(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module: chrome-extension://x/chunks/SessionEditor.js')));
    render(
      <div>
        <span>the card</span>
        <OnDemand what="the session editor" announce>
          <Part />
        </OnDemand>
      </div>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('Session Lens could not show the session editor. Close it and open it again.');
    expect(screen.getByText('the card')).toBeDefined();
    expect(document.body.textContent).not.toContain('Failed to fetch');
  });
});
