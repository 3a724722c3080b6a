import { describe, expect, it } from 'vitest';
import { unsupportedPageReason } from '../../lib/browser/page-kind';

describe('unsupportedPageReason', () => {
  it('a tab whose address the browser hides may be on a site not granted yet, and says how to allow it', () => {
    const reason = unsupportedPageReason(undefined)!;
    expect(reason).toContain('a site you have not allowed Session Lens to read');
    expect(reason).toContain('open Session Lens from the toolbar while on it');
  });

  it('names local files, browser pages and extension stores, and lets web sites through', () => {
    expect(unsupportedPageReason('file:///tmp/a.html')).toBe('Local files (file://) have no cookies.');
    expect(unsupportedPageReason('chrome://settings/')).toContain('Browser pages (chrome://)');
    expect(unsupportedPageReason('https://chromewebstore.google.com/detail/x')).toContain('extension store');
    expect(unsupportedPageReason('not a url')).toBe('This tab\'s address is not a web page.');
    expect(unsupportedPageReason('https://app.example.com/login')).toBeNull();
  });
});
