import { act, renderHook, waitFor } from '@testing-library/react';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { siteSettingsStore } from '../../lib/browser/site-settings';
import { useSiteSettings } from '../../components/useSiteSettings';
import { SITE } from './helpers';

describe('useSiteSettings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps every secret added in a row (the keys of one pasted key file)', async () => {
    const { result } = renderHook(() => useSiteSettings(SITE));
    act(() => {
      result.current.onAddSecret('first', 'device');
      result.current.onAddSecret('second', 'device');
      result.current.onAddSecret('third', 'device');
    });
    await waitFor(() => expect(result.current.settings.secrets).toEqual(['first', 'second', 'third']));
    expect((await siteSettingsStore.getValue())[SITE]!.secrets).toEqual(['first', 'second', 'third']);
  });

  it('keeps a salt set right after a secret; clearing both forgets the site', async () => {
    const { result } = renderHook(() => useSiteSettings(SITE));
    act(() => {
      result.current.onAddSecret('first', 'device');
      result.current.onSetSalt(' my-app ');
    });
    await waitFor(() => expect(result.current.settings).toEqual({ secrets: ['first'], salt: ' my-app ' }));
    expect((await siteSettingsStore.getValue())[SITE]).toEqual({ secrets: ['first'], salt: ' my-app ' });
    act(() => {
      result.current.onRemoveSecret(0);
      result.current.onSetSalt(undefined);
    });
    await waitFor(() => expect(result.current.settings).toEqual({ secrets: [] }));
    expect(await siteSettingsStore.getValue()).toEqual({});
  });
});
